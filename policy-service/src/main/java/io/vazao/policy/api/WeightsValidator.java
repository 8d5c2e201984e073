package io.vazao.policy.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed-compatible weights body {@code {"business_queue_1": 0.4, "business_queue_2": 0.6}}:
 * every key a managed queue, every value a number in (0, 1] (never a boolean), and the values
 * summing to 1 within {@link #TOLERANCE}. Queues the body does not name keep their weight.
 */
public final class WeightsValidator {

    public static final double TOLERANCE = 1e-6;

    private WeightsValidator() {}

    public static Map<String, Double> validate(JsonNode body, Set<String> managedQueues) {
        List<Violation> out = new ArrayList<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        if (body.isEmpty()) {
            out.add(new Violation("body", "must name at least one queue"));
        }
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!managedQueues.contains(e.getKey())) {
                out.add(new Violation(e.getKey(), "unknown queue"));
                continue;
            }
            Double w = JsonFields.positive(e.getValue(), e.getKey(), 0, 1, out);
            if (w != null) {
                weights.put(e.getKey(), w);
            }
        }
        if (out.isEmpty()) {
            double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
            if (Math.abs(sum - 1.0) > TOLERANCE) {
                out.add(new Violation("weights", "must sum to 1 within 1e-6 (sum is " + sum + ")"));
            }
        }
        if (!out.isEmpty()) {
            throw ApiException.badRequest("invalid weights", out);
        }
        return weights;
    }
}
