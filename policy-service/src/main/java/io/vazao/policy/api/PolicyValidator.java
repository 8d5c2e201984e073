package io.vazao.policy.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Mode;
import io.vazao.contract.Policy;
import io.vazao.contract.RetryPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a policy body field by field. A PUT body replaces the policy (fields it leaves out take
 * their defaults, except the three that must be given); a PATCH body changes only the fields it
 * names. Either way the result is checked as a whole (minWorkers &lt;= maxWorkers).
 */
public final class PolicyValidator {

    public static final int MAX_WORKERS_LIMIT = 10_000;
    static final Set<String> FIELDS =
            Set.of(
                    "weight",
                    "minWorkers",
                    "maxWorkers",
                    "messagesPerWorker",
                    "targetDrainSeconds",
                    "expectedRatePerWorker",
                    "rateLimitPerSecond",
                    "paused",
                    "scaleDownStabilizationSeconds",
                    "mode",
                    "retry");
    static final List<String> REQUIRED_ON_PUT = List.of("weight", "minWorkers", "maxWorkers");

    private PolicyValidator() {}

    /** The policy a PUT body describes; throws 400 with every violation otherwise. */
    public static Policy replacement(JsonNode body) {
        List<Violation> violations = new ArrayList<>();
        for (String field : REQUIRED_ON_PUT) {
            if (!body.has(field)) {
                violations.add(new Violation(field, "is required"));
            }
        }
        Policy result = apply(Policy.defaults(1.0), body, violations);
        return check(result, violations);
    }

    /**
     * {@code current} with the fields a PATCH body names; throws 400 with every violation
     * otherwise.
     */
    public static Policy patch(Policy current, JsonNode body) {
        List<Violation> violations = new ArrayList<>();
        if (body.isEmpty()) {
            violations.add(new Violation("body", "must name at least one field"));
        }
        return check(apply(current, body, violations), violations);
    }

    private static Policy check(Policy policy, List<Violation> violations) {
        if (violations.isEmpty() && policy.minWorkers() > policy.maxWorkers()) {
            violations.add(
                    new Violation(
                            "minWorkers", "must be <= maxWorkers (" + policy.maxWorkers() + ")"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.badRequest("invalid policy", violations);
        }
        return policy;
    }

    private static Policy apply(Policy base, JsonNode body, List<Violation> out) {
        double weight = base.weight();
        int minWorkers = base.minWorkers();
        int maxWorkers = base.maxWorkers();
        int messagesPerWorker = base.messagesPerWorker();
        int targetDrainSeconds = base.targetDrainSeconds();
        Double expectedRate = base.expectedRatePerWorker();
        Double rateLimit = base.rateLimitPerSecond();
        boolean paused = base.paused();
        int stabilization = base.scaleDownStabilizationSeconds();
        Mode mode = base.mode();
        RetryPolicy retry = base.retry();

        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode v = e.getValue();
            switch (field) {
                case "weight" ->
                        weight = orElse(JsonFields.positive(v, field, 0, 1000, out), weight);
                case "minWorkers" ->
                        minWorkers =
                                orElse(
                                        JsonFields.integer(v, field, 0, MAX_WORKERS_LIMIT, out),
                                        minWorkers);
                case "maxWorkers" ->
                        maxWorkers =
                                orElse(
                                        JsonFields.integer(v, field, 1, MAX_WORKERS_LIMIT, out),
                                        maxWorkers);
                case "messagesPerWorker" ->
                        messagesPerWorker =
                                orElse(
                                        JsonFields.integer(v, field, 1, 1_000_000, out),
                                        messagesPerWorker);
                case "targetDrainSeconds" ->
                        targetDrainSeconds =
                                orElse(
                                        JsonFields.integer(v, field, 1, 86_400, out),
                                        targetDrainSeconds);
                case "expectedRatePerWorker" ->
                        expectedRate =
                                v.isNull()
                                        ? null
                                        : JsonFields.positive(v, field, 0, 1_000_000, out);
                case "rateLimitPerSecond" ->
                        rateLimit =
                                v.isNull()
                                        ? null
                                        : JsonFields.positive(v, field, 0, 1_000_000_000, out);
                case "paused" -> paused = orElse(JsonFields.bool(v, field, out), paused);
                case "scaleDownStabilizationSeconds" ->
                        stabilization =
                                orElse(JsonFields.integer(v, field, 0, 3_600, out), stabilization);
                case "mode" -> {
                    String text = JsonFields.text(v, field, out);
                    if (text != null) {
                        if (text.equals("adaptive") || text.equals("seed")) {
                            mode = Mode.fromWire(text);
                        } else {
                            out.add(new Violation(field, "must be one of adaptive, seed"));
                        }
                    }
                }
                case "retry" -> retry = v.isNull() ? null : RetryPolicyValidator.parse(v, out);
                default -> out.add(new Violation(field, "unknown field"));
            }
        }
        return new Policy(
                weight,
                minWorkers,
                maxWorkers,
                messagesPerWorker,
                targetDrainSeconds,
                expectedRate,
                rateLimit,
                paused,
                stabilization,
                mode,
                retry);
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
