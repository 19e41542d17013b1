package app.alex.api;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Throttling like an API Gateway usage plan, safe in front of authentication:
 * <ul>
 * <li>a token bucket per <em>valid</em> key (known by its digest, never the key): {@code rate}
 * requests a second on average, bursts up to {@code burst};</li>
 * <li>a budget of failed authentications per client address: after {@link Failures#burst()} wrong
 * or missing keys, every keyed request from that address gets 429 until the budget refills, so
 * keys cannot be guessed at line speed (and a right guess during the lock-out is refused too);</li>
 * <li>a bucket per client address for public routes and for servers without keys.</li>
 * </ul>
 * Every table is bounded ({@code maxTracked} entries, least recently used dropped first) and a
 * bucket is forgotten once it has refilled, so no sequence of requests grows memory without bound.
 * The clock is injectable so tests need no sleeping.
 */
public final class RateLimiter {
    /** Clients remembered per table; beyond it the least recently seen are forgotten. */
    public static final int DEFAULT_MAX_TRACKED = 10_000;

    /** How many failed authentications an address may make at once, and how fast the budget refills. */
    public record Failures(int burst, double perSecond) {
        /** Ten wrong keys at once, then one every six seconds. */
        public static final Failures STANDARD = new Failures(10, 1.0 / 6);
    }

    private final Buckets keys;
    private final Buckets addresses;
    private final Buckets failures;
    private final LongSupplier nanoClock;

    public RateLimiter(double ratePerSecond, int burst, LongSupplier nanoClock) {
        this(ratePerSecond, burst, Failures.STANDARD, DEFAULT_MAX_TRACKED, nanoClock);
    }

    public RateLimiter(double ratePerSecond, int burst, Failures failures, int maxTracked, LongSupplier nanoClock) {
        if (ratePerSecond <= 0 || burst < 1 || failures.perSecond() <= 0 || failures.burst() < 1 || maxTracked < 1) {
            throw new IllegalArgumentException("rates must be > 0, bursts and maxTracked >= 1");
        }
        this.keys = new Buckets(ratePerSecond, burst, maxTracked);
        this.addresses = new Buckets(ratePerSecond, burst, maxTracked);
        this.failures = new Buckets(failures.perSecond(), failures.burst(), maxTracked);
        this.nanoClock = nanoClock;
    }

    /**
     * Admits one request, or says how long to wait.
     *
     * @param address the client's address (null when the transport cannot tell)
     * @return 0 when allowed, else whole seconds to wait (for Retry-After)
     */
    public long admit(Caller caller, String address) {
        long now = nanoClock.getAsLong();
        String client = address == null ? "unknown" : address;
        return switch (caller) {
            case Caller.Anonymous a -> addresses.take(client, now);
            case Caller.Refused r -> failures.take(client, now);
            case Caller.Authenticated k -> {
                long lockedOut = failures.waitWithoutTaking(client, now);
                yield lockedOut > 0 ? lockedOut : keys.take(k.keyDigest(), now);
            }
        };
    }

    /** Clients currently remembered, over all tables (for tests and the benchmark). */
    public int tracked() {
        return keys.size() + addresses.size() + failures.size();
    }

    private static final class Buckets {
        private final double ratePerSecond;
        private final double burst;
        private final int maxTracked;
        private final long refillNanos;
        private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

        private static final class Bucket {
            double tokens;
            long updated;
        }

        Buckets(double ratePerSecond, double burst, int maxTracked) {
            this.ratePerSecond = ratePerSecond;
            this.burst = burst;
            this.maxTracked = maxTracked;
            this.refillNanos = (long) Math.ceil(burst / ratePerSecond * 1e9);
        }

        synchronized long take(String id, long now) {
            forgetRefilled(now);
            Bucket bucket = buckets.get(id);
            if (bucket == null) {
                bucket = new Bucket();
                bucket.tokens = burst;
                bucket.updated = now;
                buckets.put(id, bucket);
                if (buckets.size() > maxTracked) {
                    Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
                    eldest.next();
                    eldest.remove();
                }
            }
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return secondsUntilOneToken(bucket);
        }

        /** The wait a request would have, without using a token or remembering the client. */
        synchronized long waitWithoutTaking(String id, long now) {
            Bucket bucket = buckets.get(id);
            if (bucket == null) {
                return 0;
            }
            refill(bucket, now);
            return bucket.tokens >= 1 ? 0 : secondsUntilOneToken(bucket);
        }

        synchronized int size() {
            return buckets.size();
        }

        private void refill(Bucket bucket, long now) {
            bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.updated) / 1e9 * ratePerSecond);
            bucket.updated = now;
        }

        private long secondsUntilOneToken(Bucket bucket) {
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerSecond));
        }

        /** A bucket untouched for a full refill is as good as a new one: forget it (least recently used first). */
        private void forgetRefilled(long now) {
            Iterator<Bucket> eldest = buckets.values().iterator();
            while (eldest.hasNext()) {
                if (now - eldest.next().updated < refillNanos) {
                    return;
                }
                eldest.remove();
            }
        }
    }
}
