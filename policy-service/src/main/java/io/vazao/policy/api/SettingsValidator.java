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

    private SettingsValidator() {
    }

    public static Settings apply(Settings current, JsonNode body) {
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
                case "maxTotalWorkers" -> budget = orElse(JsonFields.integer(v, field, 1, 100_000, out), budget);
                case "tickMillis" -> tick = orElse(JsonFields.longValue(v, field, 100, 60_000, out), tick);
                case "heartbeatTimeoutMillis" -> heartbeatTimeout = orElse(JsonFields.longValue(v, field, 1_000, 3_600_000, out), heartbeatTimeout);
                case "cpuHighPercent" -> cpuHigh = orElse(JsonFields.positive(v, field, 0, 10_000, out), cpuHigh);
                case "maxMemoryPerWorkerBytes" -> maxMemory = orElse(
                        JsonFields.longValue(v, field, 16L * 1024 * 1024, 1L << 40, out), maxMemory);
                default -> out.add(new Violation(field, "unknown field"));
            }
        }
        if (!out.isEmpty()) {
            throw ApiException.badRequest("invalid settings", out);
        }
        return new Settings(budget, tick, heartbeatTimeout, cpuHigh, maxMemory);
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
