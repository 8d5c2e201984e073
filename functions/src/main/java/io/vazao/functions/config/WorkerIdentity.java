package io.vazao.functions.config;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Who this process is, as its heartbeat says. */
public record WorkerIdentity(
        String workerId, String host, long pid, long startedAt, String version) {

    public static WorkerIdentity current(Optional<String> configuredId, String version) {
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        long startedAt = ProcessStart.epochMillis();
        String id =
                configuredId
                        .filter(s -> !s.isBlank())
                        .orElseGet(
                                () ->
                                        host
                                                + "-"
                                                + pid
                                                + "-"
                                                + Integer.toHexString(
                                                        ThreadLocalRandom.current()
                                                                .nextInt(0x10000, 0xfffff)));
        return new WorkerIdentity(id, host, pid, startedAt, version);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
