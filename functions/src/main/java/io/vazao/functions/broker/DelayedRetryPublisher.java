package io.vazao.functions.broker;

import com.rabbitmq.client.AMQP;
import io.vazao.contract.DeadLetterHeaders;
import io.vazao.contract.Topology;
import io.vazao.functions.config.QueueBinding;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Sends a failed message on a long wait instead of holding a processing thread: it is published,
 * with a confirm, to {@code {queue}.retry.{delayMillis}} — a queue with that message TTL whose
 * expired messages the broker dead-letters straight back to the work queue (default exchange, the
 * queue's name) — carrying the attempts so far in {@code x-vazao-attempts}. The caller acks the
 * original only after the confirm. Each delay queue is declared (idempotently) the first time this
 * process uses it and again after a reconnect.
 */
@ApplicationScoped
public class DelayedRetryPublisher {

    private static final Logger LOG = Logger.getLogger(DelayedRetryPublisher.class);
    private final String queue;
    private final Set<String> declared = new HashSet<>();
    private final ConfirmedChannel channel;

    @Inject
    public DelayedRetryPublisher(BrokerConnection broker, QueueBinding binding) {
        this.queue = binding.queue();
        // a broker that restarted may have lost what was declared
        this.channel = new ConfirmedChannel(broker, declared::clear);
    }

    /** The arguments of a delay queue: TTL = the delay, expired messages back to the work queue. */
    public static Map<String, Object> delayQueueArguments(String queue, long delayMillis) {
        return Map.of(
                "x-message-ttl",
                delayMillis,
                "x-dead-letter-exchange",
                "",
                "x-dead-letter-routing-key",
                queue);
    }

    public synchronized void publish(
            byte[] body, AMQP.BasicProperties original, int attemptsSoFar, long delayMillis)
            throws IOException {
        String delayQueue = Topology.retryQueue(queue, delayMillis);
        Map<String, Object> headers = new HashMap<>();
        if (original != null && original.getHeaders() != null) {
            headers.putAll(original.getHeaders());
        }
        headers.put(DeadLetterHeaders.ATTEMPTS, attemptsSoFar);
        AMQP.BasicProperties.Builder props =
                original == null ? new AMQP.BasicProperties.Builder() : original.builder();
        props.headers(headers).deliveryMode(2).expiration(null);
        channel.publish(
                "",
                delayQueue,
                props.build(),
                body,
                "delay queue " + delayQueue + " does not exist",
                ch -> {
                    if (!declared.contains(delayQueue)) {
                        ch.queueDeclare(
                                delayQueue,
                                true,
                                false,
                                false,
                                delayQueueArguments(queue, delayMillis));
                        declared.add(delayQueue);
                        LOG.infof(
                                "event=delay-queue-declared queue=%s delayQueue=%s delayMillis=%d",
                                queue, delayQueue, delayMillis);
                    }
                });
    }

    @PreDestroy
    synchronized void close() {
        channel.discard();
    }
}
