package app.alex.core.library;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.error.AlexException;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.IndexStats;
import app.alex.core.index.VectorIndex;

import java.util.List;
import java.util.Objects;

/** Documents use case: list, show, delete. */
public final class LibraryService {
    private final VectorIndex index;

    public LibraryService(VectorIndex index) {
        this.index = Objects.requireNonNull(index);
    }

    public DocumentPage list(DocumentQuery query) {
        return index.list(query);
    }

    public DocumentRecord get(String id) {
        return index.document(id).orElseThrow(() -> AlexException.notFound("No document with id '" + id + "'."));
    }

    public List<ChunkRecord> chunks(String id) {
        get(id);
        return index.chunks(id);
    }

    public void delete(String id) {
        if (!index.delete(id)) {
            throw AlexException.notFound("No document with id '" + id + "'.");
        }
    }

    public IndexStats stats() {
        return index.stats();
    }
}
