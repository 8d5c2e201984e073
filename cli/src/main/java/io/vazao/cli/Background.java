package io.vazao.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Background processes of `vazao up`: started detached (own session, output to a log file) with a
 * pid file holding the PID and its start time, so `vazao down` stops exactly that process and never
 * a stranger that reused the PID.
 */
final class Background {

    private Background() {}

    static Process start(List<String> command, Map<String, String> env, Path log, Path pidFile)
            throws IOException {
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>();
        String setsid = Services.which("setsid");
        if (setsid != null) {
            // Its own session: a Ctrl-C in the terminal that ran `vazao up` does not reach it
            // later.
            cmd.add(setsid);
        }
        cmd.addAll(command);
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        Instant started = p.toHandle().info().startInstant().orElse(Instant.EPOCH);
        Files.writeString(pidFile, p.pid() + " " + started.toEpochMilli() + "\n");
        return p;
    }

    /** The live process a pid file names, if it is still the one that was started. */
    static Optional<ProcessHandle> running(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String[] parts = Files.readString(pidFile).trim().split("\\s+");
            long pid = Long.parseLong(parts[0]);
            long startedAt = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> sameStart(h, startedAt))
                    .filter(h -> !zombie(h.pid()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A process that died but was not reaped (its parent is gone and nothing reaps) is dead, not
     * running.
     */
    private static boolean zombie(long pid) {
        try {
            return zombieStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return false; // no /proc: trust isAlive
        }
    }

    /**
     * The state field of a /proc/PID/stat line (after the command in parentheses, which may hold
     * spaces) is Z.
     */
    static boolean zombieStat(String stat) {
        int close = stat.lastIndexOf(')');
        return close >= 0 && stat.substring(close + 1).trim().startsWith("Z");
    }

    private static boolean sameStart(ProcessHandle h, long startedAt) {
        if (startedAt == 0) {
            return true;
        }
        return h.info()
                .startInstant()
                .map(i -> Math.abs(i.toEpochMilli() - startedAt) < 2_000)
                .orElse(true);
    }

    /** SIGTERM, wait up to {@code graceMillis}, then SIGKILL. True if it had to be killed. */
    static boolean stop(ProcessHandle h, long graceMillis) {
        h.destroy();
        try {
            h.onExit().get(graceMillis, TimeUnit.MILLISECONDS);
            return false;
        } catch (Exception e) {
            h.destroyForcibly();
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller's check that nothing is left
            }
            return true;
        }
    }
}
