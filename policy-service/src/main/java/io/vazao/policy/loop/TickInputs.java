package io.vazao.policy.loop;

import io.vazao.contract.Heartbeat;
import io.vazao.contract.Policy;
import io.vazao.contract.Settings;
import io.vazao.engine.Snapshot;
import io.vazao.policy.broker.BrokerReading;
import java.util.List;
import java.util.Map;

/**
 * Everything one tick read, before the engine runs.
 *
 * @param settings the settings in force
 * @param policies policy per managed queue, by queue name
 * @param policyErrors stored policies that could not be read
 * @param broker the broker reading
 * @param liveWorkers live (fresh, not draining) workers per queue
 * @param snapshot what the engine is given
 * @param processes worker processes per queue as the local scaler reports them (empty under KEDA)
 */
public record TickInputs(
        Settings settings,
        Map<String, Policy> policies,
        List<String> policyErrors,
        BrokerReading broker,
        Map<String, List<Heartbeat>> liveWorkers,
        Snapshot snapshot,
        Map<String, Integer> processes) {}
