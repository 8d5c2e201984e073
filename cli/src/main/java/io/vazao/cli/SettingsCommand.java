package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "settings",
        description = "Show the global settings, or change some: vazao settings --budget 6")
public final class SettingsCommand implements Callable<Integer> {

    @Mixin ApiOptions api;

    @Option(
            names = "--budget",
            description = "maxTotalWorkers: the worker budget shared by every queue")
    Integer budget;

    @Option(names = "--tick-millis", description = "period of the control loop")
    Long tickMillis;

    @Option(names = "--heartbeat-timeout-millis", description = "a worker silent this long is dead")
    Long heartbeatTimeout;

    @Option(
            names = "--cpu-high-percent",
            description = "CPU above which a backlogged queue counts as under-provisioned")
    Double cpuHigh;

    @Option(names = "--max-memory-bytes", description = "a worker above this RSS is recycled")
    Long maxMemory;

    @Override
    public Integer call() {
        ApiClient c = api.client();
        JsonNode current = c.get("/api/v1/settings");
        if (budget != null
                || tickMillis != null
                || heartbeatTimeout != null
                || cpuHigh != null
                || maxMemory != null) {
            ObjectNode s = ((ObjectNode) current).deepCopy();
            if (budget != null) s.put("maxTotalWorkers", budget);
            if (tickMillis != null) s.put("tickMillis", tickMillis);
            if (heartbeatTimeout != null) s.put("heartbeatTimeoutMillis", heartbeatTimeout);
            if (cpuHigh != null) s.put("cpuHighPercent", cpuHigh);
            if (maxMemory != null) s.put("maxMemoryPerWorkerBytes", maxMemory);
            current = c.send("PUT", "/api/v1/settings", s);
        }
        System.out.println(api.json() ? current.toString() : Format.pretty(current));
        return ExitCodes.OK;
    }
}
