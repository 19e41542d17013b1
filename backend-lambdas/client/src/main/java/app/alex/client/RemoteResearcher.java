package app.alex.client;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchJson;
import app.alex.core.research.ResearchReport;
import app.alex.core.research.ResearchStep;
import app.alex.core.research.Researcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * The researcher service over HTTP ({@code alex serve} or the deployed service). Research streams
 * its steps as server-sent events; interrupting the calling thread closes the stream, which
 * cancels the research on the server.
 */
public final class RemoteResearcher implements Researcher {
    private final JsonHttp http;
    private final Duration researchTimeout;
    private final ObjectMapper json = new ObjectMapper();

    public RemoteResearcher(URI base, String apiKey, Duration timeout, Duration researchTimeout) {
        this(base, apiKey, (String) null, timeout, researchTimeout);
    }

    /**
     * @param awsProfile for a researcher behind a Lambda function URL (IAM auth): the AWS profile
     *                   whose credentials sign the requests; null or blank for the default chain.
     *                   Ignored for other URLs, which take the API key.
     */
    public RemoteResearcher(URI base, String apiKey, String awsProfile, Duration timeout, Duration researchTimeout) {
        this(base, apiKey, FunctionUrlSigner.forUrl(base, awsProfile), timeout, researchTimeout);
    }

    /** @param signer signs every request (a researcher behind an IAM function URL); null to send the API key */
    public RemoteResearcher(URI base, String apiKey, FunctionUrlSigner signer, Duration timeout, Duration researchTimeout) {
        this.http = new JsonHttp(base, apiKey, timeout, "Alex researcher", signer);
        this.researchTimeout = researchTimeout;
    }

    @Override
    public ResearchReport research(String topic, Consumer<ResearchStep> steps) {
        return stream("/research", json.createObjectNode().put("topic", topic).toString(), steps);
    }

    @Override
    public ResearchReport researchAuto(Consumer<ResearchStep> steps) {
        return stream("/research/auto", "{}", steps);
    }

    private ResearchReport stream(String path, String body, Consumer<ResearchStep> steps) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = http.request("POST", path, bytes).timeout(researchTimeout)
                .header("accept", "text/event-stream").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        HttpResponse<InputStream> response;
        try {
            response = http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "Cannot reach the Alex researcher at " + http.base() + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlexException(ErrorCode.UNAVAILABLE, "Research was cancelled.");
        }
        try (InputStream in = response.body();
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            if (response.statusCode() >= 400) {
                JsonNode error = json.readTree(in.readAllBytes()).path("error");
                throw new AlexException(JsonHttp.code(error.path("code").asText(null), response.statusCode()),
                        error.path("message").asText("The researcher answered HTTP " + response.statusCode() + "."));
            }
            if (!response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) {
                // A transport that cannot stream (a Lambda function URL) answers with the report alone.
                return ResearchJson.report(json.readTree(in.readAllBytes()));
            }
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line; (line = reader.readLine()) != null; ) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new AlexException(ErrorCode.UNAVAILABLE, "Research was cancelled.");
                }
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && event != null) {
                    JsonNode node = json.readTree(data.toString());
                    switch (event) {
                        case "step" -> steps.accept(ResearchJson.step(node));
                        case "report" -> {
                            return ResearchJson.report(node);
                        }
                        case "error" -> throw new AlexException(JsonHttp.code(node.path("code").asText(null), 500),
                                node.path("message").asText("Research failed."));
                        default -> { }
                    }
                    event = null;
                    data.setLength(0);
                }
            }
            throw new AlexException(ErrorCode.UNAVAILABLE, "The researcher closed the connection before the report was ready.");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new AlexException(ErrorCode.UNAVAILABLE, "Research was cancelled.");
            }
            throw new AlexException(ErrorCode.UNAVAILABLE, "The connection to the researcher broke: " + e.getMessage(), e);
        }
    }

    @Override
    public FeedPage feed(FeedQuery query) {
        var params = new StringJoiner("&", "?", "");
        params.add("limit=" + query.limit());
        if (query.topicOrTicker() != null && !query.topicOrTicker().isBlank()) {
            params.add("topic=" + URLEncoder.encode(query.topicOrTicker(), StandardCharsets.UTF_8));
        }
        if (query.unreadOnly()) {
            params.add("unread=true");
        }
        if (query.cursor() != null) {
            params.add("cursor=" + URLEncoder.encode(query.cursor(), StandardCharsets.UTF_8));
        }
        return ResearchJson.page(http.send("GET", "/research" + params, null));
    }

    @Override
    public ResearchReport report(String id) {
        return ResearchJson.report(http.send("GET", "/research/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null));
    }

    @Override
    public void markRead(String id, boolean read) {
        http.send("PUT", "/research/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/read",
                json.createObjectNode().put("read", read));
    }

    /** The service's /health answer (for the desktop's Test connection button). */
    public JsonNode health() {
        return http.send("GET", "/health", null);
    }
}
