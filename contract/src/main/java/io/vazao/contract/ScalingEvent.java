package io.vazao.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the capped {@code vazao:events} stream: a scaling decision or a worker lifecycle
 * event. Stream entries are flat string maps, see {@link #toFields()} / {@link #fromFields(Map)}.
 *
 * @param ts          epoch ms
 * @param queue       the queue
 * @param kind        what happened
 * @param from        workers (or target) before
 * @param to          workers (or target) after
 * @param reason      human-readable, with the numbers behind it
 * @param depth       ready + unacked at the time
 * @param rate        arrival rate at the time (messages/s)
 * @param liveWorkers live workers at the time
 * @param workerId    the worker concerned, for lifecycle events; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScalingEvent(
        long ts,
        String queue,
        EventKind kind,
        int from,
        int to,
        String reason,
        long depth,
        double rate,
        int liveWorkers,
        String workerId) {

    public Map<String, String> toFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("ts", Long.toString(ts));
        f.put("queue", queue);
        f.put("kind", kind.wire());
        f.put("from", Integer.toString(from));
        f.put("to", Integer.toString(to));
        f.put("reason", reason == null ? "" : reason);
        f.put("depth", Long.toString(depth));
        f.put("rate", Double.toString(rate));
        f.put("liveWorkers", Integer.toString(liveWorkers));
        if (workerId != null) {
            f.put("workerId", workerId);
        }
        return f;
    }

    public static ScalingEvent fromFields(Map<String, String> f) {
        try {
            return new ScalingEvent(
                    Long.parseLong(f.getOrDefault("ts", "0")),
                    f.get("queue"),
                    EventKind.fromWire(f.getOrDefault("kind", "")),
                    Integer.parseInt(f.getOrDefault("from", "0")),
                    Integer.parseInt(f.getOrDefault("to", "0")),
                    f.getOrDefault("reason", ""),
                    Long.parseLong(f.getOrDefault("depth", "0")),
                    Double.parseDouble(f.getOrDefault("rate", "0")),
                    Integer.parseInt(f.getOrDefault("liveWorkers", "0")),
                    f.get("workerId"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed event entry: " + e.getMessage(), e);
        }
    }
}
