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

    public long depth() {
        return ready + unacked;
    }
}
