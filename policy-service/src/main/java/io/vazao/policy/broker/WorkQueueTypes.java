package io.vazao.policy.broker;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.vazao.contract.Policy;
import io.vazao.contract.Topology;
import io.vazao.policy.deadletter.BrokerConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A policy that names a queue type gets a queue of that type: the work queue is declared with the
 * policy's arguments ({@link Topology#workQueueArguments}) when it does not exist, before the
 * policy is stored and before any worker or publisher can declare it classic. A queue that exists
 * keeps its type (RabbitMQ cannot change it); the caller is told which type it has.
 */
@ApplicationScoped
public class WorkQueueTypes {

    private static final Logger LOG = Logger.getLogger(WorkQueueTypes.class);

    private final BrokerConnections connections;
    private final ManagementApi management;

    @Inject
    public WorkQueueTypes(BrokerConnections connections, ManagementApi management) {
        this.connections = connections;
        this.management = management;
    }

    /**
     * The type {@code queue} has once this returns, as the broker names it: the policy's when the
     * queue was missing (it is declared now, with its dead-letter queue), else the type it had.
     *
     * @throws IOException when the broker cannot be reached or refuses
     */
    public String ensure(String queue, Policy policy) throws IOException {
        Optional<String> existing;
        try {
            existing = management.queueType(queue);
        } catch (BrokerUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (existing.isPresent()) {
            return existing.get();
        }
        Map<String, Object> args = Topology.workQueueArguments(queue, policy);
        String dlq = Topology.deadLetterQueue(queue);
        try (Connection c = connections.open("queue-type");
                Channel ch = c.createChannel()) {
            ch.exchangeDeclare(Topology.DEAD_LETTER_EXCHANGE, BuiltinExchangeType.DIRECT, true);
            ch.queueDeclare(dlq, true, false, false, Map.of());
            ch.queueBind(dlq, Topology.DEAD_LETTER_EXCHANGE, queue);
            ch.queueDeclare(queue, true, false, false, args);
        } catch (TimeoutException e) {
            throw new IOException("the broker did not answer in time", e);
        }
        String type = policy.queueTypeOrDefault().wire();
        LOG.infof("event=queue-declared queue=%s queueType=%s arguments=%s", queue, type, args);
        return type;
    }
}
