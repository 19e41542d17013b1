package app.alex.lambdas;

import app.alex.core.backend.KnowledgeBase;

/** {@code GET /documents}, {@code GET /documents/{id}}, {@code DELETE /documents/{id}}. */
public final class DocumentsHandler extends ApiLambda {
    public DocumentsHandler() {
        super(DocumentsHandler::serves);
    }

    DocumentsHandler(KnowledgeBase knowledgeBase) {
        super(knowledgeBase, DocumentsHandler::serves);
    }

    static boolean serves(String method, String path) {
        return path.equals("/documents") || path.startsWith("/documents/");
    }
}
