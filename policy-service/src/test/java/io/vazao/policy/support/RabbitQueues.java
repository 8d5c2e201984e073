package io.vazao.policy.support;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.vazao.contract.DeadLetterHeaders;
import io.vazao.contract.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The shared RabbitMQ seen from a test: a work queue with its dead-letter queue, filled and read
 * back.
 */
public final class RabbitQueues implements AutoCloseable {

    private final Connection connection;

    public RabbitQueues() {
        try {
            connection = factory().newConnection("vazao-policy-test");
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(
                    "RabbitMQ on 127.0.0.1:5672 is needed for this test", e);
        }
    }

    public static ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(5672);
        f.setUsername("guest");
        f.setPassword("guest");
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }

    /** The work queue bound to the work exchange by its own name, and its dead-letter queue. */
    public void declare(String queue) {
        try (Channel ch = connection.createChannel()) {
            ch.exchangeDeclare(Topology.EXCHANGE, "direct", true);
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, Topology.EXCHANGE, DeadLetterHeaders.defaultRoutingKey(queue));
            ch.queueDeclare(Topology.deadLetterQueue(queue), true, false, false, null);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Puts dead letters straight into the queue's dead-letter queue, as a worker would leave them.
     */
    public void deadLetter(String queue, String reason, List<String> ids, long deadLetteredAt) {
        try (Channel ch = connection.createChannel()) {
            ch.confirmSelect();
            for (String id : ids) {
                Map<String, Object> h = new HashMap<>();
                h.put(DeadLetterHeaders.REASON, reason);
                h.put(DeadLetterHeaders.ATTEMPTS, 3);
                h.put(DeadLetterHeaders.DETAIL, "scripted " + reason);
                h.put(DeadLetterHeaders.QUEUE, queue);
                h.put(DeadLetterHeaders.DEAD_LETTERED_AT, deadLetteredAt);
                AMQP.BasicProperties p =
                        new AMQP.BasicProperties.Builder()
                                .messageId(id)
                                .headers(h)
                                .deliveryMode(2)
                                .contentType("application/json")
                                .build();
                ch.basicPublish(
                        "",
                        Topology.deadLetterQueue(queue),
                        p,
                        ("{\"id\":\"" + id + "\",\"type\":\"order\"}")
                                .getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(30_000);
        } catch (IOException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public long depth(String queue) {
        try (Channel ch = connection.createChannel()) {
            return ch.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes every message of a queue (they are removed). */
    public List<GetResponse> drain(String queue) {
        List<GetResponse> out = new ArrayList<>();
        try (Channel ch = connection.createChannel()) {
            for (GetResponse r; (r = ch.basicGet(queue, true)) != null; ) {
                out.add(r);
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public void delete(String... queues) {
        for (String q : queues) {
            try (Channel ch = connection.createChannel()) {
                ch.queueDelete(q);
            } catch (IOException | TimeoutException | RuntimeException e) {
                // already gone
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close(5_000);
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
    }
}
