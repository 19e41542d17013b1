package app.alex.aws.client;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how an AWS client connects. The region is always explicit (no lookup at start-up);
 * the endpoint is null for the real service (tests point it at a local fake); credentials null
 * means the SDK's default chain, which in Lambda reads the function role from the environment.
 */
public record ClientSettings(String region, URI endpoint, AwsCredentialsProvider credentials, CallPolicy policy) {

    public ClientSettings {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("an AWS region is required (for example us-east-1)");
        }
        Objects.requireNonNull(policy, "policy");
    }

    public static ClientSettings of(String region, CallPolicy policy) {
        return new ClientSettings(region, null, null, policy);
    }
}
