package app.alex.aws.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsClientsTest {

    @Test
    void theClientsCarryThePolicysTimeoutsAndAttempts() {
        var policy = new CallPolicy(5, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(9));

        try (var client = AwsClients.s3Vectors(ClientSettings.of("eu-west-1", policy))) {
            var config = client.serviceClientConfiguration();
            assertThat(config.region().id()).isEqualTo("eu-west-1");
            assertThat(config.overrideConfiguration().apiCallTimeout()).contains(Duration.ofSeconds(9));
            assertThat(config.overrideConfiguration().apiCallAttemptTimeout()).contains(Duration.ofSeconds(3));
            assertThat(config.overrideConfiguration().retryStrategy()).hasValueSatisfying(s -> assertThat(s.maxAttempts()).isEqualTo(5));
        }
    }

    @Test
    void theDefaultPoliciesFitApiGatewaysTwentyNineSeconds() {
        assertThat(CallPolicy.s3VectorsDefaults().callTimeout()).isLessThan(Duration.ofSeconds(29));
        assertThat(CallPolicy.sageMakerDefaults().callTimeout()).isLessThan(Duration.ofSeconds(29));
        assertThat(AwsClients.retryStrategy(CallPolicy.sageMakerDefaults()).maxAttempts()).isEqualTo(3);
    }

    @Test
    void aPolicyWhoseCallEndsBeforeItsFirstAttemptIsRefused() {
        assertThatThrownBy(() -> new CallPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientSettings.of(" ", CallPolicy.s3VectorsDefaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region");
    }
}
