package io.vazao.dashboard.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** Debian's Prometheus, started on a free port with a given configuration and killed by PID. */
final class PrometheusProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    final String url;

    private PrometheusProcess(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    static PrometheusProcess start(Path config, Path dataDir, Path log) throws IOException {
        int port = RunningSystem.freePort();
        Files.createDirectories(dataDir);
        Process p =
                new ProcessBuilder(
                                List.of(
                                        "prometheus",
                                        "--config.file=" + config,
                                        "--storage.tsdb.path=" + dataDir,
                                        "--storage.tsdb.retention.time=1h",
                                        "--web.listen-address=127.0.0.1:" + port))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        PrometheusProcess prometheus = new PrometheusProcess(p, log, "http://127.0.0.1:" + port);
        try {
            await("prometheus ready")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions()
                    .until(
                            () -> {
                                if (!p.isAlive()) {
                                    throw new IllegalStateException(
                                            "prometheus exited:\n" + Files.readString(log));
                                }
                                return Http.get(prometheus.url + "/-/ready").status() == 200;
                            });
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    /**
     * An instant PromQL query; the whole API reply ({@code status}, {@code data}, {@code error}).
     */
    JsonNode query(String promql) {
        return Http.get(
                        url
                                + "/api/v1/query?query="
                                + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .json();
    }

    /** The result vector of an instant query that must succeed. */
    JsonNode vector(String promql) {
        JsonNode reply = query(promql);
        if (!"success".equals(reply.path("status").asText())) {
            throw new IllegalStateException(promql + ": " + reply);
        }
        return reply.path("data").path("result");
    }

    /** Names of every series Prometheus holds. */
    Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        Http.get(url + "/api/v1/label/__name__/values")
                .json()
                .path("data")
                .forEach(n -> names.add(n.asText()));
        return names;
    }

    JsonNode rules() {
        return Http.get(url + "/api/v1/rules").json().path("data").path("groups");
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
