package io.vazao.functions.broker;

import com.rabbitmq.client.AMQP;
import io.vazao.contract.DeadLetterHeaders;
import io.vazao.contract.Topology;
import io.vazao.functions.config.QueueBinding;
import io.vazao.functions.config.WorkerIdentity;
import io.vazao.functions.payload.Rejection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Publishes a message to the queue's dead-letter queue with the reason and attempt count in its
 * headers, and returns only once the broker has confirmed it: the caller acks the original only
 * after that, so a message is never in neither queue. Dead letters are rare; one confirmed channel
 * used under a lock is enough. The headers are named in {@link DeadLetterHeaders}.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    /**
     * Longest detail kept: an exception message can be megabytes, and headers count against frame
     * limits.
     */
    public static final int MAX_DETAIL_CHARS = 1_000;

    private final QueueBinding binding;
    private final String workerId;
    private final ConfirmedChannel channel;
    private final TopologyDeclarer topology;

    @Inject
    public DeadLetterPublisher(
            BrokerConnection broker,
            QueueBinding binding,
            WorkerIdentity identity,
            TopologyDeclarer topology) {
        this.binding = binding;
        this.workerId = identity.workerId();
        this.topology = topology;
        this.channel = new ConfirmedChannel(broker, () -> {});
    }

    /**
     * Publishes {@code body} to the dead-letter queue and waits for the broker's confirm.
     *
     * @throws IOException when the broker is unreachable, nacks, does not confirm in time, or
     *     cannot route the message (the caller must then leave the original in its queue)
     */
    public synchronized void publish(
            byte[] body,
            AMQP.BasicProperties original,
            Rejection reason,
            String detail,
            int attempts)
            throws IOException {
        Map<String, Object> headers = new HashMap<>();
        if (original != null && original.getHeaders() != null) {
            headers.putAll(original.getHeaders());
        }
        headers.put(DeadLetterHeaders.REASON, reason.code());
        headers.put(DeadLetterHeaders.ATTEMPTS, attempts);
        headers.put(DeadLetterHeaders.DETAIL, clip(detail));
        headers.put(DeadLetterHeaders.QUEUE, binding.queue());
        headers.put(DeadLetterHeaders.WORKER, workerId);
        headers.put(DeadLetterHeaders.EXCHANGE, binding.exchange());
        headers.put(DeadLetterHeaders.ROUTING_KEY, binding.routingKey());
        headers.put(DeadLetterHeaders.DEAD_LETTERED_AT, System.currentTimeMillis());
        AMQP.BasicProperties.Builder props =
                original == null ? new AMQP.BasicProperties.Builder() : original.builder();
        props.headers(headers).deliveryMode(2).expiration(null);
        confirmedPublish(
                Topology.DEAD_LETTER_EXCHANGE,
                binding.queue(),
                props.build(),
                body,
                "dead-letter queue "
                        + binding.deadLetterQueue()
                        + " is not bound to "
                        + Topology.DEAD_LETTER_EXCHANGE);
    }

    /**
     * Publishes a copy of a message, unchanged, to the tail of the worker's own queue (through the
     * default exchange) and waits for the broker's confirm: for a Celery task whose eta is still
     * far ahead, so that it does not hold a processing thread until then.
     *
     * @throws IOException as {@link #publish}; the caller must then leave the original in its queue
     */
    public synchronized void republish(byte[] body, AMQP.BasicProperties original)
            throws IOException {
        AMQP.BasicProperties props =
                (original == null ? new AMQP.BasicProperties.Builder() : original.builder())
                        .deliveryMode(2)
                        .build();
        confirmedPublish(
                "", binding.queue(), props, body, "queue " + binding.queue() + " does not exist");
    }

    private void confirmedPublish(
            String exchange,
            String routingKey,
            AMQP.BasicProperties props,
            byte[] body,
            String unroutable)
            throws IOException {
        try {
            channel.publish(exchange, routingKey, props, body, unroutable, ch -> {});
        } catch (ConfirmedChannel.Unroutable e) {
            // Someone deleted the dead-letter queue (or its binding): declare the topology again
            // and try once more, rather than requeue the message into the same gap forever.
            LOG.warnf(
                    "event=topology-missing queue=%s action=redeclare error=\"%s\"",
                    binding.queue(), e.getMessage());
            channel.publish(exchange, routingKey, props, body, unroutable, topology::declare);
        }
    }

    @PreDestroy
    synchronized void close() {
        channel.discard();
    }

    /**
     * The detail header's value: at most {@link #MAX_DETAIL_CHARS} characters, with a mark when
     * cut.
     */
    public static String clip(String detail) {
        if (detail == null) {
            return "";
        }
        return detail.length() <= MAX_DETAIL_CHARS
                ? detail
                : detail.substring(0, MAX_DETAIL_CHARS - 1) + "…";
    }
}
