package io.vazao.policy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FailureThrottleTest {

    /**
     * A step: at {@code atMillis}, {@code action} by {@code client}; then the client's Retry-After
     * in ms.
     */
    record Step(long atMillis, String client, String action, long retryAfterMillis) {}

    record Case(String name, List<Step> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final FailureThrottle.Limits LIMITS =
            new FailureThrottle.Limits(3, Duration.ofSeconds(10), Duration.ofSeconds(30));

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "below the limit nothing is refused",
                        List.of(new Step(0, "a", "fail", 0), new Step(1_000, "a", "fail", 0))),
                new Case(
                        "the third failure in the window refuses for the lockout",
                        List.of(
                                new Step(0, "a", "fail", 0),
                                new Step(1_000, "a", "fail", 0),
                                new Step(2_000, "a", "fail", 30_000),
                                new Step(12_000, "a", "check", 20_000),
                                new Step(32_000, "a", "check", 0))),
                new Case(
                        "failures outside the window do not add up",
                        List.of(
                                new Step(0, "a", "fail", 0), new Step(1_000, "a", "fail", 0),
                                new Step(11_000, "a", "fail", 0),
                                        new Step(12_000, "a", "fail", 0))),
                new Case(
                        "a success clears the count",
                        List.of(
                                new Step(0, "a", "fail", 0),
                                new Step(1_000, "a", "fail", 0),
                                new Step(2_000, "a", "ok", 0),
                                new Step(3_000, "a", "fail", 0),
                                new Step(4_000, "a", "fail", 0))),
                new Case(
                        "clients are counted apart",
                        List.of(
                                new Step(0, "a", "fail", 0),
                                new Step(0, "b", "fail", 0),
                                new Step(0, "a", "fail", 0),
                                new Step(0, "b", "check", 0),
                                new Step(0, "a", "fail", 30_000),
                                new Step(0, "b", "check", 0))),
                new Case(
                        "after the lockout the count starts again",
                        List.of(
                                new Step(0, "a", "fail", 0),
                                new Step(0, "a", "fail", 0),
                                new Step(0, "a", "fail", 30_000),
                                new Step(30_000, "a", "fail", 0),
                                new Step(30_001, "a", "fail", 0),
                                new Step(30_002, "a", "fail", 30_000))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void throttles(Case c) {
        MutableClock clock = new MutableClock();
        FailureThrottle throttle = new FailureThrottle(LIMITS, clock);
        for (Step s : c.steps()) {
            clock.now = s.atMillis();
            switch (s.action()) {
                case "fail" -> throttle.failure(s.client());
                case "ok" -> throttle.success(s.client());
                default -> {}
            }
            assertEquals(s.retryAfterMillis(), throttle.retryAfterMillis(s.client()), s.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("retryAfterRounding")
    void retryAfterSecondsRoundsUp(long remainingMillis, long seconds) {
        MutableClock clock = new MutableClock();
        FailureThrottle throttle =
                new FailureThrottle(
                        new FailureThrottle.Limits(
                                1, Duration.ofSeconds(1), Duration.ofMillis(remainingMillis)),
                        clock);
        throttle.failure("a");
        assertEquals(seconds, throttle.retryAfterSeconds("a"));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> retryAfterRounding() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(1L, 1L),
                org.junit.jupiter.params.provider.Arguments.of(999L, 1L),
                org.junit.jupiter.params.provider.Arguments.of(1_000L, 1L),
                org.junit.jupiter.params.provider.Arguments.of(1_001L, 2L));
    }

    static final class MutableClock extends Clock {
        long now;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
