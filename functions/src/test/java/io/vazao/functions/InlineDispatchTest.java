package io.vazao.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vazao.contract.Topology;
import io.vazao.functions.metrics.WorkerMetrics;
import io.vazao.functions.support.Names;
import io.vazao.functions.support.Payloads;
import io.vazao.functions.support.Rabbit;
import io.vazao.functions.support.RedisProbe;
import io.vazao.testsupport.ManagementQueue;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Deliveries run on the delivery thread, acks in batches: every message runs once, the broker ends
 * with every one of them acknowledged and none unacknowledged, and stamped messages are timed from
 * publish to the end of their function.
 */
@QuarkusTest
@TestProfile(InlineProfile.class)
class InlineDispatchTest {

    static final String QUEUE = InlineProfile.QUEUE;

    @Inject WorkerMetrics metrics;

    @Inject RecordingWork work;

    @Inject MeterRegistry registry;

    @AfterAll
    static void cleanUp() {
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            rabbit.deleteQueues(QUEUE, Topology.deadLetterQueue(QUEUE));
            redis.deletePrefix(InlineProfile.PREFIX);
        }
    }

    @Test
    void everyMessageRunsOnceOnTheDeliveryThreadAndIsAcked() throws Exception {
        String run = Names.random();
        int n = 5_000;
        try (Rabbit rabbit = new Rabbit()) {
            publish(rabbit, "ORD-" + run, n);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () ->
                                    metrics.processedCount() == n
                                            && rabbit.ready(QUEUE) == 0
                                            && metrics.inFlight() == 0);
        }
        assertThat(work.calls()).hasSize(n);
        assertThat(work.calls().values()).allMatch(c -> c.get() == 1);
        assertThat(work.threads().keySet()).allMatch(t -> t.startsWith("vazao-delivery-"));
        // The broker's own counts (statistics every 5 s): all acked, none left unacknowledged.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () ->
                                ManagementQueue.count(QUEUE, "/message_stats/ack") >= n
                                        && ManagementQueue.count(QUEUE, "/messages") == 0);
        assertThat(ManagementQueue.count(QUEUE, "/messages_unacknowledged")).isZero();
        // Every other message carried a publish stamp.
        assertThat(registry.get("vazao.publish.to.end").timer().count()).isEqualTo(n / 2);
    }

    private static void publish(Rabbit rabbit, String prefix, int n) throws Exception {
        try (Channel ch = rabbit.connection().createChannel()) {
            ch.confirmSelect();
            for (int i = 0; i < n; i++) {
                AMQP.BasicProperties.Builder props =
                        new AMQP.BasicProperties.Builder()
                                .contentType("application/json")
                                .deliveryMode(2);
                if (i % 2 == 0) {
                    props.headers(
                            Map.of(WorkerMetrics.PUBLISHED_AT_HEADER, System.currentTimeMillis()));
                }
                byte[] body = Payloads.order(prefix + "-" + i).getBytes(StandardCharsets.UTF_8);
                ch.basicPublish(Topology.EXCHANGE, QUEUE, true, props.build(), body);
            }
            ch.waitForConfirmsOrDie(60_000);
        }
    }
}
