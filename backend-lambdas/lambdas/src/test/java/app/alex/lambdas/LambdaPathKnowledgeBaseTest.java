package app.alex.lambdas;

import app.alex.aws.CloudKnowledgeBase;

import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.aws.fakes.FakeSageMakerEndpoint;
import app.alex.aws.fakes.HashedTokens;
import app.alex.aws.s3vectors.S3VectorsIndex;
import app.alex.aws.sagemaker.SageMakerEmbedder;
import app.alex.client.RemoteKnowledgeBase;
import app.alex.core.backend.KnowledgeBase;
import app.alex.core.backend.KnowledgeBaseContract;
import app.alex.minilm.MiniLmTokenizer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * The knowledge-base contract through the third path: the real remote client, a loopback stand-in
 * for API Gateway that turns each request into REST proxy event JSON, the three Lambda handlers,
 * and the real S3 Vectors and SageMaker SDK clients talking to local fakes of those services.
 */
class LambdaPathKnowledgeBaseTest extends KnowledgeBaseContract {
    private static final MiniLmTokenizer TOKENIZER = MiniLmTokenizer.load();
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private FakeS3Vectors s3Vectors;
    private FakeSageMakerEndpoint sageMaker;
    private HttpServer gateway;

    @Override
    protected KnowledgeBase newKnowledgeBase() throws IOException {
        s3Vectors = new FakeS3Vectors().createIndex("alex-kb", "chunks", 384, Set.of("text"));
        sageMaker = new FakeSageMakerEndpoint("alex-minilm", HashedTokens::of);
        var kb = CloudKnowledgeBase.wire(SageMakerEmbedder.create(sageMaker.clientSettings(), "alex-minilm", TOKENIZER),
                S3VectorsIndex.create(s3Vectors.clientSettings(), "alex-kb", "chunks"), TOKENIZER, Clock.systemUTC());
        var ingest = new IngestHandler(kb);
        var search = new SearchHandler(kb);
        var documents = new DocumentsHandler(kb);

        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            ObjectNode event = json.createObjectNode();
            event.put("resource", path.startsWith("/documents/") ? "/documents/{id}" : path);
            event.put("path", path);
            event.put("httpMethod", exchange.getRequestMethod());
            ObjectNode headers = event.putObject("headers");
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            ObjectNode query = event.putObject("queryStringParameters");
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            event.putObject("requestContext").put("requestId", "req-1").put("stage", "v1").putObject("identity")
                    .put("apiKey", headers.path("x-api-key").asText());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            event.put("body", body.isEmpty() ? null : body);
            event.put("isBase64Encoded", false);
            // Through JSON and back, as the Lambda runtime delivers it.
            var request = json.readValue(json.writeValueAsBytes(event), APIGatewayProxyRequestEvent.class);
            APIGatewayProxyResponseEvent response = (IngestHandler.serves(request.getHttpMethod(), path) ? ingest
                    : SearchHandler.serves(request.getHttpMethod(), path) ? search : documents).handleRequest(request, null);
            response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.getStatusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        gateway.start();
        return new RemoteKnowledgeBase(URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()), "any-key",
                Duration.ofSeconds(20));
    }

    @Override
    protected void closeKnowledgeBase() {
        gateway.stop(0);
        s3Vectors.close();
        sageMaker.close();
    }
}
