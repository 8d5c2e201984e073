package io.vazao.cli;

import io.vazao.scaler.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * In local mode the local scaler also keeps the policy service alive: when the policy service's pid
 * file names no live process (killed, crashed, a zombie, a reused pid) it starts it again the way
 * `vazao up` does, on the same port, at most once per {@link #MIN_GAP_MILLIS}. `vazao down` stops
 * the scaler first, so a policy service stopped on purpose is not brought back.
 */
final class PolicyServiceSupervisor {

    static final long MIN_GAP_MILLIS = 10_000;

    private final Home home;
    private final int port;
    private final LongSupplier clock;
    private long lastStart = Long.MIN_VALUE / 2;

    PolicyServiceSupervisor(Home home, int port, LongSupplier clock) {
        this.home = home;
        this.port = port;
        this.clock = clock;
    }

    /** The policy service as `vazao up` starts it, this environment plus its HTTP port. */
    static Process start(Home home, Map<String, String> env, int port) throws IOException {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Background.start(
                List.of(java, "-Xmx256m", "-jar", home.policyServiceJar().toString()),
                e,
                home.policyServiceLog(),
                home.pid("policy-service"));
    }

    /** One look: starts the policy service when it is dead. Returns whether it started it. */
    boolean check() {
        if (Background.running(home.pid("policy-service")).isPresent()) {
            return false;
        }
        long now = clock.getAsLong();
        if (now - lastStart < MIN_GAP_MILLIS) {
            return false;
        }
        lastStart = now;
        try {
            Process p = start(home, Map.of(), port);
            Log.warn(
                    "policy-service.restarted",
                    "pid",
                    p.pid(),
                    "port",
                    port,
                    "reason",
                    "its pid file names no live process");
            return true;
        } catch (IOException | RuntimeException e) {
            Log.warn("policy-service.restart-failed", "port", port, "error", e.getMessage());
            return false;
        }
    }
}
