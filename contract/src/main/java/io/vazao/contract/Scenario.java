package io.vazao.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An arrival pattern per queue, shared by the load generator ({@code vazao load}) and the scaling
 * simulator so that both replay exactly the same load. Built-in scenarios live in {@code
 * contract/src/main/resources/scenarios/}; users can pass their own file of the same shape.
 *
 * @param name short name
 * @param description what it models
 * @param queues segments per queue
 */
public record Scenario(String name, String description, Map<String, List<Segment>> queues) {

    public static final List<String> BUILT_IN =
            List.of("steady", "burst", "ramp", "sine", "spike-train");

    /** A built-in scenario by name. */
    public static Scenario builtin(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException(
                    "unknown scenario " + name + "; built-in: " + String.join(", ", BUILT_IN));
        }
        try (InputStream in = Scenario.class.getResourceAsStream("/scenarios/" + name + ".json")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and validates a scenario; throws IllegalArgumentException naming every problem. */
    public static Scenario parse(String json) {
        Scenario s = Json.read(json, Scenario.class);
        List<String> problems = s.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid scenario: " + String.join("; ", problems));
        }
        return s;
    }

    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (queues == null || queues.isEmpty()) {
            p.add("queues: at least one queue with segments is required");
            return p;
        }
        queues.forEach(
                (queue, segments) -> {
                    if (segments == null || segments.isEmpty()) {
                        p.add("queues." + queue + ": at least one segment is required");
                        return;
                    }
                    for (int i = 0; i < segments.size(); i++) {
                        for (String problem : segments.get(i).problems()) {
                            p.add("queues." + queue + "[" + i + "]." + problem);
                        }
                    }
                });
        return p;
    }

    /**
     * Messages that arrive on a queue in {@code [t0, t1)}: the integral of the rates plus bursts.
     */
    public double arrivals(String queue, double t0, double t1) {
        List<Segment> segments = queues.getOrDefault(queue, List.of());
        double n = 0;
        // Midpoint rule on 10 ms slices: exact for steady and ramp, close for sine.
        double step = 0.01;
        for (double t = t0; t < t1; t += step) {
            double dt = Math.min(step, t1 - t);
            double mid = t + dt / 2;
            for (Segment s : segments) {
                n += s.rateAt(mid) * dt;
            }
        }
        for (Segment s : segments) {
            n += s.burstIn(t0, t1);
        }
        return n;
    }

    /** Seconds until the last segment stops producing. */
    public double durationSeconds() {
        return queues.values().stream()
                .flatMap(List::stream)
                .mapToDouble(Segment::end)
                .max()
                .orElse(0);
    }
}
