package app.alex.lambdas;

import app.alex.core.backend.KnowledgeBase;

/** {@code POST /ingest}: extract nothing (the client sends text), chunk, embed with SageMaker, store in S3 Vectors. */
public final class IngestHandler extends ApiLambda {
    public IngestHandler() {
        super(IngestHandler::serves);
    }

    IngestHandler(KnowledgeBase knowledgeBase) {
        super(knowledgeBase, IngestHandler::serves);
    }

    static boolean serves(String method, String path) {
        return path.equals("/ingest");
    }
}
