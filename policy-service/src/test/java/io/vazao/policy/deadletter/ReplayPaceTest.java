package io.vazao.policy.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplayPaceTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no rate: never waits", null, 1_000L, 0L, 0L),
                Arguments.of("first message at once", 200.0, 0L, 0L, 0L),
                Arguments.of("200/s: message 1 due at 5 ms", 200.0, 1L, 0L, 5_000_000L),
                Arguments.of(
                        "200/s: message 200 due at 1 s, 0.4 s gone",
                        200.0,
                        200L,
                        400_000_000L,
                        600_000_000L),
                Arguments.of("behind schedule: no wait", 200.0, 10L, 1_000_000_000L, 0L),
                Arguments.of("fractional rate", 0.5, 1L, 0L, 2_000_000_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void messageNIsDueNOverRateSecondsAfterTheStart(
            String name, Double rate, long sent, long elapsed, long wait) {
        assertEquals(wait, new ReplayPace(rate).waitNanos(sent, elapsed));
    }
}
