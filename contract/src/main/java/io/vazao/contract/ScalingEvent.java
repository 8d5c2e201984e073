package io.vazao.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the capped {@code vazao:events} stream: a scaling decision or a worker lifecycle
 * event. Stream entries are flat string maps, see {@link #toFields()} / {@link #fromFields(Map)}.
 *
 * @param ts epoch ms
 * @param queue the queue
 * @param kind what happened
 * @param from workers (or target) before
 * @param to workers (or target) after
 * @param reason human-readable, with the numbers behind it
 * @param depth ready + unacked at the time
 * @param rate arrival rate at the time (messages/s)
 * @param liveWorkers live workers at the time
 * @param workerId the worker concerned, for lifecycle events; null otherwise
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

    // The stream entry's field names: the same as the JSON record's, which readers of either rely
    // on.
    public static final String F_TS = "ts";
    public static final String F_QUEUE = "queue";
    public static final String F_KIND = "kind";
    public static final String F_FROM = "from";
    public static final String F_TO = "to";
    public static final String F_REASON = "reason";
    public static final String F_DEPTH = "depth";
    public static final String F_RATE = "rate";
    public static final String F_LIVE_WORKERS = "liveWorkers";
    public static final String F_WORKER_ID = "workerId";

    public Map<String, String> toFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(F_TS, Long.toString(ts));
        f.put(F_QUEUE, queue);
        f.put(F_KIND, kind.wire());
        f.put(F_FROM, Integer.toString(from));
        f.put(F_TO, Integer.toString(to));
        f.put(F_REASON, reason == null ? "" : reason);
        f.put(F_DEPTH, Long.toString(depth));
        f.put(F_RATE, Double.toString(rate));
        f.put(F_LIVE_WORKERS, Integer.toString(liveWorkers));
        if (workerId != null) {
            f.put(F_WORKER_ID, workerId);
        }
        return f;
    }

    public static ScalingEvent fromFields(Map<String, String> f) {
        try {
            return new ScalingEvent(
                    Long.parseLong(f.getOrDefault(F_TS, "0")),
                    f.get(F_QUEUE),
                    EventKind.fromWire(f.getOrDefault(F_KIND, "")),
                    Integer.parseInt(f.getOrDefault(F_FROM, "0")),
                    Integer.parseInt(f.getOrDefault(F_TO, "0")),
                    f.getOrDefault(F_REASON, ""),
                    Long.parseLong(f.getOrDefault(F_DEPTH, "0")),
                    Double.parseDouble(f.getOrDefault(F_RATE, "0")),
                    Integer.parseInt(f.getOrDefault(F_LIVE_WORKERS, "0")),
                    f.get(F_WORKER_ID));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed event entry: " + e.getMessage(), e);
        }
    }
}
