package io.vazao.policy.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: a client that presented wrong credentials {@code maxFailures} times within
 * {@code window} is refused — right credentials included — until {@code lockout} has passed. A
 * success clears the client's count. Pure apart from the injected clock.
 */
public final class FailureThrottle {

    /**
     * Beyond this many tracked clients, entries with nothing left to remember are dropped first.
     */
    private static final int MAX_CLIENTS = 10_000;

    public record Limits(int maxFailures, Duration window, Duration lockout) {
        public Limits {
            if (maxFailures < 1
                    || window.isNegative()
                    || window.isZero()
                    || lockout.isNegative()
                    || lockout.isZero()) {
                throw new IllegalArgumentException(
                        "throttle needs maxFailures >= 1 and positive window and lockout");
            }
        }
    }

    private record Entry(int failures, long windowStart, long blockedUntil) {}

    private final Map<String, Entry> clients = new ConcurrentHashMap<>();
    private final Limits limits;
    private final Clock clock;

    public FailureThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Milliseconds until {@code client} may try again; 0 when it may now. */
    public long retryAfterMillis(String client) {
        Entry e = clients.get(client);
        long now = clock.millis();
        return e == null || e.blockedUntil() <= now ? 0 : e.blockedUntil() - now;
    }

    /** Whole seconds for a {@code Retry-After} header: never 0 while refused. */
    public long retryAfterSeconds(String client) {
        return (retryAfterMillis(client) + 999) / 1000;
    }

    public void failure(String client) {
        long now = clock.millis();
        if (clients.size() >= MAX_CLIENTS) {
            clients.values()
                    .removeIf(
                            e ->
                                    e.blockedUntil() <= now
                                            && e.windowStart() + limits.window().toMillis() <= now);
        }
        clients.compute(
                client,
                (k, e) -> {
                    boolean fresh =
                            e == null || e.windowStart() + limits.window().toMillis() <= now;
                    int failures = fresh ? 1 : e.failures() + 1;
                    long start = fresh ? now : e.windowStart();
                    long blocked =
                            failures >= limits.maxFailures()
                                    ? now + limits.lockout().toMillis()
                                    : (e == null ? 0 : e.blockedUntil());
                    return new Entry(
                            failures >= limits.maxFailures() ? 0 : failures,
                            failures >= limits.maxFailures() ? now : start,
                            blocked);
                });
    }

    public void success(String client) {
        clients.remove(client);
    }
}
