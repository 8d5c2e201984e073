package io.vazao.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vazao.contract.DeadLetterHeaders;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import io.vazao.functions.broker.BrokerConnection;
import io.vazao.functions.metrics.WorkerMetrics;
import io.vazao.functions.support.MemoryAlarm;
import io.vazao.functions.support.Names;
import io.vazao.functions.support.Payloads;
import io.vazao.functions.support.Rabbit;
import io.vazao.functions.support.RedisProbe;
import io.vazao.testsupport.ManagementApi;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A broker short of memory or disk blocks every connection that publishes and stops reading from
 * it. A worker publishes only its dead letters and delayed retries, on a connection of its own: a
 * dead letter that cannot be published must not hold back the acks of the messages processed after
 * it, or consumption stalls at the prefetch until the alarm clears. The one test that raises the
 * shared broker's memory alarm: it always lifts it, in a finally.
 */
@QuarkusTest
@TestProfile(BlockedPublishProfile.class)
class BlockedPublishTest {

    static final String QUEUE = BlockedPublishProfile.QUEUE;
    static final String HOLDING = QUEUE + ".holding";
    static final String SCRATCH = QUEUE + ".scratch";
    static final RedisKeys KEYS = new RedisKeys(BlockedPublishProfile.PREFIX);
    static final int GOOD = 300;
    static final int HOLD_MILLIS = 8_000;
    static final Duration OUTLAST_CONFIRM = Duration.ofSeconds(12);

    @Inject WorkerMetrics metrics;

    @Inject BrokerConnection broker;

