package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The text forms of {@code vazao dlq}: a report of a dead-letter queue and a replay's summary. */
final class DlqFormat {

    static final int PREVIEW_CHARS = 60;

    private DlqFormat() {}

    static String report(JsonNode r) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%s: %d dead letters%s, oldest %s, newest %s%n",
                        r.path("deadLetterQueue").asText(),
                        r.path("depth").asLong(),
                        r.path("complete").asBoolean(true)
                                ? ""
                                : " (reasons counted over the first "
                                        + r.path("scanned").asLong()
                                        + ")",
                        time(r.path("oldest")),
                        time(r.path("newest"))));
        Table reasons = new Table("REASON", "COUNT");
        r.path("byReason")
                .fields()
                .forEachRemaining(e -> reasons.row(e.getKey(), e.getValue().asLong()));
        if (!reasons.isEmpty()) {
            sb.append('\n').append(reasons.render());
        }
        Table messages =
                new Table("#", "REASON", "ATTEMPTS", "DEAD-LETTERED", "REPLAYED", "BYTES", "BODY");
        for (JsonNode m : r.path("messages")) {
            messages.row(
                    m.path("position").asLong(),
                    m.path("reason").asText(),
                    m.path("attempts").isNumber() ? m.path("attempts").asInt() : null,
                    time(m.path("deadLetteredAt")),
                    m.path("replayed").asInt(),
                    m.path("bodyBytes").asInt(),
                    preview(m.path("bodyPreview").asText()));
        }
        if (!messages.isEmpty()) {
            sb.append('\n').append(messages.render());
        }
        return sb.toString();
    }

    static String summary(JsonNode job) {
        String line =
                String.format(
                        Locale.ROOT,
                        "replay %s of %s: %s, moved %d, skipped %d, %.1f/s%n",
                        job.path("id").asText(),
                        job.path("queue").asText(),
                        job.path("state").asText(),
                        job.path("moved").asLong(),
                        job.path("skipped").asLong(),
                        job.path("achievedRate").asDouble());
        String error =
                job.path("error").isTextual()
                        ? "error: " + job.path("error").asText() + System.lineSeparator()
                        : "";
        return line + error;
    }

    static String preview(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() <= PREVIEW_CHARS ? flat : flat.substring(0, PREVIEW_CHARS - 1) + "…";
    }

    private static String time(JsonNode epochMillis) {
        return epochMillis.isNumber() ? Format.time(epochMillis.asLong()) : "-";
    }
}
