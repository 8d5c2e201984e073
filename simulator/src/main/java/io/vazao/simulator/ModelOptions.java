package io.vazao.simulator;

import picocli.CommandLine.Option;

/**
 * The worker model's and the clock's options, shared by the simulator's commands as a picocli
 * {@code @Mixin}: the same names and defaults as {@code vazao simulate}'s.
 */
public final class ModelOptions {

    @Option(
            names = "--rate",
            defaultValue = "100",
            description = "messages/s one worker processes (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(
            names = "--startup",
            defaultValue = "5",
            description = "seconds until a new worker consumes (default: ${DEFAULT-VALUE})")
    double startup;

    @Option(
            names = "--prefetch",
            defaultValue = "16",
            description = "unacked messages per worker (default: ${DEFAULT-VALUE})")
    int prefetch;

    @Option(
            names = "--initial-workers",
            defaultValue = "1",
            description = "workers per queue at t=0 (default: ${DEFAULT-VALUE})")
    int initialWorkers;

    @Option(
            names = "--max-workers",
            defaultValue = "10",
            description = "ceiling per queue for every policy (default: ${DEFAULT-VALUE})")
    int maxWorkers;

    @Option(
            names = "--budget",
            description = "vazao's maxTotalWorkers (default: max-workers × queues)")
    Integer budget;

    @Option(
            names = "--step",
            defaultValue = "0.1",
            description = "time step in seconds (default: ${DEFAULT-VALUE})")
    double step;

    @Option(
            names = "--stats-interval",
            defaultValue = "5",
            description =
                    "seconds between the broker's statistics refreshes (default: ${DEFAULT-VALUE})")
    double statsInterval;

    @Option(
            names = "--tail",
            defaultValue = "300",
            description = "seconds simulated after the last arrival (default: ${DEFAULT-VALUE})")
    double tail;

    /** The worker model; throws IllegalArgumentException on a value out of range. */
    public WorkerModel model() {
        return new WorkerModel(rate, startup, prefetch, initialWorkers, maxWorkers);
    }

    /** Step, statistics interval and tail; throws IllegalArgumentException on a bad value. */
    public SimulationConfig config() {
        return new SimulationConfig(step, statsInterval, tail);
    }

    /** vazao's budget: the option, or the ceiling times the number of queues. */
    public int budget(int queues) {
        return budget != null ? budget : maxWorkers * queues;
    }
}
