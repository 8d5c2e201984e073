package io.vazao.functions.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vazao.contract.Heartbeat;
import io.vazao.functions.support.Names;
import io.vazao.functions.support.RedisProbe;
import io.vazao.functions.support.WorkerMetricsScrape;
import io.vazao.functions.support.WorkerProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The heartbeat of a real worker process: appears at start, refreshes, expires after SIGKILL. */
class HeartbeatIT extends IsolatedWorkerTest {

    static final long INTERVAL_MS = 1_000;

    HeartbeatIT() {
        super("heartbeat");
    }

    @Test
    void heartbeatAppearsWithinOneIntervalRefreshesAndExpiresAfterSigkill() throws Exception {
        String workerId = "w-" + Names.random();
        int port = WorkerProcess.freePort();
        String hbKey = keys.worker(workerId);
        try (RedisProbe redis = new RedisProbe();
                WorkerProcess worker =
                        WorkerProcess.start(
                                "heartbeat-" + workerId,
                                Map.of(
                                        "VAZAO_QUEUE",
                                        queue,
                                        "VAZAO_FUNCTION",
                                        "processPayment",
                                        "VAZAO_KEY_PREFIX",
                                        prefix,
                                        "VAZAO_WORKER_ID",
                                        workerId,
                                        "VAZAO_HEARTBEAT_INTERVAL",
                                        INTERVAL_MS + "ms",
                                        "QUARKUS_HTTP_PORT",
                                        Integer.toString(port)))) {
            // The process is up once its HTTP port answers; its heartbeat must be there within one
            // interval.
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> WorkerMetricsScrape.status(port, "/q/health/live") == 200);
            await().atMost(Duration.ofMillis(INTERVAL_MS))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> redis.exists(hbKey));

            Heartbeat first = Heartbeat.fromHash(redis.hash(hbKey));
            assertThat(first.workerId()).isEqualTo(workerId);
            assertThat(first.queue()).isEqualTo(queue);
            assertThat(first.pid()).isEqualTo(worker.pid());
            assertThat(first.rssBytes()).isGreaterThan(16L * 1024 * 1024);
            assertThat(first.startedAt()).isLessThanOrEqualTo(first.lastSeen());
            assertThat(redis.pttl(hbKey)).isBetween(1L, 3 * INTERVAL_MS);
            assertThat(redis.zscore(keys.workers(queue), workerId)).isNotNull();

            // refreshes: lastSeen moves on twice, and the bound port is reported
            long[] seen = {first.lastSeen()};
            for (int i = 0; i < 2; i++) {
                await().atMost(Duration.ofMillis(3 * INTERVAL_MS))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> Heartbeat.fromHash(redis.hash(hbKey)).lastSeen() > seen[0]);
                seen[0] = Heartbeat.fromHash(redis.hash(hbKey)).lastSeen();
            }
            Heartbeat later = Heartbeat.fromHash(redis.hash(hbKey));
            assertThat(later.port()).isEqualTo(port);
            assertThat(later.state().wire()).isEqualTo("running");
            assertThat(redis.zscore(keys.workers(queue), workerId))
                    .isEqualTo((double) later.lastSeen());

            // SIGKILL: no clean-up runs; the hash expires on its own within 3 intervals
            worker.kill();
            assertThat(worker.waitForExit(30)).isNotNull();
            long killedAt = System.currentTimeMillis();
            await().atMost(Duration.ofMillis(3 * INTERVAL_MS + 2_000))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !redis.exists(hbKey));
            assertThat(System.currentTimeMillis() - killedAt)
                    .isLessThanOrEqualTo(3 * INTERVAL_MS + 2_000);
        }
    }
}
