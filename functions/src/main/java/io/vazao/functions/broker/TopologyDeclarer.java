package io.vazao.functions.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.vazao.contract.Topology;
import io.vazao.functions.config.QueueBinding;
import io.vazao.functions.ratelimit.CurrentPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Declares what the worker needs, idempotently: the durable direct work exchange, the work queue
 * and its binding, the dead-letter exchange and the queue's dead-letter queue bound by the queue's
 * name. A work queue that exists is used as it is, whatever its type and arguments (the broker
 * refuses a declaration whose arguments differ); one that does not is declared as the queue's
 * policy says as the worker last read it ({@link CurrentPolicy}, none: classic; {@link
 * Topology#workQueueArguments}): classic without {@code x-} arguments, so that every part and the
 * replaced system's publishers declare it the same way, or quorum with the broker's own delivery
 * limit. The worker's own dead letters are published explicitly, with a reason.
 */
@ApplicationScoped
public class TopologyDeclarer {

    private static final Logger LOG = Logger.getLogger(TopologyDeclarer.class);

    private final QueueBinding binding;
    private final CurrentPolicy policy;

    @Inject
    public TopologyDeclarer(QueueBinding binding, CurrentPolicy policy) {
        this.binding = binding;
        this.policy = policy;
    }

    public void declare(Channel ch) throws IOException {
        Map<String, Object> none = Map.of();
        ch.exchangeDeclare(binding.exchange(), BuiltinExchangeType.DIRECT, true, false, none);
        ch.exchangeDeclare(
                Topology.DEAD_LETTER_EXCHANGE, BuiltinExchangeType.DIRECT, true, false, none);
        String type = "existing";
        if (!exists(ch.getConnection(), binding.queue())) {
            Map<String, Object> args = Topology.workQueueArguments(binding.queue(), policy.get());
            type = args.isEmpty() ? "classic" : String.valueOf(args.get("x-queue-type"));
            declareNew(ch.getConnection(), args);
        }
        ch.queueBind(binding.queue(), binding.exchange(), binding.routingKey());
        ch.queueDeclare(binding.deadLetterQueue(), true, false, false, none);
        ch.queueBind(binding.deadLetterQueue(), Topology.DEAD_LETTER_EXCHANGE, binding.queue());
        LOG.infof(
                "event=topology-declared exchange=%s queue=%s queueType=%s routingKey=%s dlx=%s"
                        + " dlq=%s",
                binding.exchange(),
                binding.queue(),
                type,
                binding.routingKey(),
                Topology.DEAD_LETTER_EXCHANGE,
                binding.deadLetterQueue());
    }

    /** A passive declare on a channel of its own: one that finds nothing closes its channel. */
    static boolean exists(Connection connection, String queue) throws IOException {
        Channel probe = connection.createChannel();
        try {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (IOException e) {
            if (replyCode(e) == AMQP.NOT_FOUND) {
                return false;
            }
            throw e;
        } finally {
            closeQuietly(probe);
        }
    }

    /**
     * Declares the queue on a channel of its own: when another part declared it meanwhile with
     * other arguments, the broker refuses ours, and the queue is there all the same.
     */
    private void declareNew(Connection connection, Map<String, Object> args) throws IOException {
        Channel ch = connection.createChannel();
        try {
            ch.queueDeclare(binding.queue(), true, false, false, args);
        } catch (IOException e) {
            if (replyCode(e) != AMQP.PRECONDITION_FAILED) {
                throw e;
            }
            LOG.infof("event=queue-declared-elsewhere queue=%s action=use-as-is", binding.queue());
        } finally {
            closeQuietly(ch);
        }
    }

    static int replyCode(IOException e) {
        if (e.getCause() instanceof ShutdownSignalException s
                && s.getReason() instanceof AMQP.Channel.Close close) {
            return close.getReplyCode();
        }
        return -1;
    }

    private static void closeQuietly(Channel ch) {
        try {
            if (ch.isOpen()) {
                ch.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // already closed by the broker's refusal
        }
    }
}
