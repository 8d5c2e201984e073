package io.vazao.simulator;

/**
 * Clock and horizon of a simulation run.
 *
 * @param stepSeconds the discrete time step (0.1 s by default)
 * @param statsIntervalSeconds how often the broker's management API refreshes queue figures
 *     (RabbitMQ's {@code collect_statistics_interval}, 5 s by default); every policy sees the queue
 *     as of the last refresh
 * @param tailSeconds how long to keep simulating after the last arrival, so that slow scale-down is
 *     paid for in worker-seconds (300 s covers KEDA's cooldown)
 */
public record SimulationConfig(
        double stepSeconds, double statsIntervalSeconds, double tailSeconds) {

    public static final SimulationConfig DEFAULT = new SimulationConfig(0.1, 5, 300);

    public SimulationConfig {
        if (stepSeconds <= 0) throw new IllegalArgumentException("stepSeconds: must be > 0");
        if (statsIntervalSeconds < 0)
            throw new IllegalArgumentException("statsIntervalSeconds: must be >= 0");
        if (tailSeconds < 0) throw new IllegalArgumentException("tailSeconds: must be >= 0");
    }
}
