package io.vazao.functions.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.vazao.contract.RetryPolicy;
import io.vazao.functions.consume.RetryPlan.Kind;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPlanTest {

    static final Duration TWO_S = Duration.ofSeconds(2);

    static Stream<Arguments> steps() {
        RetryPlan defaults = new RetryPlan(RetryPlan.fromConfig(3, Duration.ofMillis(100)), TWO_S);
        RetryPlan outage = new RetryPlan(new RetryPolicy(6, 250, 2.0, 2_000, null), TWO_S);
        RetryPlan slow = new RetryPlan(new RetryPolicy(3, 5_000, 2.0, 60_000, null), TWO_S);
        RetryPlan none = new RetryPlan(new RetryPolicy(5, 100, 2.0, 1_000, List.of()), TWO_S);
        return Stream.of(
                Arguments.of("defaults: 100 ms here", defaults, 1, Kind.WAIT_HERE, 100L),
                Arguments.of("defaults: 200 ms here", defaults, 2, Kind.WAIT_HERE, 200L),
                Arguments.of(
                        "defaults: third failure dead-letters", defaults, 3, Kind.DEAD_LETTER, 0L),
                Arguments.of("outage: 2 s is still in place", outage, 4, Kind.WAIT_HERE, 2_000L),
                Arguments.of("outage: capped at 2 s", outage, 5, Kind.WAIT_HERE, 2_000L),
                Arguments.of("outage: sixth failure dead-letters", outage, 6, Kind.DEAD_LETTER, 0L),
                Arguments.of(
                        "slow: 5 s goes through the delay queue",
                        slow,
                        1,
                        Kind.DELAY_QUEUE,
                        5_000L),
                Arguments.of("slow: 10 s too", slow, 2, Kind.DELAY_QUEUE, 10_000L),
                Arguments.of(
                        "failed not among the retried reasons", none, 1, Kind.DEAD_LETTER, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void afterAFailureTheNextStep(String name, RetryPlan plan, int failed, Kind kind, long delay) {
        assertThat(plan.afterFailure(failed)).isEqualTo(new RetryPlan.Step(kind, delay));
    }
}
