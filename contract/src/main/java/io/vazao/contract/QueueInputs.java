package io.vazao.contract;

/**
 * What the policy service knew about a queue when it decided: the inputs snapshot stored with each
 * {@link Target}.
 *
 * @param ready messages ready for delivery
 * @param unacked messages delivered but not yet acknowledged
 * @param consumers consumers the broker sees
 * @param publishRate arrivals per second
 * @param ackRate acknowledgements per second
 * @param liveWorkers workers with a fresh heartbeat
 * @param perWorkerRate measured messages/s per worker (null before the first measurement)
 * @param source where the queue figures came from: management, amqp, or held
 */
public record QueueInputs(
        long ready,
        long unacked,
        int consumers,
        double publishRate,
        double ackRate,
        int liveWorkers,
        Double perWorkerRate,
        String source) {

    /** Every figure from the management API. */
    public static final String SOURCE_MANAGEMENT = "management";

    /**
     * The management API could not be read: ready and consumers from an AMQP passive declare;
     * unacked and the rates are unknown (reported as 0), so a demand computed from them is too low.
     */
    public static final String SOURCE_AMQP = "amqp";

    /** Nothing could be read: the last inputs, shown again. */
    public static final String SOURCE_HELD = "held";

    /** Whether unacked and the rates are unknown (they read as 0). */
    public boolean partial() {
        return SOURCE_AMQP.equals(source);
    }

    public long depth() {
        return ready + unacked;
    }
}
