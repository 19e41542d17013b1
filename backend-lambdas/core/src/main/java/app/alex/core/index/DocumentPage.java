package app.alex.core.index;

import app.alex.core.document.DocumentRecord;

import java.util.List;

/** One page of documents; {@code nextCursor} is null on the last page. */
public record DocumentPage(List<DocumentRecord> documents, String nextCursor) {
    public DocumentPage {
        documents = List.copyOf(documents);
    }
}
