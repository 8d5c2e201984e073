package io.vazao.functions.consume;

import static io.vazao.testsupport.Generators.qtAtLeast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

class RetryDelayTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 100", "2, 200", "3, 400", "7, 6400", "8, 10000", "60, 10000"})
    void doublesFromTheBaseUpToTheCap(int failedAttempts, long expectedMillis) {
        RetryDelay d = new RetryDelay(Duration.ofMillis(100), Duration.ofSeconds(10));
        assertThat(d.afterFailedAttemptMillis(failedAttempts)).isEqualTo(expectedMillis);
    }

    @Test
    void neverNegativeNeverAboveTheCapNeverShrinking() {
        Gen<Integer> bases = integers().between(0, 10_000);
        qtAtLeast(1000)
                .forAll(bases, integers().between(1, 200))
                .checkAssert(
                        (baseMillis, failed) -> {
                            RetryDelay d =
                                    new RetryDelay(
                                            Duration.ofMillis(baseMillis), Duration.ofSeconds(10));
                            long now = d.afterFailedAttemptMillis(failed);
                            assertThat(now).isBetween(0L, 10_000L);
                            assertThat(d.afterFailedAttemptMillis(failed + 1))
                                    .isGreaterThanOrEqualTo(now);
                        });
    }
}
