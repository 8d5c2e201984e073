package io.vazao.simulator;

import java.util.List;

/** An arrival pattern the simulator replays: a built-in or file scenario, or a recorded trace. */
public interface Arrivals {

    String name();

    /** The queues that receive messages, in a stable order. */
    List<String> queueNames();

    /** Messages that arrive on a queue in {@code [t0, t1)} seconds from the start. */
    double arrivals(String queue, double t0, double t1);

    /** Seconds until the last message arrives. */
    double durationSeconds();
}
