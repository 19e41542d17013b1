package app.alex.lambdas;

import app.alex.api.ApiRouter;
import app.alex.core.backend.KnowledgeBase;

/** {@code POST /ingest}: extract nothing (the client sends text), chunk, embed with SageMaker, store in S3 Vectors. */
public final class IngestHandler extends ApiLambda {
    public IngestHandler() {
        super(IngestHandler::serves);
    }

    IngestHandler(KnowledgeBase knowledgeBase) {
        super(knowledgeBase, IngestHandler::serves);
    }

    /** Derived from the route table: the routes whose function is this one. */
    static boolean serves(String method, String path) {
        return ApiRouter.functionFor(path).filter(ApiRouter.INGEST_FUNCTION::equals).isPresent();
    }
}
