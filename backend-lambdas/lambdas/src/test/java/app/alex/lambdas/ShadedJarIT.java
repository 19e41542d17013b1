package app.alex.lambdas;

import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.aws.fakes.FakeSageMakerEndpoint;
import app.alex.aws.fakes.HashedTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployable artifact itself: target/alex-lambdas.jar alone (no Maven classpath) runs the ingest
 * and search handlers end to end in a fresh JVM, configured only by the environment variables
 * Terraform sets, against loopback fakes of S3 Vectors and SageMaker (the SDK's standard
 * AWS_ENDPOINT_URL_* variables point it there). And it leaves out what the cloud must not carry.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "alex-lambdas.jar");

    @Test
    void theShadedJarIngestsAndSearchesUsingOnlyWhatItCarries() throws Exception {
        try (var s3Vectors = new FakeS3Vectors().createIndex("alex-kb", "chunks", 384, Set.of("text"));
             var sageMaker = new FakeSageMakerEndpoint("alex-minilm", HashedTokens::of)) {
            String events = Path.of("src", "test", "resources", "events").toAbsolutePath().toString();
            var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp",
                    JAR.toAbsolutePath() + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(),
                    LambdaRuntimeSmoke.class.getName(),
                    "app.alex.lambdas.IngestHandler", events + "/ingest-base64.json",
                    "app.alex.lambdas.SearchHandler", events + "/search.json"));
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            var env = builder.environment();
            env.put("AWS_REGION", "us-west-2");
            env.put("AWS_ACCESS_KEY_ID", "AKIATEST");
            env.put("AWS_SECRET_ACCESS_KEY", "secret");
            env.put("AWS_ENDPOINT_URL_S3VECTORS", s3Vectors.endpoint().toString());
            env.put("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", sageMaker.endpoint().toString());
            env.put("ALEX_VECTOR_BUCKET", "alex-kb");
            env.put("ALEX_VECTOR_INDEX", "chunks");
            env.put("ALEX_EMBEDDINGS_ENDPOINT", "alex-minilm");
            env.put("DJL_CACHE_DIR", Path.of("target", "djl-cache").toAbsolutePath().toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();

            var json = new ObjectMapper();
            List<JsonNode> responses = output.lines().filter(l -> l.startsWith("RESPONSE "))
                    .map(l -> readTree(json, l.substring(9))).toList();
            assertThat(responses).as(output).hasSize(2);
            assertThat(responses.get(0).path("statusCode").asInt()).as(output).isEqualTo(200);
            assertThat(responses.get(1).path("statusCode").asInt()).as(output).isEqualTo(200);
            JsonNode results = json.readTree(responses.get(1).path("body").asText()).path("results");
            assertThat(results.size()).isPositive();
            assertThat(s3Vectors.calls("PutVectors")).isNotEmpty();
            assertThat(sageMaker.calls()).isNotEmpty();
        }
    }

    @Test
    void theJarCarriesTheHandlersAndTheTokenizerButNoModelWeightsOrOnnxRuntime() throws Exception {
        try (var jar = new JarFile(JAR.toFile())) {
            var names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).contains("app/alex/lambdas/IngestHandler.class", "app/alex/lambdas/SearchHandler.class",
                    "app/alex/lambdas/DocumentsHandler.class", "app/alex/lambdas/scheduler/SchedulerHandler.class",
                    "all-minilm-l6-v2-tokenizer.json");
            assertThat(names).noneMatch(n -> n.endsWith(".onnx")).noneMatch(n -> n.startsWith("ai/onnxruntime/"))
                    .noneMatch(n -> n.startsWith("org/apache/pdfbox/")).noneMatch(n -> n.startsWith("io/netty/"));
        }
    }

    private static JsonNode readTree(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
