package io.vazao.contract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RabbitMQ topology defaults, kept from the replaced system so its publishers keep working: a
 * durable direct exchange with one queue per kind of work, and a dead-letter queue per queue.
 */
public final class Topology {

    public static final String EXCHANGE = "business_exchange";
    public static final String EXCHANGE_TYPE = "direct";

    /** Exchange that receives dead-lettered messages; routed by the original queue name. */
    public static final String DEAD_LETTER_EXCHANGE = "vazao.dlx";

    // Compile-time constants, so that configuration and option defaults (annotations) use them too.
    public static final String ORDERS_QUEUE = "business_queue_1";
    public static final String PAYMENTS_QUEUE = "business_queue_2";
    private static final String ORDERS_WEIGHT = "0.4";
    private static final String PAYMENTS_WEIGHT = "0.6";

    /**
     * The seed queues and their weights as {@code queue:weight,…}: the policy service's default.
     */
    public static final String SEED_WEIGHTS =
            ORDERS_QUEUE + ":" + ORDERS_WEIGHT + "," + PAYMENTS_QUEUE + ":" + PAYMENTS_WEIGHT;

    public static final QueueSpec ORDERS =
            new QueueSpec(
                    ORDERS_QUEUE,
                    "business.queue1",
                    "processOrder",
                    "order",
                    Double.parseDouble(ORDERS_WEIGHT));
    public static final QueueSpec PAYMENTS =
            new QueueSpec(
                    PAYMENTS_QUEUE,
                    "business.queue2",
                    "processPayment",
                    "payment",
                    Double.parseDouble(PAYMENTS_WEIGHT));

    public static final List<QueueSpec> SEED_QUEUES = List.of(ORDERS, PAYMENTS);

    private Topology() {}

    /** The dead-letter queue of a queue: {@code {queue}.dlq}. */
    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }

    /**
     * The delay queue a retry waiting {@code delayMillis} goes through: {@code
     * {queue}.retry.{delayMillis}}, whose message TTL is that delay and whose dead-letter target is
     * the work queue again. One per distinct delay, because a queue expires messages only at its
     * head: one queue with per-message TTLs would hold a short delay behind a long one.
     */
    public static String retryQueue(String queue, long delayMillis) {
        return queue + ".retry." + delayMillis;
    }

    /**
     * The arguments a work queue is declared with when it does not exist yet: none for a classic
     * queue; for a quorum queue, the broker's own delivery limit (the policy's {@code
     * deliveryLimit}, else {@link Policy#DEFAULT_DELIVERY_LIMIT}; 0 = none) and dead-lettering to
     * {@code {queue}.dlq} through {@link #DEAD_LETTER_EXCHANGE}, at least once: a dead letter stays
     * in the queue until the dead-letter queue has taken it.
     */
    public static Map<String, Object> workQueueArguments(String queue, Policy policy) {
        if (policy == null || policy.queueTypeOrDefault() == QueueType.CLASSIC) {
            return Map.of();
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("x-queue-type", QueueType.QUORUM.wire());
        int limit =
                policy.deliveryLimit() == null
                        ? Policy.DEFAULT_DELIVERY_LIMIT
                        : policy.deliveryLimit();
        if (limit > 0) {
            args.put("x-delivery-limit", limit);
        }
        args.put("x-dead-letter-exchange", DEAD_LETTER_EXCHANGE);
        args.put("x-dead-letter-routing-key", queue);
        args.put("x-dead-letter-strategy", "at-least-once");
        // at-least-once dead-lettering needs it; without a length limit it refuses nothing.
        args.put("x-overflow", "reject-publish");
        return Collections.unmodifiableMap(args);
    }

    public static Optional<QueueSpec> seedQueue(String queue) {
        return SEED_QUEUES.stream().filter(q -> q.queue().equals(queue)).findFirst();
    }

    /**
     * A work queue of the seed topology.
     *
     * @param queue queue name
     * @param routingKey binding on {@link #EXCHANGE}
     * @param function the Funqy function that processes it
     * @param messageType the payload's {@code type} field
     * @param defaultWeight its share of the budget in the seed (40/60)
     */
    public record QueueSpec(
            String queue,
            String routingKey,
            String function,
            String messageType,
            double defaultWeight) {}
}
