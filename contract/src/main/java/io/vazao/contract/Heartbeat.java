package io.vazao.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A worker's heartbeat: the hash at {@code vazao:worker:{workerId}} (TTL 3 × interval), indexed by
 * the sorted set {@code vazao:workers:{queue}} with score = lastSeen. Counters are cumulative since
 * the worker started.
 *
 * @param workerId unique per process
 * @param queue the queue it consumes
 * @param host host name
 * @param pid operating-system process id
 * @param port the HTTP port it bound (metrics, health, direct invocation)
 * @param startedAt epoch ms
 * @param lastSeen epoch ms of this heartbeat
 * @param processed messages processed and acknowledged
 * @param failed messages that ended in the dead-letter queue
 * @param inFlight messages being processed now
 * @param cpu process CPU, percent of one core
 * @param rssBytes resident set size
 * @param state starting, running or draining
 * @param version the worker's version
 * @param celery of {@code processed}, how many were Celery task messages (the rest were plain
 *     JSON); 0 in hashes written before the field existed
 */
public record Heartbeat(
        String workerId,
        String queue,
        String host,
        long pid,
        int port,
        long startedAt,
        long lastSeen,
        long processed,
        long failed,
        int inFlight,
        double cpu,
        long rssBytes,
        WorkerState state,
        String version,
        long celery) {

    /** A heartbeat of a worker that took no Celery task messages (or predates counting them). */
    public Heartbeat(
            String workerId,
            String queue,
            String host,
            long pid,
            int port,
            long startedAt,
            long lastSeen,
            long processed,
            long failed,
            int inFlight,
            double cpu,
            long rssBytes,
            WorkerState state,
            String version) {
        this(
                workerId, queue, host, pid, port, startedAt, lastSeen, processed, failed, inFlight,
                cpu, rssBytes, state, version, 0);
    }

    /**
     * Workers' default heartbeat period (a duration property value); the policy service relates
     * timeouts to it.
     */
    public static final String DEFAULT_INTERVAL = "2s";

    public static final String F_WORKER_ID = "workerId";
    public static final String F_QUEUE = "queue";
    public static final String F_HOST = "host";
    public static final String F_PID = "pid";
    public static final String F_PORT = "port";
    public static final String F_STARTED_AT = "startedAt";
    public static final String F_LAST_SEEN = "lastSeen";
    public static final String F_PROCESSED = "processed";
    public static final String F_FAILED = "failed";
    public static final String F_IN_FLIGHT = "inFlight";
    public static final String F_CPU = "cpu";
    public static final String F_RSS_BYTES = "rssBytes";
    public static final String F_STATE = "state";
    public static final String F_VERSION = "version";
    public static final String F_CELERY = "celery";

    /** The Redis hash fields of this heartbeat. */
    public Map<String, String> toHash() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(F_WORKER_ID, workerId);
        h.put(F_QUEUE, queue);
        h.put(F_HOST, host);
        h.put(F_PID, Long.toString(pid));
        h.put(F_PORT, Integer.toString(port));
        h.put(F_STARTED_AT, Long.toString(startedAt));
        h.put(F_LAST_SEEN, Long.toString(lastSeen));
        h.put(F_PROCESSED, Long.toString(processed));
        h.put(F_FAILED, Long.toString(failed));
        h.put(F_IN_FLIGHT, Integer.toString(inFlight));
        h.put(F_CPU, Double.toString(cpu));
        h.put(F_RSS_BYTES, Long.toString(rssBytes));
        h.put(F_STATE, state.wire());
        h.put(F_VERSION, version);
        h.put(F_CELERY, Long.toString(celery));
        return h;
    }

    /**
     * Reads a heartbeat hash. Returns null for an empty hash (the key expired between the index
     * read and this read); throws IllegalArgumentException for a hash that is not a heartbeat.
     */
    public static Heartbeat fromHash(Map<String, String> h) {
        if (h == null || h.isEmpty()) {
            return null;
        }
        try {
            return new Heartbeat(
                    h.get(F_WORKER_ID),
                    h.get(F_QUEUE),
                    h.getOrDefault(F_HOST, ""),
                    Long.parseLong(h.getOrDefault(F_PID, "0")),
                    Integer.parseInt(h.getOrDefault(F_PORT, "0")),
                    Long.parseLong(h.getOrDefault(F_STARTED_AT, "0")),
                    Long.parseLong(h.getOrDefault(F_LAST_SEEN, "0")),
                    Long.parseLong(h.getOrDefault(F_PROCESSED, "0")),
                    Long.parseLong(h.getOrDefault(F_FAILED, "0")),
                    Integer.parseInt(h.getOrDefault(F_IN_FLIGHT, "0")),
                    Double.parseDouble(h.getOrDefault(F_CPU, "0")),
                    Long.parseLong(h.getOrDefault(F_RSS_BYTES, "0")),
                    WorkerState.fromWire(h.getOrDefault(F_STATE, WorkerState.RUNNING.wire())),
                    h.getOrDefault(F_VERSION, ""),
                    Long.parseLong(h.getOrDefault(F_CELERY, "0")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed heartbeat hash: " + e.getMessage(), e);
        }
    }

    /** Of {@code processed}, how many were plain JSON messages. */
    public long plain() {
        return Math.max(0, processed - celery);
    }

    /** Milliseconds since this heartbeat at {@code now}. */
    public long ageMillis(long now) {
        return Math.max(0, now - lastSeen);
    }
}
