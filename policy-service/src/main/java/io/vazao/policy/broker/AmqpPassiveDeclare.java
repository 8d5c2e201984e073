package io.vazao.policy.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.vazao.contract.Topology;
import io.vazao.policy.config.VazaoConfig;
import io.vazao.policy.deadletter.BrokerConnections;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The fallback source: AMQP {@code queue.declare(passive)} tells ready messages and consumers, but
 * neither unacknowledged messages nor rates. One connection is kept between ticks and replaced when
 * it breaks.
 */
@ApplicationScoped
public class AmqpPassiveDeclare implements QueueSource {

    private final ConnectionFactory factory;
    private final boolean enabled;
    private Connection connection;

    @Inject
    public AmqpPassiveDeclare(VazaoConfig config) {
        this(
                config.amqp().enabled(),
                config.amqp().host(),
                config.amqp().port(),
                config.amqp().user(),
                config.amqp().password(),
                config.amqp().vhost(),
                (int) config.amqp().timeout().toMillis());
    }

    public AmqpPassiveDeclare(
            boolean enabled,
            String host,
            int port,
            String user,
            String password,
            String vhost,
            int timeoutMillis) {
        this.enabled = enabled;
        factory = BrokerConnections.factory(host, port, user, password, vhost, timeoutMillis);
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public synchronized Map<String, QueueFigures> read(List<String> queues)
            throws BrokerUnavailableException {
        if (!enabled) {
            throw new BrokerUnavailableException("AMQP fallback disabled");
        }
        Map<String, QueueFigures> out = new LinkedHashMap<>();
        try {
            Connection c = connection();
            Channel channel = c.createChannel();
            try {
                for (String queue : queues) {
                    if (!channel.isOpen()) {
                        channel = c.createChannel();
                    }
                    QueueCount main = declare(channel, queue);
                    if (main == null) {
                        out.put(queue, QueueFigures.undeclared());
                        continue;
                    }
                    if (!channel.isOpen()) {
                        channel = c.createChannel();
                    }
                    QueueCount dlq = declare(channel, Topology.deadLetterQueue(queue));
                    out.put(
                            queue,
                            new QueueFigures(
                                    main.messages,
                                    0,
                                    main.consumers,
                                    null,
                                    null,
                                    dlq == null ? 0L : dlq.messages,
                                    true,
                                    true));
                }
            } finally {
                closeQuietly(channel);
            }
            return out;
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            drop();
            throw new BrokerUnavailableException(
                    "AMQP unreachable: "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private record QueueCount(long messages, int consumers) {}

    /** Null when the queue does not exist (the broker then closes the channel). */
    private static QueueCount declare(Channel channel, String queue) throws IOException {
        try {
            AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue);
            return new QueueCount(ok.getMessageCount(), ok.getConsumerCount());
        } catch (IOException e) {
            if (e.getCause() instanceof ShutdownSignalException s
                    && !s.isHardError()
                    && s.getReason() instanceof AMQP.Channel.Close close
                    && close.getReplyCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private Connection connection() throws IOException, TimeoutException {
        if (connection == null || !connection.isOpen()) {
            drop();
            connection = factory.newConnection("vazao-policy-service");
        }
        return connection;
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.abort(1_000);
            } catch (RuntimeException ignored) {
                // already gone
            }
            connection = null;
        }
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException ignored) {
            // the connection may be gone already
        }
    }

    @PreDestroy
    synchronized void close() {
        drop();
    }
}
