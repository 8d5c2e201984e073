package io.vazao.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The headers a dead letter carries, written by the worker that parks it and read by whoever looks
 * at or replays the dead-letter queue: one place for their names.
 */
public final class DeadLetterHeaders {

    /**
     * Why the message was dead-lettered (a reason code such as {@code failed} or {@code
     * invalid-json}).
     */
    public static final String REASON = "x-vazao-reason";

    /** How many times processing was attempted. */
    public static final String ATTEMPTS = "x-vazao-attempts";

    /** The human-readable detail of the reason. */
    public static final String DETAIL = "x-vazao-detail";

    /** The queue the message was taken from. */
    public static final String QUEUE = "x-vazao-queue";

    /** The worker that dead-lettered it. */
    public static final String WORKER = "x-vazao-worker";

    /** The exchange the message had been published to, so a replay can publish it the same way. */
    public static final String EXCHANGE = "x-vazao-exchange";

    /** The routing key the message had been published with. */
    public static final String ROUTING_KEY = "x-vazao-routing-key";

    /** When it was dead-lettered, epoch milliseconds. */
    public static final String DEAD_LETTERED_AT = "x-vazao-dead-lettered-at";

    /** How many times the message has been replayed from the dead-letter queue. */
    public static final String REPLAYED = "x-vazao-replayed";

    /** Every header that describes one stay in the dead-letter queue: a replay removes them. */
    public static final List<String> DEAD_LETTER_ONLY =
            List.of(
                    REASON,
                    ATTEMPTS,
                    DETAIL,
                    QUEUE,
                    WORKER,
                    EXCHANGE,
                    ROUTING_KEY,
                    DEAD_LETTERED_AT);

    /** Reason reported for a message in a dead-letter queue without a reason header. */
    public static final String UNKNOWN_REASON = "unknown";

    private DeadLetterHeaders() {}

    /**
     * Where a replayed message of {@code queue} goes when its dead letter does not say: the seed
     * key, else the queue name.
     */
    public static String defaultRoutingKey(String queue) {
        return Topology.seedQueue(queue).map(Topology.QueueSpec::routingKey).orElse(queue);
    }

    /**
     * RabbitMQ's own record of dead-lettering, on messages the broker dead-lettered (a quorum
     * queue's delivery limit): a list of tables, the latest first, each with a {@code reason}.
     */
    public static final String BROKER_DEATHS = "x-death";

    /** The broker's reason for a quorum queue's delivery limit, and ours for the same. */
    static final Map<String, String> BROKER_REASONS = Map.of("delivery_limit", "delivery-limit");

    /**
     * Why a dead letter is there: the worker's reason, else the broker's latest (its {@code
     * delivery_limit} read as {@code delivery-limit}), else {@link #UNKNOWN_REASON}.
     */
    public static String reason(Map<String, Object> headers) {
        Optional<String> ours = text(headers, REASON);
        if (ours.isPresent()) {
            return ours.get();
        }
        Object deaths = headers == null ? null : headers.get(BROKER_DEATHS);
        if (deaths instanceof List<?> list
                && !list.isEmpty()
                && list.get(0) instanceof Map<?, ?> latest
                && latest.get("reason") != null) {
            String broker = latest.get("reason").toString();
            return BROKER_REASONS.getOrDefault(broker, broker);
        }
        return UNKNOWN_REASON;
    }

    /** A header value as text (the client hands strings over as byte sequences). */
    public static Optional<String> text(Map<String, Object> headers, String name) {
        Object v = headers == null ? null : headers.get(name);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }
}
