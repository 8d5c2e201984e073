package io.vazao.simulator;

import io.vazao.contract.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A recorded arrival trace: messages published per queue in consecutive buckets of {@code
 * bucketSeconds}, as sampled from the broker's publish counters during a real run ({@code
 * bench/record-trace.sh} writes this format). Arrivals inside a bucket are spread evenly.
 *
 * @param name short name
 * @param description where it was recorded and how
 * @param bucketSeconds width of one bucket
 * @param queues published messages per bucket, per queue
 */
public record Trace(
        String name, String description, double bucketSeconds, Map<String, List<Long>> queues)
        implements Arrivals {

    /** The file format's marker: a trace has {@code bucketSeconds}, a scenario has segments. */
    public static boolean looksLikeTrace(String json) {
        return json.contains("\"bucketSeconds\"");
    }

    public static Trace parse(String json) {
        Trace t = Json.read(json, Trace.class);
        List<String> problems = new ArrayList<>();
        if (t.bucketSeconds <= 0) {
            problems.add("bucketSeconds: must be > 0");
        }
        if (t.queues == null || t.queues.isEmpty()) {
            problems.add("queues: at least one queue is required");
        } else {
            t.queues.forEach(
                    (q, counts) -> {
                        if (counts == null || counts.isEmpty()) {
                            problems.add("queues." + q + ": at least one bucket is required");
                        } else if (counts.stream().anyMatch(c -> c == null || c < 0)) {
                            problems.add("queues." + q + ": counts must be >= 0");
                        }
                    });
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid trace: " + String.join("; ", problems));
        }
        return t;
    }

    @Override
    public List<String> queueNames() {
        return queues.keySet().stream().sorted().toList();
    }

    @Override
    public double arrivals(String queue, double t0, double t1) {
        List<Long> counts = queues.getOrDefault(queue, List.of());
        double n = 0;
        int first = (int) Math.max(0, Math.floor(t0 / bucketSeconds));
        for (int i = first; i < counts.size() && i * bucketSeconds < t1; i++) {
            double b0 = i * bucketSeconds;
            double b1 = b0 + bucketSeconds;
            double overlap = Math.min(t1, b1) - Math.max(t0, b0);
            if (overlap > 0) {
                n += counts.get(i) * overlap / bucketSeconds;
            }
        }
        return n;
    }

    @Override
    public double durationSeconds() {
        int last = queues.values().stream().mapToInt(List::size).max().orElse(0);
        return last * bucketSeconds;
    }
}
