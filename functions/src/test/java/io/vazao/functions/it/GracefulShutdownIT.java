package io.vazao.functions.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vazao.contract.Heartbeat;
import io.vazao.contract.Topology;
import io.vazao.contract.WorkerState;
import io.vazao.functions.support.Names;
import io.vazao.functions.support.Payloads;
import io.vazao.functions.support.Rabbit;
import io.vazao.functions.support.RedisProbe;
import io.vazao.functions.support.WorkerMetricsScrape;
import io.vazao.functions.support.WorkerProcess;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIGTERM to the packaged worker while messages flow: exit 0, heartbeat gone, nothing lost. */
class GracefulShutdownIT extends IsolatedWorkerTest {

    GracefulShutdownIT() {
        super("sigterm");
    }

    /**
     * With {@code inline} the function runs on the delivery thread and acks go out in batches: a
     * SIGTERM must still settle every finished message and leave the rest in the queue.
     */
    @ParameterizedTest(name = "vazao.dispatch={0}")
    @ValueSource(strings = {"auto", "inline"})
    void sigtermWhileTwoThousandMessagesFlowDrainsAndExitsZeroWithoutLosingAny(String dispatch)
            throws Exception {
        int n = 2_000;
        String run = Names.random();
        String workerId = "w-" + run;
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe();
                WorkerProcess worker =
                        WorkerProcess.start(
                                "sigterm-" + run,
                                Map.of(
                                        "VAZAO_DISPATCH", dispatch,
                                        "VAZAO_QUEUE", queue,
                                        "VAZAO_FUNCTION", "processOrder",
                                        "VAZAO_KEY_PREFIX", prefix,
                                        "VAZAO_WORKER_ID", workerId,
                                        "VAZAO_WORK_MEAN_MS", "5",
                                        "VAZAO_PREFETCH", "4",
                                        "VAZAO_AUDIT_ENABLED", "true",
                                        "VAZAO_HEARTBEAT_INTERVAL", "1s"))) {
            String hbKey = keys.worker(workerId);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () ->
                                    WorkerState.RUNNING
                                                    .wire()
                                                    .equals(
                                                            redis.hash(hbKey)
                                                                    .get(Heartbeat.F_STATE))
                                            && Integer.parseInt(
                                                            redis.hash(hbKey)
                                                                    .getOrDefault(
                                                                            Heartbeat.F_PORT, "0"))
                                                    > 0
                                            && rabbit.consumers(queue) == 1);
            // port 0 was asked for: the heartbeat carries the bound port, where the metrics are
            int port = Integer.parseInt(redis.hash(hbKey).get(Heartbeat.F_PORT));
            assertThat(WorkerMetricsScrape.processed(port, queue)).isZero();

            rabbit.publish(queue, Payloads.orders("ORD-" + run, n));
            String audit = keys.auditProcessed(queue);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> redis.scard(audit) >= 100);
            worker.terminate();
            long processedAtSigterm = redis.scard(audit);

            Integer exit = worker.waitForExit(60);
            assertThat(exit).as("exit status; log:%n%s", worker.log()).isEqualTo(0);
            assertThat(processedAtSigterm)
                    .as("SIGTERM came while messages were flowing")
                    .isLessThan(n);
            assertThat(redis.exists(hbKey)).isFalse();
            assertThat(redis.zscore(keys.workers(queue), workerId)).isNull();
            assertThat(worker.log())
                    .contains("event=worker-draining")
                    .contains("event=worker-drained");

            // every message is either processed (audit set) or still in the queue: none lost
            Set<String> processed = redis.members(audit);
            Set<String> waiting =
                    rabbit.drain(queue).stream()
                            .map(d -> idOf(d.text()))
                            .collect(Collectors.toSet());
            Set<String> all =
                    IntStream.range(0, n)
                            .mapToObj(i -> "ORD-" + run + "-" + i)
                            .collect(Collectors.toSet());
            Set<String> seen = new HashSet<>(processed);
            seen.addAll(waiting);
            assertThat(seen).isEqualTo(all);
            assertThat(unfinished(worker.log())).isZero();
            assertThat(rabbit.ready(Topology.deadLetterQueue(queue))).isZero();
        }
    }

    private static int unfinished(String log) {
        Matcher m = Pattern.compile("event=worker-drained .*unfinished=(\\d+)").matcher(log);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String idOf(String order) {
        Matcher m = Pattern.compile("\"id\": \"([^\"]+)\"").matcher(order);
        return m.find() ? m.group(1) : order;
    }
}
