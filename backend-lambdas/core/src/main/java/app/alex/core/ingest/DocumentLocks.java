package app.alex.core.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per document id, held from "what is stored under this id?" to the write, so ten
 * concurrent ingests of one source give one "created" and nine answers that saw it (unchanged or
 * replaced), not ten "created". Ingests of different documents never wait for each other; a lock
 * lives only while someone holds or waits for it.
 */
final class DocumentLocks {
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

    <T> T underLock(String documentId, Supplier<T> work) {
        Entry entry = locks.compute(documentId, (id, existing) -> {
            Entry e = existing == null ? new Entry() : existing;
            e.users++;
            return e;
        });
        entry.lock.lock();
        try {
            return work.get();
        } finally {
            entry.lock.unlock();
            locks.computeIfPresent(documentId, (id, e) -> --e.users == 0 ? null : e);
        }
    }

    /** Ids with a live lock (tests check nothing is kept once the ingests are done). */
    int size() {
        return locks.size();
    }
}
