package io.vazao.policy.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.policy.deadletter.ReplayRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The body of {@code POST …/dead-letters/replay}: every field optional, unknown fields refused. */
public final class ReplayRequestParser {

    static final double MAX_RATE = 100_000;
    private static final Set<String> FIELDS = Set.of("reason", "max", "ratePerSecond");

    private ReplayRequestParser() {}

    /** No body at all replays everything as fast as possible. */
    public static ReplayRequest parse(JsonNode body) {
        if (body == null) {
            return ReplayRequest.all();
        }
        List<Violation> out = new ArrayList<>();
        body.fieldNames()
                .forEachRemaining(
                        f -> {
                            if (!FIELDS.contains(f)) {
                                out.add(
                                        new Violation(
                                                f,
                                                "unknown field (allowed: reason, max, ratePerSecond)"));
                            }
                        });
        String reason = null;
        if (present(body, "reason")) {
            reason = JsonFields.text(body.get("reason"), "reason", out);
            if (reason != null && reason.isBlank()) {
                out.add(new Violation("reason", "must not be blank"));
            }
        }
        Long max =
                present(body, "max")
                        ? JsonFields.longValue(body.get("max"), "max", 1, Long.MAX_VALUE, out)
                        : null;
        Double rate =
                present(body, "ratePerSecond")
                        ? JsonFields.positive(
                                body.get("ratePerSecond"), "ratePerSecond", 0, MAX_RATE, out)
                        : null;
        if (!out.isEmpty()) {
            throw ApiException.badRequest("invalid replay", out);
        }
        return new ReplayRequest(reason, max, rate);
    }

    private static boolean present(JsonNode body, String field) {
        return body.has(field) && !body.get(field).isNull();
    }
}
