package app.alex.lambdas;

import app.alex.api.ApiRouter;
import app.alex.core.backend.KnowledgeBase;

/** {@code POST /search}: embed the query with SageMaker, query S3 Vectors with the filter. */
public final class SearchHandler extends ApiLambda {
    public SearchHandler() {
        super(SearchHandler::serves);
    }

    SearchHandler(KnowledgeBase knowledgeBase) {
        super(knowledgeBase, SearchHandler::serves);
    }

    /** Derived from the route table: the routes whose function is this one. */
    static boolean serves(String method, String path) {
        return ApiRouter.functionFor(path).filter(ApiRouter.SEARCH_FUNCTION::equals).isPresent();
    }
}
