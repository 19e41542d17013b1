package app.alex.edgar;

import app.alex.edgar.testing.FakeTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class EdgarRequestPacerTest {
    @Test
    void neverStartsMoreThanTenRequestsInAnyOneSecond() {
        var time = new FakeTime();
        var pacer = time.pacer(10);
        var starts = new ArrayList<Long>();

        for (int i = 0; i < 35; i++) {
            pacer.acquire();
            starts.add(time.nanoTime());
            time.advance(Duration.ofMillis(7)); // the request itself
        }

        for (int i = 10; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 10)).as("start %d and start %d", i - 10, i)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
        }
        // 35 requests at 10 a second: the last starts about three seconds after the first.
        assertThat(starts.getLast() - starts.getFirst()).isBetween(Duration.ofSeconds(3).toNanos(), Duration.ofMillis(3100).toNanos());
    }

    @Test
    void doesNotWaitWhileUnderTheLimit() {
        var time = new FakeTime();
        var pacer = time.pacer(10);
        for (int i = 0; i < 10; i++) {
            pacer.acquire();
            time.advance(Duration.ofMillis(150));
        }
        assertThat(time.sleeps()).isEmpty();
    }
}
