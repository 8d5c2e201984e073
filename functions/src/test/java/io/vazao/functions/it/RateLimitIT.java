package io.vazao.functions.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vazao.contract.Heartbeat;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.WorkerState;
import io.vazao.functions.support.Names;
import io.vazao.functions.support.Payloads;
import io.vazao.functions.support.Rabbit;
import io.vazao.functions.support.RedisProbe;
import io.vazao.functions.support.WorkerMetricsScrape;
import io.vazao.functions.support.WorkerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Three worker processes on one queue share its rate limit through Redis. */
class RateLimitIT extends IsolatedWorkerTest {

    RateLimitIT() {
        super("ratelimit");
    }

    @Test
    void threeWorkersStayTogetherUnderTheLimitAndARaiseTakesEffectWithinASecond() throws Exception {
        String run = Names.random();
        List<WorkerProcess> workers = new ArrayList<>();
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            redis.set(keys.policy(queue), Json.write(Policy.defaults(1).withRateLimit(200.0)));
            rabbit.declareQueue(queue, queue);
            rabbit.publish(queue, Payloads.orders("ORD-" + run, 16_000));
            for (int i = 0; i < 3; i++) {
                workers.add(
                        WorkerProcess.start(
                                "ratelimit-" + run + "-" + i,
                                Map.of(
                                        "VAZAO_QUEUE",
                                        queue,
                                        "VAZAO_FUNCTION",
                                        "processOrder",
                                        "VAZAO_KEY_PREFIX",
                                        prefix,
                                        "VAZAO_WORKER_ID",
                                        "w-" + run + "-" + i,
                                        "VAZAO_HEARTBEAT_INTERVAL",
                                        "1s")));
            }
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String hb = keys.worker("w-" + run + "-" + i);
                await().atMost(Duration.ofSeconds(150))
                        .pollInterval(Duration.ofMillis(200))
                        .until(
                                () ->
                                        WorkerState.RUNNING
                                                        .wire()
                                                        .equals(
                                                                redis.hash(hb)
                                                                        .get(Heartbeat.F_STATE))
                                                && Integer.parseInt(
                                                                redis.hash(hb)
                                                                        .getOrDefault(
                                                                                Heartbeat.F_PORT,
                                                                                "0"))
                                                        > 0);
                ports.add(Integer.parseInt(redis.hash(hb).get(Heartbeat.F_PORT)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> rabbit.consumers(queue) == 3);
            // let every worker get past its first batch before measuring
            long warm = total(ports);
            await().atMost(Duration.ofSeconds(30)).until(() -> total(ports) > warm + 200);

            // Measured over a count of messages, not a sleep: 4,000 at 200/s take about 20 s.
            Sample start = sample(ports);
            Sample end = awaitProcessed(ports, start, 4_000, Duration.ofSeconds(60));
            double rate = end.rateSince(start);
            System.out.printf(
                    "rate-limit 200/s: measured %.1f/s over %.1f s%n",
                    rate, (end.nanos - start.nanos) / 1e9);
            assertThat(rate)
                    .as("messages/s of three workers limited to 200/s")
                    .isBetween(190.0, 210.0);
            assertThat(rabbit.ready(queue))
                    .as("backlog left, so the limit and not the queue bound the rate")
                    .isGreaterThan(1_000);

            // The raise takes effect within a second: the first 100 messages after the change may
            // still run at the old rate; from then on the rate over 2,000 messages (about 5 s) is
            // the new one.
            redis.set(keys.policy(queue), Json.write(Policy.defaults(1).withRateLimit(400.0)));
            long raisedAt = System.nanoTime();
            Sample settled = awaitProcessed(ports, sample(ports), 100, Duration.ofSeconds(10));
            Sample later = awaitProcessed(ports, settled, 2_000, Duration.ofSeconds(30));
            double raised = later.rateSince(settled);
            System.out.printf(
                    "rate-limit 400/s: measured %.1f/s from %.2f s after the change%n",
                    raised, (settled.nanos - raisedAt) / 1e9);
            assertThat(settled.nanos - raisedAt)
                    .as("100 messages after the raise within a second")
                    .isLessThan(1_000_000_000L);
            assertThat(raised)
                    .as("messages/s after raising the limit to 400/s")
                    .isBetween(380.0, 420.0);
        } finally {
            workers.forEach(WorkerProcess::terminate);
            for (WorkerProcess w : workers) {
                w.waitForExit(40);
                w.close();
            }
        }
    }

    /**
     * Waits (polling the workers' metrics) until {@code count} more messages than {@code from} were
     * processed.
     */
    private Sample awaitProcessed(List<Integer> ports, Sample from, long count, Duration atMost) {
        Sample[] last = {from};
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            last[0] = sample(ports);
                            return last[0].processed() >= from.processed() + count;
                        });
        return last[0];
    }

    private long total(List<Integer> ports) {
        return sample(ports).processed();
    }

    private Sample sample(List<Integer> ports) {
        long before = System.nanoTime();
        long sum = 0;
        for (int port : ports) {
            sum += WorkerMetricsScrape.processed(port, queue);
        }
        long after = System.nanoTime();
        return new Sample(before + (after - before) / 2, sum);
    }

    record Sample(long nanos, long processed) {
        double rateSince(Sample earlier) {
            return (processed - earlier.processed) * 1e9 / (nanos - earlier.nanos);
        }
    }
}
