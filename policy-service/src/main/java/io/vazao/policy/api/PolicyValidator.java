package io.vazao.policy.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Mode;
import io.vazao.contract.Policy;
import io.vazao.contract.QueueType;
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
                    "retry",
                    "deliveryLimit",
                    "duplicateWindowSeconds",
                    "forecastSeconds",
                    "forecastSeasonSeconds",
                    "queueType",
                    "standbyWorkers");

    /** Each standby worker holds a worker's memory all the time: a handful is the useful range. */
    public static final int MAX_STANDBY_WORKERS = 10;

    /** More redeliveries than this would let a message that kills workers run for hours. */
    public static final int MAX_DELIVERY_LIMIT = 1_000;

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
        Policy.Builder b = base.toBuilder();
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            applyField(b, e.getKey(), e.getValue(), out);
        }
        return b.build();
    }

    /**
     * One field of the body onto the builder; a bad value leaves the field as it was, with a
     * violation.
     */
    private static void applyField(
            Policy.Builder b, String field, JsonNode v, List<Violation> out) {
        switch (field) {
            case "weight" -> ifValid(JsonFields.positive(v, field, 0, 1000, out), b::weight);
            case "minWorkers" ->
                    ifValid(JsonFields.integer(v, field, 0, MAX_WORKERS_LIMIT, out), b::minWorkers);
            case "maxWorkers" ->
                    ifValid(JsonFields.integer(v, field, 1, MAX_WORKERS_LIMIT, out), b::maxWorkers);
            case "messagesPerWorker" ->
                    ifValid(JsonFields.integer(v, field, 1, 1_000_000, out), b::messagesPerWorker);
            case "targetDrainSeconds" ->
                    ifValid(JsonFields.integer(v, field, 1, 86_400, out), b::targetDrainSeconds);
            case "expectedRatePerWorker" ->
                    b.expectedRatePerWorker(
                            v.isNull()
                                    ? null
                                    : JsonFields.positive(
                                            v, field, 0, Policy.MAX_EXPECTED_RATE_PER_WORKER, out));
            case "rateLimitPerSecond" ->
                    b.rateLimitPerSecond(
                            v.isNull()
                                    ? null
                                    : JsonFields.positive(v, field, 0, 1_000_000_000, out));
            case "paused" -> ifValid(JsonFields.bool(v, field, out), b::paused);
            case "scaleDownStabilizationSeconds" ->
                    ifValid(
                            JsonFields.integer(v, field, 0, 3_600, out),
                            b::scaleDownStabilizationSeconds);
            case "mode" -> ifValid(mode(v, field, out), b::mode);
            case "retry" -> b.retry(v.isNull() ? null : RetryPolicyValidator.parse(v, out));
            case "duplicateWindowSeconds" ->
                    b.duplicateWindowSeconds(
                            v.isNull() ? null : JsonFields.integer(v, field, 0, 86_400, out));
            case "forecastSeconds" ->
                    b.forecastSeconds(
                            v.isNull() ? null : JsonFields.integer(v, field, 0, 3_600, out));
            case "forecastSeasonSeconds" ->
                    b.forecastSeasonSeconds(
                            v.isNull() ? null : JsonFields.integer(v, field, 0, 604_800, out));
            case "deliveryLimit" ->
                    b.deliveryLimit(
                            v.isNull()
                                    ? null
                                    : JsonFields.integer(v, field, 0, MAX_DELIVERY_LIMIT, out));
            case "queueType" -> b.queueType(v.isNull() ? null : queueType(v, field, out));
            case "standbyWorkers" ->
                    b.standbyWorkers(
                            v.isNull()
                                    ? null
                                    : JsonFields.integer(v, field, 0, MAX_STANDBY_WORKERS, out));
            default -> out.add(new Violation(field, "unknown field"));
        }
    }

    private static Mode mode(JsonNode v, String field, List<Violation> out) {
        String text = JsonFields.text(v, field, out);
        if (text == null) {
            return null;
        }
        if (text.equals("adaptive") || text.equals("seed")) {
            return Mode.fromWire(text);
        }
        out.add(new Violation(field, "must be one of adaptive, seed"));
        return null;
    }

    private static QueueType queueType(JsonNode v, String field, List<Violation> out) {
        String text = JsonFields.text(v, field, out);
        if (text == null) {
            return null;
        }
        for (QueueType t : QueueType.values()) {
            if (t.wire().equals(text)) {
                return t;
            }
        }
        out.add(new Violation(field, "must be one of classic, quorum"));
        return null;
    }

    private static <T> void ifValid(T value, java.util.function.Consumer<T> set) {
        if (value != null) {
            set.accept(value);
        }
    }
}
