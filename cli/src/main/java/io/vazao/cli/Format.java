package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small formatting helpers shared by the commands. */
final class Format {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private Format() {}

    static String rate(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f", n.asDouble());
    }

    static String time(long epochMillis) {
        return epochMillis <= 0 ? "-" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    static String bytes(long b) {
        if (b <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%dM", b / (1024 * 1024));
    }

    static String pretty(JsonNode n) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (Exception e) {
            return String.valueOf(n);
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "-" : v.asText();
    }
}
