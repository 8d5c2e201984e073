package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "status",
        description =
                "Per queue: ready, unacked, rates, target, live workers and the reason behind the target.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin ApiOptions api;

    @Override
    public Integer call() {
        JsonNode status = api.client().get("/api/v1/status");
        if (api.json()) {
            System.out.println(status.toString());
        } else {
            System.out.print(render(status));
        }
        return ExitCodes.OK;
    }

    static String render(JsonNode s) {
        StringBuilder sb = new StringBuilder();
        sb.append("budget ")
                .append(Format.text(s, "budget"))
                .append("  target ")
                .append(Format.text(s, "totalTarget"))
                .append("  live ")
                .append(Format.text(s, "totalLive"))
                .append("  broker ")
                .append(s.path("brokerReachable").asBoolean(true) ? "reachable" : "UNREACHABLE")
                .append('\n');
        for (JsonNode e : s.path("configErrors")) {
            sb.append("config error: ").append(e.asText()).append('\n');
        }
        Table t =
                new Table(
                        "QUEUE", "READY", "UNACKED", "IN/S", "ACK/S", "WEIGHT", "TARGET", "LIVE",
                        "PROCS", "REASON");
        for (JsonNode q : s.path("queues")) {
            JsonNode policy = q.path("policy");
            String weight =
                    policy.has("weight")
                            ? String.format(
                                    java.util.Locale.ROOT, "%.2f", policy.get("weight").asDouble())
                            : "-";
            if (policy.path("paused").asBoolean(false)) {
                weight = "paused";
            }
            t.row(
                    Format.text(q, "queue"),
                    Format.text(q, "ready"),
                    Format.text(q, "unacked"),
                    Format.rate(q.get("publishRate")),
                    Format.rate(q.get("ackRate")),
                    weight,
                    Format.text(q, "target"),
                    Format.text(q, "liveWorkers"),
                    Format.text(q, "processes"),
                    Format.text(q, "reason"));
        }
        sb.append(t.render());
        return sb.toString();
    }
}
