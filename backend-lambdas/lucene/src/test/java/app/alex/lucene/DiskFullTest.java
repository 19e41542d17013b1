package app.alex.lucene;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.StorageFullException;
import app.alex.core.testing.HashingEmbedder;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A full disk, as the real IndexWriter meets it: the directory under it throws the operating
 * system's IOException ("No space left on device") once the disk "fills", Lucene closes the
 * writer for good, and every write after that must still say "disk full", not "this writer hit
 * an unrecoverable error". What was committed before survives.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    private final AtomicBoolean full = new AtomicBoolean();

    @Test
    void writesOnAFullDiskSayDiskFullEveryTimeAndWhatWasStoredBeforeSurvives() {
        Path folder = dir.resolve("index");
        var index = LuceneVectorIndex.open(folder, HashingEmbedder.DIMENSION, Tuning.DEFAULT, this::fillingDirectory);
        upsert(index, "before", "Stored while there was room on the disk.");

        full.set(true);
        for (String id : List.of("first-after", "second-after")) {
            assertThatThrownBy(() -> upsert(index, id, "Written once the disk is full."))
                    .as(id)
                    .isInstanceOf(StorageFullException.class)
                    .hasMessageStartingWith("disk full: no space left on the device holding " + dir)
                    .extracting(e -> ((StorageFullException) e).code()).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE);
        }
        closeAfterTheFailure(index);

        full.set(false);
        var reopened = LuceneVectorIndex.open(folder, HashingEmbedder.DIMENSION);
        try {
            assertThat(reopened.document("before")).isPresent();
            assertThat(reopened.document("first-after")).isEmpty();
            assertThat(reopened.stats().documents()).isEqualTo(1);
        } finally {
            reopened.close();
        }
    }

    private Directory fillingDirectory(Path folder) throws IOException {
        return new FilterDirectory(FSDirectory.open(folder)) {
            @Override
            public IndexOutput createOutput(String name, IOContext context) throws IOException {
                failIfFull(name);
                return super.createOutput(name, context);
            }

            @Override
            public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
                failIfFull(prefix);
                return super.createTempOutput(prefix, suffix, context);
            }

            private void failIfFull(String name) throws IOException {
                if (full.get()) {
                    throw new IOException(folder.resolve(name) + ": No space left on device");
                }
            }
        };
    }

    private static void upsert(LuceneVectorIndex index, String id, String text) {
        var document = new DocumentRecord(id, id, "/" + id, DocumentType.NOTE, List.of(), Instant.EPOCH, Instant.EPOCH,
                "hash-" + id, 1, text.length(), "text/plain", Map.of());
        index.upsert(document, List.of(new ChunkRecord(id, 0, text, 1, 0, text.length(), 8)),
                new HashingEmbedder().embed(List.of(text)));
    }

    /** Closing a writer Lucene already closed after the failure may rethrow it; the files are what matter. */
    private static void closeAfterTheFailure(LuceneVectorIndex index) {
        try {
            index.close();
        } catch (RuntimeException alreadyReported) {
            assertThat(alreadyReported).hasStackTraceContaining("No space left on device");
        }
    }
}
