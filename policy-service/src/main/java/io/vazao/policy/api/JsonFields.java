package io.vazao.policy.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Strict readers for single fields of a JSON object. Each returns null and records a violation when
 * the value has the wrong JSON type or is out of range: booleans and strings are never numbers, and
 * an integer field takes integer literals only.
 */
final class JsonFields {

    private JsonFields() {}

    static Integer integer(JsonNode node, String field, long min, long max, List<Violation> out) {
        Long value = longValue(node, field, min, max, out);
        return value == null ? null : value.intValue();
    }

    static Long longValue(JsonNode node, String field, long min, long max, List<Violation> out) {
        if (node == null || node.isNull()) {
            out.add(new Violation(field, "must not be null"));
            return null;
        }
        if (!node.isIntegralNumber()) {
            out.add(new Violation(field, "must be an integer"));
            return null;
        }
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            out.add(new Violation(field, "must be between " + min + " and " + max));
            return null;
        }
        return node.longValue();
    }

    /** A number greater than {@code exclusiveMin} and at most {@code max}. */
    static Double positive(
            JsonNode node, String field, double exclusiveMin, double max, List<Violation> out) {
        if (node == null || node.isNull()) {
            out.add(new Violation(field, "must not be null"));
            return null;
        }
        if (!node.isNumber()) {
            out.add(new Violation(field, "must be a number"));
            return null;
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            out.add(new Violation(field, "must be a finite number"));
            return null;
        }
        if (value <= exclusiveMin) {
            out.add(new Violation(field, "must be > " + format(exclusiveMin)));
            return null;
        }
        if (value > max) {
            out.add(new Violation(field, "must be <= " + format(max)));
            return null;
        }
        return value;
    }

    static Boolean bool(JsonNode node, String field, List<Violation> out) {
        if (node == null || !node.isBoolean()) {
            out.add(new Violation(field, "must be true or false"));
            return null;
        }
        return node.booleanValue();
    }

    static String text(JsonNode node, String field, List<Violation> out) {
        if (node == null || !node.isTextual()) {
            out.add(new Violation(field, "must be a string"));
            return null;
        }
        return node.textValue();
    }

    static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString((long) d)
                : Double.toString(d);
    }
}
