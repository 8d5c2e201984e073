package io.vazao.functions.support;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.vazao.contract.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;

/**
 * The real RabbitMQ on 127.0.0.1, seen from a test: publish with confirms, count, fetch, clean up.
 */
public final class Rabbit implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    public Rabbit() {
        try {
            ConnectionFactory f = new ConnectionFactory();
            f.setHost("127.0.0.1");
            f.setPort(5672);
            f.setUsername("guest");
            f.setPassword("guest");
            f.setAutomaticRecoveryEnabled(false);
            // The broker's own limit (128 MiB by default), as the workers take: tests read back
            // whatever the broker accepted.
            f.setMaxInboundMessageBodySize(128 * 1024 * 1024);
            connection = f.newConnection("vazao-functions-test");
            channel = connection.createChannel();
            channel.confirmSelect();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(
                    "RabbitMQ on 127.0.0.1:5672 is needed for this test", e);
        }
    }

    /** Publishes persistent messages to the work exchange and waits for every confirm. */
    public void publish(String routingKey, List<byte[]> bodies) {
        publish(Topology.EXCHANGE, routingKey, bodies);
    }

    public void publish(String exchange, String routingKey, List<byte[]> bodies) {
        try {
            AMQP.BasicProperties props =
                    new AMQP.BasicProperties.Builder()
                            .contentType("application/json")
                            .deliveryMode(2)
                            .build();
            int n = 0;
            for (byte[] body : bodies) {
                channel.basicPublish(exchange, routingKey, true, props, body);
                if (++n % 1000 == 0) {
                    channel.waitForConfirmsOrDie(60_000);
                }
            }
            channel.waitForConfirmsOrDie(60_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    public void publishStrings(String routingKey, List<String> bodies) {
        publish(routingKey, bodies.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** Ready messages of a queue (not counting unacknowledged ones). */
    public long ready(String queue) {
        try (Channel ch = connection.createChannel()) {
            return ch.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot inspect " + queue, e);
        }
    }

    public int consumers(String queue) {
        try (Channel ch = connection.createChannel()) {
            return ch.queueDeclarePassive(queue).getConsumerCount();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot inspect " + queue, e);
        }
    }

    public boolean exists(String queue) {
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclarePassive(queue);
            return true;
        } catch (IOException e) {
            return false;
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes the ready messages of a queue until at least {@code n} came (the queue may be missing
     * meanwhile, as while a worker declares it again), then returns them all.
     */
    public List<Delivered> drainAtLeast(int n, String queue, Duration atMost) {
        List<Delivered> out = new ArrayList<>();
        Awaitility.await()
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(
                        () -> {
                            out.addAll(drain(queue));
                            return out.size() >= n;
                        });
        return out;
    }

    /** Takes every ready message of a queue (acked: they are removed). */
    public List<Delivered> drain(String queue) {
        List<Delivered> out = new ArrayList<>();
        try (Channel ch = connection.createChannel()) {
            GetResponse r;
            while ((r = ch.basicGet(queue, true)) != null) {
                Map<String, Object> headers =
                        r.getProps().getHeaders() == null ? Map.of() : r.getProps().getHeaders();
                out.add(new Delivered(r.getBody(), headers));
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot read " + queue, e);
        }
        return out;
    }

    public void declareQueue(String queue, String routingKey) {
        try (Channel ch = connection.createChannel()) {
            ch.exchangeDeclare(Topology.EXCHANGE, "direct", true);
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, Topology.EXCHANGE, routingKey);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot declare " + queue, e);
        }
    }

    public void deleteQueues(String... queues) {
        for (String q : queues) {
            try (Channel ch = connection.createChannel()) {
                ch.queueDelete(q);
            } catch (IOException | TimeoutException | RuntimeException e) {
                // already gone
            }
        }
    }

    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close(5_000);
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
    }

    /** A message read back from a queue. */
    public record Delivered(byte[] body, Map<String, Object> headers) {
        public String header(String name) {
            Object v = headers.get(name);
            return v == null ? null : v.toString();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
