package io.vazao.functions.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RetryDelayTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 100", "2, 200", "3, 400", "7, 6400", "8, 10000", "60, 10000"})
    void doublesFromTheBaseUpToTheCap(int failedAttempts, long expectedMillis) {
        RetryDelay d = new RetryDelay(Duration.ofMillis(100), Duration.ofSeconds(10));
        assertThat(d.afterFailedAttemptMillis(failedAttempts)).isEqualTo(expectedMillis);
    }

    @Property
    void neverNegativeNeverAboveTheCapNeverShrinking(@ForAll @IntRange(min = 0, max = 10_000) int baseMillis,
                                                     @ForAll @IntRange(min = 1, max = 200) int failed) {
        RetryDelay d = new RetryDelay(Duration.ofMillis(baseMillis), Duration.ofSeconds(10));
        long now = d.afterFailedAttemptMillis(failed);
        assertThat(now).isBetween(0L, 10_000L);
        assertThat(d.afterFailedAttemptMillis(failed + 1)).isGreaterThanOrEqualTo(now);
    }
}
