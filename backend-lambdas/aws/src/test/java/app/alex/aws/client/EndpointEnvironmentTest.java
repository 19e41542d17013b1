package app.alex.aws.client;

import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.aws.fakes.FakeSageMakerEndpoint;
import app.alex.aws.fakes.HashedTokens;
import app.alex.aws.s3vectors.S3VectorsIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK (2.40.2) reads the standard endpoint settings itself: {@code AWS_ENDPOINT_URL}, the
 * service-specific {@code AWS_ENDPOINT_URL_S3VECTORS} and {@code AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME}
 * (and their system properties, and {@code endpoint_url} in the profile). Alex sets an endpoint
 * only when it is given one, so the Lambdas, built from the environment, follow them.
 */
class EndpointEnvironmentTest {
    private FakeS3Vectors s3Vectors;
    private FakeSageMakerEndpoint sageMaker;

    @BeforeEach
    void start() {
        s3Vectors = new FakeS3Vectors().createIndex("kb", "chunks");
        sageMaker = new FakeSageMakerEndpoint("alex-minilm", HashedTokens::of);
    }

    @AfterEach
    void stop() {
        s3Vectors.close();
        sageMaker.close();
    }

    private static ClientSettings noEndpoint() {
        return new ClientSettings("us-east-1", null,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTFAKE", "secret")),
                CallPolicy.s3VectorsDefaults().withMaxAttempts(1));
    }

    /** Runs {@link EndpointProbe} with exactly this environment (plus PATH), as a Lambda would start. */
    private static String probe(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                EndpointProbe.class.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private Map<String, String> lambdaEnvironment() {
        return new java.util.HashMap<>(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "AKIDTESTFAKE",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_EC2_METADATA_DISABLED", "true",
                "ALEX_VECTOR_BUCKET", "kb", "ALEX_VECTOR_INDEX", "chunks", "ALEX_EMBEDDINGS_ENDPOINT", "alex-minilm"));
    }

    @Test
    void theServiceSpecificVariablesPointTheLambdasClientsAtTheirEndpointsAndWinOverTheGlobalOne() throws Exception {
        var env = lambdaEnvironment();
        env.put("AWS_ENDPOINT_URL_S3VECTORS", s3Vectors.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", sageMaker.endpoint().toString());
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9"); // nothing listens there

        String output = probe(env, "embed");

        assertThat(output).contains("documents 0", "dimension 384");
        assertThat(s3Vectors.calls()).isNotEmpty();
        assertThat(sageMaker.calls("InvokeEndpoint")).hasSize(1);
        assertThat(sageMaker.calls().getFirst().header("authorization")).contains("Credential=AKIDTESTFAKE/");
    }

    @Test
    void theGlobalSettingAloneIsFollowedToo() {
        // aws.endpointUrl is AWS_ENDPOINT_URL's system property: the SDK resolves both in one place.
        System.setProperty("aws.endpointUrl", s3Vectors.endpoint().toString());
        try (var index = S3VectorsIndex.create(noEndpoint(), "kb", "chunks")) {
            assertThat(index.stats().documents()).isZero();
        } finally {
            System.clearProperty("aws.endpointUrl");
        }
        assertThat(s3Vectors.calls()).isNotEmpty();
    }

    @Test
    void theSystemPropertyIsFollowedByAClientBuiltWithoutAnEndpoint() {
        System.setProperty("aws.endpointUrlS3Vectors", s3Vectors.endpoint().toString());
        try (var index = S3VectorsIndex.create(noEndpoint(), "kb", "chunks")) {
            assertThat(index.stats().documents()).isZero();
        } finally {
            System.clearProperty("aws.endpointUrlS3Vectors");
        }
        assertThat(s3Vectors.calls()).isNotEmpty();
    }

    @Test
    void anEndpointGivenToAlexStillWinsForTests() {
        System.setProperty("aws.endpointUrlS3Vectors", "http://127.0.0.1:9");
        try (var index = S3VectorsIndex.create(s3Vectors.clientSettings(), "kb", "chunks")) {
            assertThat(index.stats().documents()).isZero();
        } finally {
            System.clearProperty("aws.endpointUrlS3Vectors");
        }
    }
}
