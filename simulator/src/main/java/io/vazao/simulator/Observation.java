package io.vazao.simulator;

/**
 * What a policy can see of one queue: the figures RabbitMQ's management API and the workers'
 * heartbeats would report.
 *
 * @param ready messages waiting for delivery
 * @param unacked messages delivered to workers and not yet acknowledged
 * @param publishRate arrivals per second (averaged over the last stats interval)
 * @param ackRate acknowledgements per second (same window)
 * @param running workers that consume (heartbeat state running)
 * @param starting workers started but not consuming yet
 */
public record Observation(
        long ready, long unacked, double publishRate, double ackRate, int running, int starting) {

    /** This sample's unacked and rates, with ready messages and workers from {@code now}. */
    public Observation withCounts(Observation now) {
        return new Observation(now.ready, unacked, publishRate, ackRate, now.running, now.starting);
    }

    public long messages() {
        return ready + unacked;
    }
}
