package io.vazao.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A worker whose policy asks for a quorum queue declares the missing queue as quorum, with the
 * broker's delivery limit and dead-lettering to its dead-letter queue, and consumes it.
 */
@QuarkusTest
@TestProfile(QuorumProfile.class)
class QuorumQueueTest {

    static final String QUEUE = QuorumProfile.QUEUE;

    @Inject WorkerMetrics metrics;

    @Inject RecordingWork work;

    @AfterAll
    static void cleanUp() {
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            rabbit.deleteQueues(QUEUE, Topology.deadLetterQueue(QUEUE));
            redis.deletePrefix(QuorumProfile.PREFIX);
        }
    }

    @Test
    void theWorkerDeclaresAQuorumQueueAndConsumesIt() throws Exception {
        JsonNode queue = ManagementQueue.read(QUEUE);
        assertThat(queue).isNotNull();
        assertThat(queue.path("type").asText()).isEqualTo("quorum");
        assertThat(queue.at("/arguments/x-delivery-limit").asInt())
                .isEqualTo(QuorumProfile.DELIVERY_LIMIT);
        assertThat(queue.at("/arguments/x-dead-letter-routing-key").asText()).isEqualTo(QUEUE);

        String run = Names.random();
        int n = 200;
        try (Rabbit rabbit = new Rabbit();
                Channel ch = rabbit.connection().createChannel()) {
            ch.confirmSelect();
            for (int i = 0; i < n; i++) {
                ch.basicPublish(
                        Topology.EXCHANGE,
                        QUEUE,
                        true,
                        new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        Payloads.order("ORD-" + run + "-" + i).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(30_000);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> metrics.processedCount() >= n && rabbit.ready(QUEUE) == 0);
        }
        assertThat(work.calls().keySet().stream().filter(id -> id.contains(run))).hasSize(n);
    }
}
