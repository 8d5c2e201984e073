package io.vazao.policy.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Settings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates a settings body. Settings are one document: fields the body leaves out keep their
 * current value, so a client can change the budget alone.
 */
public final class SettingsValidator {

    private SettingsValidator() {}

    /**
     * Shortest heartbeat timeout, in worker heartbeat intervals: one late beat must not make a
     * worker stale.
     */
    static final int MIN_INTERVALS_PER_TIMEOUT = 2;

    /**
     * @param workerHeartbeatMillis the workers' heartbeat interval, which the timeout must leave
     *     room for
     */
    public static Settings apply(Settings current, JsonNode body, long workerHeartbeatMillis) {
        List<Violation> out = new ArrayList<>();
        if (body.isEmpty()) {
            out.add(new Violation("body", "must name at least one field"));
        }
        int budget = current.maxTotalWorkers();
        long tick = current.tickMillis();
        long heartbeatTimeout = current.heartbeatTimeoutMillis();
        double cpuHigh = current.cpuHighPercent();
        long maxMemory = current.maxMemoryPerWorkerBytes();
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode v = e.getValue();
            switch (field) {
                case "maxTotalWorkers" ->
                        budget = orElse(JsonFields.integer(v, field, 1, 100_000, out), budget);
                case "tickMillis" ->
                        tick = orElse(JsonFields.longValue(v, field, 100, 60_000, out), tick);
                case "heartbeatTimeoutMillis" ->
                        heartbeatTimeout =
                                orElse(
                                        JsonFields.longValue(v, field, 1_000, 3_600_000, out),
                                        heartbeatTimeout);
                case "cpuHighPercent" ->
                        cpuHigh = orElse(JsonFields.positive(v, field, 0, 10_000, out), cpuHigh);
                case "maxMemoryPerWorkerBytes" ->
                        maxMemory =
                                orElse(
                                        JsonFields.longValue(
                                                v, field, 16L * 1024 * 1024, 1L << 40, out),
                                        maxMemory);
                default -> out.add(new Violation(field, "unknown field"));
            }
        }
        if (out.isEmpty()) {
            relations(tick, heartbeatTimeout, workerHeartbeatMillis, out);
        }
        if (!out.isEmpty()) {
            throw ApiException.badRequest("invalid settings", out);
        }
        return new Settings(budget, tick, heartbeatTimeout, cpuHigh, maxMemory);
    }

    /**
     * Rules between fields, checked on the settings as they would be stored (changed and kept
     * fields alike).
     */
    private static void relations(
            long tick, long heartbeatTimeout, long workerHeartbeatMillis, List<Violation> out) {
        long minTimeout = MIN_INTERVALS_PER_TIMEOUT * workerHeartbeatMillis;
        if (heartbeatTimeout < minTimeout) {
            out.add(
                    new Violation(
                            "heartbeatTimeoutMillis",
                            "must be at least "
                                    + MIN_INTERVALS_PER_TIMEOUT
                                    + " x the workers' heartbeat interval ("
                                    + workerHeartbeatMillis
                                    + " ms) = "
                                    + minTimeout
                                    + ", was "
                                    + heartbeatTimeout
                                    + ": healthy workers would be stopped as stale"));
        }
        if (tick >= heartbeatTimeout) {
            out.add(
                    new Violation(
                            "tickMillis",
                            "must be shorter than heartbeatTimeoutMillis ("
                                    + heartbeatTimeout
                                    + "), was "
                                    + tick
                                    + ": a worker could go stale between two ticks unseen"));
        }
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
