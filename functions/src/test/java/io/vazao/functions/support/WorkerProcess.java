package io.vazao.functions.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker started from the packaged jar as a real operating-system process. Stopped by its PID
 * (SIGTERM or SIGKILL through its own handle), never by name.
 */
public final class WorkerProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path log;
    private final long startedNanos = System.nanoTime();

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar quarkus-run.jar} with the given environment on top of this one's. */
    public static WorkerProcess start(String name, Map<String, String> env) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(
                    JAR + " is missing: run the integration tests after package");
        }
        try {
            Path logs = Files.createDirectories(Path.of("target", "it-workers"));
            Path log = logs.resolve(name + ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd =
                    new ArrayList<>(
                            List.of(
                                    java,
                                    "-Xmx256m",
                                    "-XX:TieredStopAtLevel=1",
                                    "-jar",
                                    JAR.toAbsolutePath().toString()));
            ProcessBuilder pb =
                    new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> all = new HashMap<>(env);
            all.putIfAbsent("QUARKUS_HTTP_PORT", "0");
            pb.environment().putAll(all);
            return new WorkerProcess(pb.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a worker", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits for the exit and returns its status, or null if it did not exit in time. */
    public Integer waitForExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : null;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    public long millisSinceStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** A port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kills the process if it still runs (tests call this in finally). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
