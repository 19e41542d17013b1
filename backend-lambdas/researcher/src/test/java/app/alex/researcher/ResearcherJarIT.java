package app.alex.researcher;

import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.aws.fakes.FakeSageMakerEndpoint;
import app.alex.aws.fakes.HashedTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * target/alex-researcher.jar alone, in a fresh JVM, configured by Terraform's environment variables:
 * a research event through the function URL handler writes a report into (fake) S3 Vectors, and the
 * feed event lists it.
 */
class ResearcherJarIT {

    @Test
    void theResearcherJarResearchesAndListsTheFeedUsingOnlyWhatItCarries() throws Exception {
        try (var s3Vectors = new FakeS3Vectors().createIndex("alex-kb", "chunks", 384, Set.of("text"));
             var sageMaker = new FakeSageMakerEndpoint("alex-minilm", HashedTokens::of)) {
            String events = Path.of("src", "test", "resources", "events").toAbsolutePath().toString();
            var builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp",
                    Path.of("target", "alex-researcher.jar").toAbsolutePath() + File.pathSeparator
                            + Path.of("target", "test-classes").toAbsolutePath(),
                    FunctionUrlSmoke.class.getName(), events + "/function-url-research.json", events + "/function-url-feed.json"))
                    .redirectErrorStream(true);
            var env = builder.environment();
            env.put("AWS_REGION", "us-west-2");
            env.put("AWS_ACCESS_KEY_ID", "AKIATEST");
            env.put("AWS_SECRET_ACCESS_KEY", "secret");
            env.put("AWS_ENDPOINT_URL_S3VECTORS", s3Vectors.endpoint().toString());
            env.put("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", sageMaker.endpoint().toString());
            env.put("ALEX_VECTOR_BUCKET", "alex-kb");
            env.put("ALEX_VECTOR_INDEX", "chunks");
            env.put("ALEX_EMBEDDINGS_ENDPOINT", "alex-minilm");
            env.put("ALEX_LLM", "none");
            env.put("DJL_CACHE_DIR", Path.of("target", "djl-cache").toAbsolutePath().toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();

            var json = new ObjectMapper();
            List<JsonNode> responses = output.lines().filter(l -> l.startsWith("RESPONSE ")).map(l -> {
                try {
                    return json.readTree(l.substring(9));
                } catch (Exception e) {
                    throw new AssertionError(l, e);
                }
            }).toList();
            assertThat(responses).as(output).hasSize(2);
            JsonNode report = json.readTree(responses.get(0).path("body").asText());
            assertThat(responses.get(0).path("statusCode").asInt()).as(output).isEqualTo(200);
            assertThat(report.path("topic").asText()).isEqualTo("Copper demand");
            assertThat(report.path("extractive").asBoolean()).isTrue();
            assertThat(s3Vectors.calls("PutVectors")).as("the report is stored in the knowledge base").isNotEmpty();
            JsonNode feed = json.readTree(responses.get(1).path("body").asText());
            assertThat(feed.path("reports").get(0).path("id").asText()).isEqualTo(report.path("id").asText());
        }
    }
}
