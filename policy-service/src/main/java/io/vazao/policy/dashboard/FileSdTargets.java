package io.vazao.policy.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vazao.contract.Heartbeat;
import io.vazao.contract.Json;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders live workers as a Prometheus {@code file_sd} target file: one target group per worker, so
 * each scraped series carries the worker's queue and id as labels. Pure; the order is stable so an
 * unchanged set of workers renders to the same bytes and the file is not rewritten.
 */
public final class FileSdTargets {

    /** Label names Prometheus attaches to every series scraped from a worker. */
    public static final String LABEL_QUEUE = "queue";

    public static final String LABEL_WORKER_ID = "worker_id";

    private FileSdTargets() {}

    /** One entry of a file_sd file, as Prometheus reads it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetGroup(List<String> targets, Map<String, String> labels) {}

    /**
     * @param workers live heartbeats
     * @param address the host Prometheus reaches workers at; empty = the host in each heartbeat
     */
    public static List<TargetGroup> groups(List<Heartbeat> workers, Optional<String> address) {
        return workers.stream()
                .filter(w -> w.port() > 0)
                .sorted(Comparator.comparing(Heartbeat::queue).thenComparing(Heartbeat::workerId))
                .map(
                        w -> {
                            Map<String, String> labels = new LinkedHashMap<>();
                            labels.put(LABEL_QUEUE, w.queue());
                            labels.put(LABEL_WORKER_ID, w.workerId());
                            String host = address.filter(a -> !a.isBlank()).orElse(w.host());
                            return new TargetGroup(List.of(hostPort(host, w.port())), labels);
                        })
                .toList();
    }

    public static String render(List<Heartbeat> workers, Optional<String> address) {
        return Json.write(groups(workers, address)) + "\n";
    }

    static String hostPort(String host, int port) {
        // IPv6 literals need brackets in a host:port target.
        return host.indexOf(':') >= 0 && !host.startsWith("[")
                ? "[" + host + "]:" + port
                : host + ":" + port;
    }
}
