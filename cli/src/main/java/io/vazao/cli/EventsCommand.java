package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "events",
        description =
                "Scaling and worker lifecycle events, oldest first; --follow keeps printing new ones.")
public final class EventsCommand implements Callable<Integer> {

    @Mixin ApiOptions api;

    @Option(
            names = {"-Q", "--queue"},
            description = "only this queue")
    String queue;

    @Option(
            names = {"-n", "--limit"},
            defaultValue = "20",
            description = "how many recent events (default ${DEFAULT-VALUE})")
    int limit;

    @Option(
            names = {"-f", "--follow"},
            description = "keep printing new events as they happen (Ctrl-C stops)")
    boolean follow;

    @Override
    public Integer call() {
        ApiClient client = api.client();
        String path =
                "/api/v1/events?limit="
                        + limit
                        + (queue == null
                                ? ""
                                : "&queue=" + URLEncoder.encode(queue, StandardCharsets.UTF_8));
        JsonNode body = client.get(path);
        List<JsonNode> events = new ArrayList<>();
        body.path("events").forEach(events::add);
        if (api.json() && !follow) {
            System.out.println(body.toString());
            return ExitCodes.OK;
        }
        for (int i = events.size() - 1; i >= 0; i--) {
            print(events.get(i));
        }
        if (follow) {
            client.stream(
                    "/api/v1/events/stream",
                    (name, data) -> {
                        JsonNode e;
                        try {
                            e = Json.mapper().readTree(data);
                        } catch (Exception ex) {
                            return;
                        }
                        if (queue == null || queue.equals(e.path("queue").asText())) {
                            print(e);
                        }
                    });
        }
        return ExitCodes.OK;
    }

    private void print(JsonNode e) {
        if (api.json()) {
            System.out.println(e.toString());
        } else {
            System.out.println(line(e));
        }
        System.out.flush();
    }

    static String line(JsonNode e) {
        StringBuilder sb = new StringBuilder();
        sb.append(Format.time(e.path("ts").asLong()))
                .append("  ")
                .append(String.format("%-18s", e.path("queue").asText()))
                .append(' ')
                .append(String.format("%-10s", e.path("kind").asText()))
                .append(' ')
                .append(e.path("from").asInt())
                .append(" -> ")
                .append(e.path("to").asInt());
        if (e.hasNonNull("workerId")) {
            sb.append("  ").append(e.get("workerId").asText());
        }
        String reason = e.path("reason").asText("");
        if (!reason.isEmpty()) {
            sb.append("  ").append(reason);
        }
        return sb.toString();
    }
}
