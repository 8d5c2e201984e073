package io.vazao.functions.ratelimit;

import static io.vazao.testsupport.Generators.decimals;
import static io.vazao.testsupport.Generators.qtAtLeast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class TokenBucketTest {

    /** Over any run of calls, a bucket grants at most its capacity plus rate × elapsed time. */
    @Test
    void localBucketNeverGrantsMoreThanCapacityPlusRefill() {
        Gen<List<Integer>> gaps = lists().of(integers().between(0, 50_000)).ofSizeBetween(1, 200);
        Gen<Integer> wants = integers().between(1, 64);
        qtAtLeast(1000)
                .forAll(decimals(1, 5000), wants, gaps)
                .checkAssert(
                        (rate, wanted, gapsMicros) -> {
                            TokenBudget b = TokenBudget.of(rate, 16);
                            LocalTokenBucket bucket = new LocalTokenBucket();
                            long now = 0;
                            long granted = 0;
                            for (int gap : gapsMicros) {
                                now += TimeUnit.MICROSECONDS.toNanos(gap);
                                int g = bucket.take(b.rate(), b.capacity(), wanted, now);
                                assertThat(g).isBetween(0, wanted);
                                granted += g;
                            }
                            double allowed = b.capacity() + rate * now / 1e9;
                            assertThat((double) granted).isLessThanOrEqualTo(allowed + 1e-6);
                        });
    }

    @Test
    void budgetBatchesAreSmallAndCapacityHoldsABatch() {
        qtAtLeast(1000)
                .forAll(decimals(0.1, 1e6), integers().between(1, 1000))
                .checkAssert(
                        (rate, prefetch) -> {
                            TokenBudget b = TokenBudget.of(rate, prefetch);
                            assertThat(b.batch()).isBetween(1, prefetch);
                            assertThat(b.capacity()).isGreaterThanOrEqualTo(b.batch());
                            assertThat(b.capacity())
                                    .isLessThanOrEqualTo(Math.max(b.batch(), rate / 10) + 1e-9);
                        });
    }

    @Test
    void limiterPacesToTheRateWithTheSharedBucket() {
        AtomicLong clock = new AtomicLong();
        LocalTokenBucket sharedState = new LocalTokenBucket();
        // A shared source with the same arithmetic as the Redis script, on a fake clock.
        TokenSource source =
                (key, budget, wanted) -> {
                    int g = sharedState.take(budget.rate(), budget.capacity(), wanted, clock.get());
                    return new TokenSource.Grant(
                            g, sharedState.waitMillis(budget.rate(), budget.capacity(), wanted));
                };
        RateLimiter limiter = new RateLimiter(source, "k", 16, clock::get);
        limiter.setLimit(100.0);
        int passed = 0;
        // Without sleeping for real: step the clock instead of acquiring past an empty bucket.
        for (int step = 0; step < 1000; step++) {
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
            while (tryAcquire(limiter)) {
                passed++;
            }
        }
        // 1 s at 100/s plus the initial burst (capacity 10) plus one batch held locally
        assertThat(passed).isBetween(100, 100 + 10 + 3);
    }

    @Test
    void whenTheSharedBucketIsUnreachableTheLastLimitIsSplitOverTheLiveWorkers() {
        AtomicLong clock = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        TokenSource down =
                (key, budget, wanted) -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("connection refused");
                };
        RateLimiter limiter = new RateLimiter(down, "k", 16, clock::get);
        limiter.setLimit(300.0);
        limiter.setLiveWorkers(3);
        int passed = 0;
        for (int step = 0; step < 2000; step++) {
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
            while (tryAcquire(limiter)) {
                passed++;
            }
        }
        // 2 s at 300/3 = 100/s per worker, plus a 10-token burst: neither stopped nor unbounded
        assertThat(passed).isBetween(195, 215);
        assertThat(limiter.local()).isTrue();
        // retried about once a second, not on every message
        assertThat(calls.get()).isBetween(2, 4);
    }

    @Test
    void noLimitMeansNoWaiting() throws Exception {
        RateLimiter limiter =
                new RateLimiter(
                        (k, b, w) -> {
                            throw new AssertionError(
                                    "no limit: the shared bucket must not be asked");
                        },
                        "k",
                        16,
                        System::nanoTime);
        for (int i = 0; i < 10_000; i++) {
            limiter.acquire();
        }
        limiter.setLimit(50.0);
        limiter.setLimit(null);
        limiter.acquire();
        assertThat(limiter.limit()).isNull();
    }

    private static boolean tryAcquire(RateLimiter limiter) {
        return limiter.tryAcquire() == 0;
    }
}
