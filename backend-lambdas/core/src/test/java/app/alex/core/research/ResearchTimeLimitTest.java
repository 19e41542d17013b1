package app.alex.core.research;

import app.alex.core.error.AlexException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResearchTimeLimitTest {

    @Test
    void unsetOrBlankMeansTenMinutes() {
        assertThat(ResearchTimeLimit.fromEnvironment(Map.of())).isEqualTo(Duration.ofSeconds(600));
        assertThat(ResearchTimeLimit.fromEnvironment(Map.of("ALEX_RESEARCH_TIMEOUT_SECONDS", " "))).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void aWholeNumberOfSecondsIsTakenAsIs() {
        assertThat(ResearchTimeLimit.fromEnvironment(Map.of("ALEX_RESEARCH_TIMEOUT_SECONDS", " 885 "))).isEqualTo(Duration.ofSeconds(885));
    }

    @Test
    void anythingElseIsRefusedWithTheVariablesName() {
        for (String bad : new String[] {"ten", "0", "-5", "1.5"}) {
            assertThatThrownBy(() -> ResearchTimeLimit.fromEnvironment(Map.of("ALEX_RESEARCH_TIMEOUT_SECONDS", bad)))
                    .isInstanceOf(AlexException.class).hasMessageContaining("ALEX_RESEARCH_TIMEOUT_SECONDS").hasMessageContaining(bad);
        }
    }
}
