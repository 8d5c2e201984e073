package io.vazao.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {

    static Stream<Arguments> delays() {
        RetryPolicy outage = new RetryPolicy(6, 250, 2.0, 2_000, null);
        RetryPolicy flat = new RetryPolicy(3, 500, 1.0, 500, List.of());
        return Stream.of(
                Arguments.of(outage, 0, 0L),
                Arguments.of(outage, 1, 250L),
                Arguments.of(outage, 2, 500L),
                Arguments.of(outage, 3, 1_000L),
                Arguments.of(outage, 4, 2_000L),
                Arguments.of(outage, 5, 2_000L),
                Arguments.of(outage, 40, 2_000L),
                Arguments.of(flat, 2, 500L),
                Arguments.of(new RetryPolicy(4, 100, 1.5, 60_000, null), 3, 225L));
    }

    @ParameterizedTest
    @MethodSource("delays")
    void delayGrowsByTheMultiplierUpToTheCap(RetryPolicy p, int failed, long expected) {
        assertEquals(expected, p.delayAfterMillis(failed));
    }

    @ParameterizedTest
    @MethodSource("delays")
    void reasonsDefaultToFailedOnly(RetryPolicy p, int ignored, long ignored2) {
        assertEquals(
                p.retriedReasons().isEmpty() ? false : true, p.retries(RetryPolicy.REASON_FAILED));
    }
}
