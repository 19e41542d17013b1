package app.alex.api;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle remembers only what it must, for as long as it must. */
class RateLimiterTest {
    private final AtomicLong clock = new AtomicLong();
    private final ApiKeys keys = ApiKeys.parse("right");

    @Test
    void wrongKeysFromOneAddressLeaveOneEntryNoMatterHowManyDistinctKeysArrive() {
        var limiter = new RateLimiter(10, 20, clock::get);

        for (int i = 0; i < 10_000; i++) {
            limiter.admit(keys.identify("wrong-" + i + "x".repeat(1000)), "10.0.0.1");
        }

        assertThat(limiter.tracked()).isEqualTo(1);
    }

    @Test
    void aValidKeyIsKnownByItsDigestNeverTheKeyItself() {
        Caller caller = keys.identify("right");

        assertThat(caller).isInstanceOf(Caller.Authenticated.class);
        assertThat(((Caller.Authenticated) caller).keyDigest()).doesNotContain("right").hasSize(64);
        assertThat(keys.identify("wrong")).isEqualTo(Caller.REFUSED);
        assertThat(keys.identify(null)).isEqualTo(Caller.REFUSED);
        assertThat(ApiKeys.parse("").identify("anything")).isEqualTo(Caller.ANONYMOUS);
    }

    @Test
    void bucketsAreBoundedAndForgottenOnceTheyHaveRefilled() {
        var limiter = new RateLimiter(1, 2, RateLimiter.Failures.STANDARD, 100, clock::get);

        for (int i = 0; i < 1_000; i++) {
            limiter.admit(Caller.ANONYMOUS, "10.0." + i / 250 + "." + i % 250);
        }
        assertThat(limiter.tracked()).isEqualTo(100);

        clock.addAndGet(3_000_000_000L); // two tokens at one a second: every bucket is full again
        limiter.admit(Caller.ANONYMOUS, "10.9.9.9");
        assertThat(limiter.tracked()).isEqualTo(1);
    }

    @Test
    void aValidKeyHasItsOwnBucketWithRetryAfterInWholeSeconds() {
        var limiter = new RateLimiter(0.5, 2, clock::get);
        Caller caller = keys.identify("right");

        assertThat(limiter.admit(caller, "10.0.0.1")).isZero();
        assertThat(limiter.admit(caller, "10.0.0.2")).isZero();
        assertThat(limiter.admit(caller, "10.0.0.3")).isEqualTo(2);
    }

    @Test
    void failedAuthenticationsAreBudgetedPerAddressSoOneGuesserDoesNotLockOutAnother() {
        var limiter = new RateLimiter(100, 100, new RateLimiter.Failures(3, 0.1), 100, clock::get);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit(Caller.REFUSED, "10.0.0.1")).isZero();
        }

        assertThat(limiter.admit(Caller.REFUSED, "10.0.0.1")).isEqualTo(10);
        assertThat(limiter.admit(keys.identify("right"), "10.0.0.1")).isEqualTo(10);
        assertThat(limiter.admit(keys.identify("right"), "10.0.0.2")).isZero();
        assertThat(limiter.admit(Caller.REFUSED, "10.0.0.2")).isZero();
    }
}