    @AfterAll
    static void cleanUp() {
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            rabbit.deleteQueues(QUEUE, Topology.deadLetterQueue(QUEUE), HOLDING, SCRATCH);
            redis.deletePrefix(BlockedPublishProfile.PREFIX);
        }
    }

    @Test
    void whileItsDeadLetterPublishIsBlockedTheWorkerGoesOnProcessingAndNothingIsLost()
            throws Exception {
        String run = Names.random();
        String poison = "not JSON {" + run;
        long failedBefore = metrics.failedCount();
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(poison.getBytes(StandardCharsets.UTF_8));
        bodies.addAll(Payloads.orders("GOOD-" + run, GOOD));
        try (Rabbit rabbit = new Rabbit()) {
            holdThenMoveToTheWorkQueue(rabbit);
            rabbit.publish("", HOLDING, bodies);
        }
        long published = System.nanoTime();
        String worker = broker.publishingConnectionName();
        try (RedisProbe redis = new RedisProbe();
                Rabbit probe = new Rabbit();
                MemoryAlarm alarm = MemoryAlarm.raise()) {
            // The broker moves the held messages itself, which no alarm blocks: the poison reaches
            // the worker first, while the alarm is on.
            assertThat(probe.ready(HOLDING))
                    .as("messages still held when the alarm went on")
                    .isEqualTo(GOOD + 1);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !MemoryAlarm.blockedConnections(worker).isEmpty());
            long blockedSeen = System.nanoTime();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(
                            () ->
                                    assertThat(audited(redis, run))
                                            .as(
                                                    "messages processed while %s blocked",
                                                    MemoryAlarm.blockedConnections(worker))
                                            .isEqualTo(GOOD));
            double processedBy = (System.nanoTime() - published) / 1e9 - HOLD_MILLIS / 1000.0;
            // The alarm outlasts a dead letter's usual 10 s wait for its confirm: the poison's
            // dead letter is still waiting, not given up and published again.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> System.nanoTime() - blockedSeen > OUTLAST_CONFIRM.toNanos());
            assertThat(metrics.inFlight()).as("the poison, waiting for its confirm").isEqualTo(1);
            assertThat(MemoryAlarm.on()).as("the alarm was on throughout").isTrue();
            System.out.printf(
                    "blocked-publish: %d messages processed by %.1f s after their hold ended,"
                            + " with %s blocked%n",
                    GOOD, processedBy, MemoryAlarm.blockedConnections(worker));
        }
        thePoisonIsDeadLetteredOnce(poison, failedBefore);
    }

    /**
     * The broker never tells a connection it lost while blocking it that the block is over. The
     * worker forgets the block with the connection: after the reconnection a confirm that does not
     * come within its 10 s fails the publish again, instead of waiting for an unblock that will
     * never be sent. The operator's move here: closing the blocked connection from the management
     * API while the alarm is on.
     */
    @Test
    void aPublishingConnectionLostWhileBlockedComesBackUnblocked() throws Exception {
        try (Rabbit rabbit = new Rabbit();
                Channel declare = rabbit.connection().createChannel()) {
            declare.queueDeclare(SCRATCH, true, false, false, null);
        }
        String publishing = broker.publishingConnectionName();
        Channel ch = broker.createPublishingChannel();
        ch.confirmSelect();
        double forgotten;
        try (MemoryAlarm alarm = MemoryAlarm.raise()) {
            ch.basicPublish("", SCRATCH, null, "during the alarm".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(30)).until(broker::publishingBlocked);
            // The management API lists a connection a few seconds after it opens.
            long[] closedAt = new long[1];
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                closedAt[0] = System.nanoTime();
                                return ManagementApi.closeConnections(publishing) == 1;
                            });
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !broker.publishingBlocked());
            forgotten = (System.nanoTime() - closedAt[0]) / 1e9;
            assertThat(MemoryAlarm.on()).as("the alarm still on: no unblock was sent").isTrue();
        }
        // The client reconnects by itself; a publish on the new connection is confirmed.
        long lifted = System.nanoTime();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(
                        () -> {
                            Channel again = broker.createPublishingChannel();
                            try {
                                again.confirmSelect();
                                again.basicPublish(
                                        "",
                                        SCRATCH,
                                        null,
                                        "after".getBytes(StandardCharsets.UTF_8));
                                return again.waitForConfirms(10_000);
                            } finally {
                                again.abort();
                            }
                        });
        assertThat(broker.publishingBlocked()).isFalse();
        System.out.printf(
                "blocked-publish: block forgotten %.1f s after the close; a publish confirmed %.1f s"
                        + " after the alarm lifted%n",
                forgotten, (System.nanoTime() - lifted) / 1e9);
        try (Rabbit rabbit = new Rabbit()) {
            assertThat(rabbit.drain(SCRATCH))
                    .extracting(Rabbit.Delivered::text)
                    .as("what reached the queue")
                    .contains("after");
        }
    }

    /**
     * Once the broker takes publishes again the poison reaches its dead-letter queue, once: its
     * dead letter waited for the confirm however long the alarm lasted.
     */
    private void thePoisonIsDeadLetteredOnce(String poison, long failedBefore) {
        try (Rabbit rabbit = new Rabbit()) {
            // Settled: every dead letter the worker published is confirmed, so in the queue.
            await().atMost(Duration.ofSeconds(120))
                    .until(
                            () ->
                                    metrics.failedCount() > failedBefore
                                            && metrics.inFlight() == 0
                                            && rabbit.ready(QUEUE) == 0);
            List<Rabbit.Delivered> dead = rabbit.drain(Topology.deadLetterQueue(QUEUE));
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).text()).isEqualTo(poison);
            assertThat(dead.get(0).header(DeadLetterHeaders.REASON)).isEqualTo("invalid-json");
        }
    }

    /**
     * A queue whose messages expire after {@link #HOLD_MILLIS} into the work queue, in order: they
     * reach the worker after the alarm is raised, without a publish the alarm would block.
     */
    private static void holdThenMoveToTheWorkQueue(Rabbit rabbit) throws Exception {
        try (Channel ch = rabbit.connection().createChannel()) {
            ch.queueDeclare(
                    HOLDING,
                    true,
                    false,
                    false,
                    Map.of(
                            "x-message-ttl", HOLD_MILLIS,
                            "x-dead-letter-exchange", Topology.EXCHANGE,
                            "x-dead-letter-routing-key", QUEUE));
        }
    }

    private static long audited(RedisProbe redis, String run) {
        return redis.members(KEYS.auditProcessed(QUEUE)).stream()
                .filter(id -> id.startsWith("GOOD-" + run + "-"))
                .count();
    }
}
