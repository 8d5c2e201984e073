package io.vazao.policy.broker;

/**
 * What the broker says about one queue.
 *
 * @param ready messages ready
 * @param unacked delivered, not yet acknowledged (0 when the source cannot tell)
 * @param consumers consumers attached
 * @param publishRate arrivals per second, null when the source cannot tell
 * @param ackRate acknowledgements (or deliveries) per second, null when the source cannot tell
 * @param dlqMessages messages in the queue's dead-letter queue, null when unknown
 * @param declared false when the queue does not exist on the broker
 * @param readyCounted true when {@code ready} was counted at read time (passive declare), false
 *     when it is a statistic the broker sampled up to one collection interval ago
 */
public record QueueFigures(
        long ready,
        long unacked,
        int consumers,
        Double publishRate,
        Double ackRate,
        Long dlqMessages,
        boolean declared,
        boolean readyCounted) {

    public static QueueFigures undeclared() {
        return new QueueFigures(0, 0, 0, 0.0, 0.0, null, false, false);
    }
}
