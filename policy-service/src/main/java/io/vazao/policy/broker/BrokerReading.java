package io.vazao.policy.broker;

import io.vazao.contract.QueueInputs;
import java.util.Map;

/**
 * One tick's view of the broker.
 *
 * @param source {@link #MANAGEMENT}, {@link #AMQP}, or {@link #UNREACHABLE} (then {@code queues} is
 *     empty)
 * @param queues figures per queue
 * @param problem why the preferred source was not used, or null
 */
public record BrokerReading(String source, Map<String, QueueFigures> queues, String problem) {

    public static final String MANAGEMENT = QueueInputs.SOURCE_MANAGEMENT;
    public static final String AMQP = QueueInputs.SOURCE_AMQP;
    public static final String UNREACHABLE = "unreachable";

    public boolean reachable() {
        return !UNREACHABLE.equals(source);
    }
}
