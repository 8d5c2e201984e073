package io.vazao.policy.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.RetryPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The {@code retry} field of a policy: an object with {@code attempts} (1..100), {@code
 * firstDelayMillis} (0..3,600,000), {@code multiplier} (1..10), {@code maxDelayMillis} (&gt;=
 * firstDelayMillis, at most 86,400,000) and {@code retriedReasons} (default {@code ["failed"]});
 * the first two are required.
 */
final class RetryPolicyValidator {

    static final int MAX_ATTEMPTS = 100;
    static final long MAX_DELAY_MILLIS = 86_400_000;
    private static final Set<String> FIELDS =
            Set.of(
                    "attempts",
                    "firstDelayMillis",
                    "multiplier",
                    "maxDelayMillis",
                    "retriedReasons");

    private RetryPolicyValidator() {}

    /**
     * The retry policy, or null with the violations (field names prefixed {@code retry.}) added to
     * {@code out}.
     */
    static RetryPolicy parse(JsonNode node, List<Violation> out) {
        if (!node.isObject()) {
            out.add(new Violation("retry", "must be an object or null"));
            return null;
        }
        List<Violation> mine = shapeViolations(node);
        Integer attempts =
                node.has("attempts")
                        ? JsonFields.integer(
                                node.get("attempts"), "retry.attempts", 1, MAX_ATTEMPTS, mine)
                        : null;
        Long first =
                node.has("firstDelayMillis")
                        ? JsonFields.longValue(
                                node.get("firstDelayMillis"),
                                "retry.firstDelayMillis",
                                0,
                                3_600_000,
                                mine)
                        : null;
        Double multiplier =
                node.has("multiplier")
                        ? atLeastOne(node.get("multiplier"), mine)
                        : Double.valueOf(2.0);
        Long max =
                node.has("maxDelayMillis")
                        ? JsonFields.longValue(
                                node.get("maxDelayMillis"),
                                "retry.maxDelayMillis",
                                0,
                                MAX_DELAY_MILLIS,
                                mine)
                        : null;
        List<String> reasons =
                node.has("retriedReasons")
                        ? reasons(node.get("retriedReasons"), mine)
                        : List.of(RetryPolicy.REASON_FAILED);
        if (mine.isEmpty()) {
            long cap = max == null ? Math.max(first, 10_000) : max;
            if (cap < first) {
                mine.add(
                        new Violation(
                                "retry.maxDelayMillis",
                                "must be >= firstDelayMillis (" + first + ")"));
            } else {
                return new RetryPolicy(attempts, first, multiplier, cap, reasons);
            }
        }
        out.addAll(mine);
        return null;
    }

    /** Unknown fields and missing required ones. */
    private static List<Violation> shapeViolations(JsonNode node) {
        List<Violation> mine = new ArrayList<>();
        node.fieldNames()
                .forEachRemaining(
                        f -> {
                            if (!FIELDS.contains(f)) {
                                mine.add(new Violation("retry." + f, "unknown field"));
                            }
                        });
        for (String required : List.of("attempts", "firstDelayMillis")) {
            if (!node.has(required)) {
                mine.add(new Violation("retry." + required, "is required"));
            }
        }
        return mine;
    }

    private static Double atLeastOne(JsonNode v, List<Violation> out) {
        Double m = JsonFields.positive(v, "retry.multiplier", 0, 10, out);
        if (m != null && m < 1) {
            out.add(new Violation("retry.multiplier", "must be >= 1"));
            return null;
        }
        return m;
    }

    private static List<String> reasons(JsonNode v, List<Violation> out) {
        if (!v.isArray()) {
            out.add(new Violation("retry.retriedReasons", "must be an array of reasons"));
            return null;
        }
        List<String> reasons = new ArrayList<>();
        for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
            String r = JsonFields.text(it.next(), "retry.retriedReasons", out);
            if (r == null) {
                return null;
            }
            if (RetryPolicy.MALFORMED_REASONS.contains(r)) {
                out.add(
                        new Violation(
                                "retry.retriedReasons",
                                r + " is a malformed body: it is never retried"));
            } else if (!RetryPolicy.RETRYABLE_REASONS.contains(r)) {
                out.add(
                        new Violation(
                                "retry.retriedReasons",
                                "unknown reason "
                                        + r
                                        + " (retryable: "
                                        + String.join(", ", RetryPolicy.RETRYABLE_REASONS)
                                        + ")"));
            } else if (!reasons.contains(r)) {
                reasons.add(r);
            }
        }
        return reasons;
    }
}
