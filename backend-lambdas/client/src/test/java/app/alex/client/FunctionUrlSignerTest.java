package app.alex.client;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionUrlSignerTest {

    @Test
    void onlyLambdaFunctionUrlsAreSignedAndTheRegionComesFromTheUrl() {
        assertThat(FunctionUrlSigner.forUrl(URI.create("https://abcdef123.lambda-url.eu-west-1.on.aws"), "alex")).isNotNull();
        assertThat(FunctionUrlSigner.forUrl(URI.create("http://127.0.0.1:8080"), null)).isNull();
        assertThat(FunctionUrlSigner.forUrl(URI.create("https://abc.execute-api.us-east-1.amazonaws.com/v1"), null)).isNull();
    }

    @Test
    void aSignedRequestCarriesASigV4AuthorizationForTheLambdaService() {
        var signer = new FunctionUrlSigner(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret")),
                "eu-west-1");
        URI uri = URI.create("https://abcdef123.lambda-url.eu-west-1.on.aws/research");
        var builder = HttpRequest.newBuilder(uri);

        signer.sign(builder, "POST", uri, "{\"topic\":\"x\"}".getBytes());

        var headers = builder.POST(HttpRequest.BodyPublishers.noBody()).build().headers();
        assertThat(headers.firstValue("Authorization")).get().asString()
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIATEST/").contains("/eu-west-1/lambda/aws4_request");
        assertThat(headers.firstValue("X-Amz-Date")).isPresent();
        assertThat(headers.firstValue("Host")).as("java.net.http sets Host itself").isEmpty();
    }
}
