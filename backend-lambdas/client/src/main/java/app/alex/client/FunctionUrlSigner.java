package app.alex.client;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs requests to a researcher behind a Lambda function URL with IAM auth (SigV4, service
 * "lambda"), with the analyst's own AWS credentials: a named profile, or the default chain. The
 * region comes from the URL ({@code https://<id>.lambda-url.<region>.on.aws}).
 */
public final class FunctionUrlSigner {
    private static final Pattern FUNCTION_URL = Pattern.compile("^[a-z0-9]+\\.lambda-url\\.([a-z0-9-]+)\\.on\\.aws$");
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final AwsCredentialsProvider credentials;
    private final String region;

    public FunctionUrlSigner(AwsCredentialsProvider credentials, String region) {
        this.credentials = credentials;
        this.region = region;
    }

    /** A signer for this URL if it is a Lambda function URL, else null (API keys then). */
    public static FunctionUrlSigner forUrl(URI url, String profile) {
        Matcher m = url.getHost() == null ? null : FUNCTION_URL.matcher(url.getHost().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            return null;
        }
        AwsCredentialsProvider provider = profile == null || profile.isBlank()
                ? DefaultCredentialsProvider.builder().build() : ProfileCredentialsProvider.create(profile.strip());
        return new FunctionUrlSigner(provider, m.group(1));
    }

    /** Adds the SigV4 headers for this method, URI and body to the builder. */
    public void sign(HttpRequest.Builder builder, String method, URI uri, byte[] body) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method))
                .putHeader("content-type", "application/json").build();
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials()).request(unsigned)
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        for (Map.Entry<String, java.util.List<String>> header : signed.request().headers().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                builder.setHeader(header.getKey(), header.getValue().getFirst());
            }
        }
    }
}
