package io.vazao.engine;

import io.vazao.contract.Policy;
import io.vazao.contract.Settings;
import java.time.Instant;
import java.util.Map;

/**
 * The decision engine: a pure function of a snapshot, the policies, the settings, the engine's own
 * history and the time. No I/O, no clock of its own, no randomness: the same arguments always give
 * the same {@link Outcome}, so every rule is unit-testable and a recorded trace can be replayed.
 */
public interface DecisionEngine {

    /**
     * @param snapshot what the control loop observed this tick
     * @param policies policy per managed queue (every queue of the snapshot has one)
     * @param settings budget and thresholds
     * @param history what the previous call returned ({@link History#empty()} at first)
     * @param now the injected time of this tick
     */
    Outcome decide(
            Snapshot snapshot,
            Map<String, Policy> policies,
            Settings settings,
            History history,
            Instant now);
}
