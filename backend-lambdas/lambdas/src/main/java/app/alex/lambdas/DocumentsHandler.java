package app.alex.lambdas;

import app.alex.api.ApiRouter;
import app.alex.core.backend.KnowledgeBase;

/** {@code GET /documents}, {@code GET /documents/{id}}, {@code DELETE /documents/{id}}. */
public final class DocumentsHandler extends ApiLambda {
    public DocumentsHandler() {
        super(DocumentsHandler::serves);
    }

    DocumentsHandler(KnowledgeBase knowledgeBase) {
        super(knowledgeBase, DocumentsHandler::serves);
    }

    /** Derived from the route table: the routes whose function is this one. */
    static boolean serves(String method, String path) {
        return ApiRouter.functionFor(path).filter(ApiRouter.DOCUMENTS_FUNCTION::equals).isPresent();
    }
}
