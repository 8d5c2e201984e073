package io.vazao.policy.deadletter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.vazao.contract.DeadLetterHeaders;
import io.vazao.contract.Topology;
import io.vazao.policy.support.RabbitQueues;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A replay whose connection dies half-way (what the broker sees when the service is killed) and is
 * then started again loses nothing: every dead letter ends in the work queue, at most the one in
 * flight twice, and the dead-letter queue is empty.
 */
class ReplayCrashTest {

    @Test
    void aReplayKilledHalfWayAndRestartedLosesNothing() throws Exception {
        String queue = "t-replay-crash-" + UUID.randomUUID().toString().substring(0, 8);
        String dlq = Topology.deadLetterQueue(queue);
        List<String> ids = IntStream.range(0, 1_000).mapToObj(i -> "ORD-" + i).toList();
        try (RabbitQueues rabbit = new RabbitQueues()) {
            rabbit.declare(queue);
            rabbit.deadLetter(queue, "failed", ids, System.currentTimeMillis());

            Connection first = RabbitQueues.factory().newConnection("replay-to-kill");
            AtomicLong moved = new AtomicLong();
            CompletableFuture<ReplayProgress> killed =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return new Replayer(System::nanoTime)
                                            .replay(
                                                    first,
                                                    queue,
                                                    new ReplayRequest(null, null, 1_000.0),
                                                    new AtomicBoolean(),
                                                    p -> moved.set(p.moved()));
                                } catch (IOException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            await().atMost(Duration.ofSeconds(30)).until(() -> moved.get() >= 500);
            first.abort();
            Exception crash = assertThrows(Exception.class, () -> killed.get());
            System.out.printf("replay killed after %d moved: %s%n", moved.get(), crash.getCause());
            assertTrue(moved.get() < 1_000, "killed before the end");

            try (Connection second = RabbitQueues.factory().newConnection("replay-restarted")) {
                new Replayer(System::nanoTime)
                        .replay(second, queue, ReplayRequest.all(), new AtomicBoolean(), p -> {});
            }

            List<GetResponse> back = rabbit.drain(queue);
            Set<String> seen = new HashSet<>();
            back.forEach(r -> seen.add(r.getProps().getMessageId()));
            assertEquals(Set.copyOf(ids), seen, "every dead letter is back in the work queue");
            assertTrue(
                    back.size() <= ids.size() + 1,
                    "at most the message in flight twice: " + back.size());
            assertEquals(0, rabbit.depth(dlq), "dead-letter queue empty");
            GetResponse any = back.get(0);
            assertEquals(
                    "1",
                    String.valueOf(any.getProps().getHeaders().get(DeadLetterHeaders.REPLAYED)));
            assertTrue(
                    DeadLetterHeaders.DEAD_LETTER_ONLY.stream()
                            .noneMatch(any.getProps().getHeaders()::containsKey),
                    "dead-letter headers (reason, attempts, ...) removed");
        } finally {
            try (RabbitQueues rabbit = new RabbitQueues()) {
                rabbit.delete(queue, dlq);
            }
        }
    }
}
