package io.vazao.contract;

import java.util.List;
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
