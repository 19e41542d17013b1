package app.alex.aws.client;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3vectors.S3VectorsClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

import java.time.Duration;

/**
 * Builds the SDK clients the adapters use, the way a Lambda wants them: the light
 * URLConnection HTTP client, an explicit region, the SDK's own retry strategy with full-jitter
 * backoff, and call and attempt timeouts. Building a client makes no network call; build it
 * once (at Lambda init) and share it.
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static S3VectorsClient s3Vectors(ClientSettings settings) {
        return configure(S3VectorsClient.builder(), settings).build();
    }

    public static SageMakerRuntimeClient sageMakerRuntime(ClientSettings settings) {
        return configure(SageMakerRuntimeClient.builder(), settings).build();
    }

    /**
     * The SDK's standard strategy (throttling, 5xx, I/O errors) with our attempt count and backoff,
     * and any HTTP 408 from the service (S3 Vectors' RequestTimeoutException) said to be retryable
     * here, whatever the SDK's list of error codes holds.
     */
    public static RetryStrategy retryStrategy(CallPolicy policy) {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(policy.baseDelay(), policy.maxBackoff());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .retryOnException(AwsFailures::isServiceTimeout)
                .maxAttempts(policy.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
                                                                                           ClientSettings settings) {
        CallPolicy policy = settings.policy();
        builder.region(Region.of(settings.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(shorter(Duration.ofSeconds(3), policy.attemptTimeout()))
                        .socketTimeout(policy.attemptTimeout()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retryStrategy(policy))
                        .apiCallAttemptTimeout(policy.attemptTimeout())
                        .apiCallTimeout(policy.callTimeout())
                        .build())
                .credentialsProvider(settings.credentials() != null ? settings.credentials()
                        : DefaultCredentialsProvider.builder().build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
