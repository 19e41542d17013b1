package app.alex.researcher;

import app.alex.api.ApiKeys;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.Map;

/**
 * The researcher on Lambda, behind a function URL with IAM auth (so no API keys here). Clients
 * and the SDK are built once per execution environment; no network call happens until a request.
 */
public final class ResearcherHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final class Shared {
        static final FunctionUrlTransport TRANSPORT = transport(System.getenv());

        private static FunctionUrlTransport transport(Map<String, String> env) {
            // IAM on the function URL authenticates callers: the router takes no API keys here.
            return new FunctionUrlTransport(CloudResearch.router(ResearcherSettings.fromEnvironment(env), env, ApiKeys.parse(null)));
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Shared.TRANSPORT.handle(event, context);
    }
}
