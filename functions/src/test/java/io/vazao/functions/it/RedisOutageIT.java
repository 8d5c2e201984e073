package io.vazao.functions.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vazao.contract.Heartbeat;
import io.vazao.functions.support.Names;
import io.vazao.functions.support.Payloads;
import io.vazao.functions.support.Rabbit;
import io.vazao.functions.support.RedisProbe;
import io.vazao.functions.support.WorkerMetricsScrape;
import io.vazao.functions.support.WorkerProcess;
import io.vazao.testsupport.TcpRelay;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A worker that loses Redis keeps working, and its heartbeat comes back with Redis. */
class RedisOutageIT extends IsolatedWorkerTest {

    RedisOutageIT() {
        super("redisdown");
    }

    @Test
    void workGoesOnWithoutRedisAndHeartbeatsResume() throws Exception {
        String workerId = "w-" + Names.random();
        String hbKey = keys.worker(workerId);
        int port = WorkerProcess.freePort();
        try (TcpRelay redisLink = new TcpRelay("127.0.0.1", 6379);
                Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe();
                WorkerProcess worker =
                        WorkerProcess.start(
                                "redisdown-" + workerId,
                                Map.of(
                                        "VAZAO_QUEUE",
                                        queue,
                                        "VAZAO_FUNCTION",
                                        "processOrder",
                                        "VAZAO_KEY_PREFIX",
                                        prefix,
                                        "VAZAO_WORKER_ID",
                                        workerId,
                                        "VAZAO_HEARTBEAT_INTERVAL",
                                        "500ms",
                                        "QUARKUS_REDIS_HOSTS",
                                        "redis://127.0.0.1:" + redisLink.port(),
                                        "QUARKUS_REDIS_TIMEOUT",
                                        "2s",
                                        "QUARKUS_HTTP_PORT",
                                        Integer.toString(port)))) {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () ->
                                    "running".equals(redis.hash(hbKey).get(Heartbeat.F_STATE))
                                            && rabbit.consumers(queue) == 1);

            redisLink.cut();
            // the heartbeat lapses (TTL 3 intervals) ...
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !redis.exists(hbKey));
            // ... while work goes on
            rabbit.publish(queue, Payloads.orders("ORD-" + workerId, 500));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> WorkerMetricsScrape.processed(port, queue) == 500);
            assertThat(rabbit.ready(queue)).isZero();
            assertThat(worker.log()).contains("event=heartbeat-failed");

            redisLink.restore();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> redis.exists(hbKey));
            assertThat(Heartbeat.fromHash(redis.hash(hbKey)).processed()).isEqualTo(500);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> worker.log().contains("event=heartbeat-resumed"));
            assertThat(worker.alive()).isTrue();
        }
    }
}
