package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "workers",
        description = {
            "Live workers from their heartbeats: queue, pid, state, processed, in flight, CPU, memory, heartbeat age.",
            "JSON and CELERY split PROCESSED by how the messages were written: plain JSON, or Celery task messages."
        })
public final class WorkersCommand implements Callable<Integer> {

    @Mixin ApiOptions api;

    @Option(
            names = {"-Q", "--queue"},
            description = "only this queue")
    String queue;

    @Override
    public Integer call() {
        JsonNode body = api.client().get("/api/v1/workers");
        if (api.json()) {
            System.out.println(body.toString());
            return ExitCodes.OK;
        }
        Table t =
                new Table(
                        "WORKER",
                        "QUEUE",
                        "PID",
                        "STATE",
                        "PROCESSED",
                        "JSON",
                        "CELERY",
                        "FAILED",
                        "IN-FLIGHT",
                        "CPU%",
                        "RSS",
                        "AGE");
        for (JsonNode w : body.path("workers")) {
            if (queue != null && !queue.equals(w.path("queue").asText())) {
                continue;
            }
            String age =
                    String.format(Locale.ROOT, "%.1fs", w.path("ageMillis").asLong() / 1000.0)
                            + (w.path("stale").asBoolean(false) ? " stale" : "");
            t.row(
                    Format.text(w, "workerId"),
                    Format.text(w, "queue"),
                    Format.text(w, "pid"),
                    Format.text(w, "state"),
                    Format.text(w, "processed"),
                    Long.toString(plain(w)),
                    Long.toString(w.path("celery").asLong(0)),
                    Format.text(w, "failed"),
                    Format.text(w, "inFlight"),
                    String.format(Locale.ROOT, "%.0f", w.path("cpu").asDouble()),
                    Format.bytes(w.path("rssBytes").asLong()),
                    age);
        }
        System.out.print(t.isEmpty() ? "no live workers\n" : t.render());
        return ExitCodes.OK;
    }

    /**
     * Processed messages that were plain JSON; a worker that predates the Celery count took only
     * those.
     */
    static long plain(JsonNode w) {
        return Math.max(0, w.path("processed").asLong(0) - w.path("celery").asLong(0));
    }
}
