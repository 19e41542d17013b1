package app.alex.lambdas;

import app.alex.aws.CloudKnowledgeBase;

import app.alex.api.ApiKeys;
import app.alex.api.ApiResponse;
import app.alex.api.ApiRouter;
import app.alex.core.backend.KnowledgeBase;
import app.alex.core.error.ErrorCode;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.nio.charset.StandardCharsets;
import java.util.function.BiPredicate;

/**
 * The shared shape of the ingest, search and documents functions: one {@link ApiRouter} over the
 * cloud knowledge base, behind API Gateway (which has already checked the API key against the
 * usage plan, so the router runs without keys). Each function answers only its own routes, so a
 * mis-wired gateway gets a clear 404 rather than the wrong function doing the work.
 */
abstract class ApiLambda implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    /** Built once per execution environment, on first use of any handler class. */
    private static final class Shared {
        static final KnowledgeBase KNOWLEDGE_BASE = CloudKnowledgeBase.fromEnvironment(System.getenv());
    }

    private final ApiGatewayTransport transport;
    private final BiPredicate<String, String> routes;

    protected ApiLambda(BiPredicate<String, String> routes) {
        this(Shared.KNOWLEDGE_BASE, routes);
    }

    protected ApiLambda(KnowledgeBase knowledgeBase, BiPredicate<String, String> routes) {
        this.transport = new ApiGatewayTransport(new ApiRouter(knowledgeBase, ApiKeys.parse(null)));
        this.routes = routes;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String method = event.getHttpMethod() == null ? "" : event.getHttpMethod();
        String path = event.getPath() == null ? "/" : event.getPath();
        if (!routes.test(method, path)) {
            ApiResponse error = ApiResponse.error(ErrorCode.NOT_FOUND, "This function does not serve " + method + " " + path + ".");
            return new APIGatewayProxyResponseEvent().withStatusCode(error.status()).withHeaders(error.headers())
                    .withBody(new String(error.body(), StandardCharsets.UTF_8));
        }
        return transport.handle(event, context);
    }
}
