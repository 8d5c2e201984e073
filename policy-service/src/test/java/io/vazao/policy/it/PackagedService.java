package io.vazao.policy.it;

import static org.awaitility.Awaitility.await;

import io.vazao.testsupport.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged policy service ({@code target/quarkus-app/quarkus-run.jar}) as a real process with
 * the given properties, its output in a log file. Stopped by its own process handle, never by name.
 */
final class PackagedService implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path log;
    final int port;

    private PackagedService(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static PackagedService start(String name, Map<String, String> properties) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(
                    JAR + " is missing: run the integration tests after package");
        }
        int port = FreePort.any();
        try {
            Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(name + ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd =
                    new ArrayList<>(
                            List.of(
                                    java,
                                    "-Xmx256m",
                                    "-XX:TieredStopAtLevel=1",
                                    "-Dquarkus.http.host=127.0.0.1",
                                    "-Dquarkus.http.port=" + port,
                                    "-Dquarkus.grpc.server.port=0",
                                    "-Dvazao.loop.enabled=false"));
            properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            cmd.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
            Process p =
                    new ProcessBuilder(cmd)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            return new PackagedService(p, log, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the policy service", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until the API answers (or fails with the log if the process exits first). */
    PackagedService awaitServing() {
        HttpClient http = HttpClient.newHttpClient();
        await("policy service serving")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .until(
                        () -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("policy service exited:\n" + log());
                            }
                            HttpRequest r =
                                    HttpRequest.newBuilder(
                                                    URI.create(baseUrl() + "/q/health/started"))
                                            .build();
                            return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode()
                                    == 200;
                        });
        return this;
    }

    /** The exit status, or null if the process still runs after {@code seconds}. */
    Integer waitForExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : null;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
