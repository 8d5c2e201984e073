package io.vazao.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import io.vazao.e2e.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of the suite's own (the shared one is never touched): own node name, AMQP,
 * distribution and management ports, data, logs and plugins file in a temporary folder. Its faults
 * are {@code rabbitmqctl -n node stop_app / start_app}; it is stopped with {@code rabbitmqctl stop}
 * and, failing that, killed by its pid.
 */
final class PrivateRabbit implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Path CTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");

    /**
     * rabbitmqctl's own distribution ports (35672-35682) and the default node's (25672) are never
     * ours.
     */
    private static final List<int[]> RESERVED =
            List.of(new int[] {25672, 25672}, new int[] {35672, 35682});

    final String node = "vazao-chaos-" + ProcessHandle.current().pid() + "@localhost";
    final int amqpPort;
    final int managementPort;
    private final int distPort;
    private final Path dir;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private Process server;

    PrivateRabbit(Path dir) throws IOException {
        this.dir = dir;
        this.amqpPort = port();
        this.managementPort = port();
        this.distPort = port();
    }

    static boolean installed() {
        return Files.isExecutable(SERVER) && Files.isExecutable(CTL);
    }

    private static int port() throws IOException {
        while (true) {
            int p = Stack.freePort();
            if (RESERVED.stream().noneMatch(r -> p >= r[0] && p <= r[1])) {
                return p;
            }
        }
    }

    void start() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("rabbitmq.conf"),
                "management.tcp.port = "
                        + managementPort
                        + "\n"
                        + "management.tcp.ip = 127.0.0.1\nloopback_users = none\n");
        Files.writeString(dir.resolve("enabled_plugins"), "[rabbitmq_management].\n");
        ProcessBuilder pb =
                new ProcessBuilder(SERVER.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("server.out").toFile());
        env(pb.environment());
        server = pb.start();
        if (!ctl(120, "wait", dir.resolve("pid").toString(), "--timeout", "120")) {
            throw new IllegalStateException(
                    "private RabbitMQ node did not start; see " + dir.resolve("server.out"));
        }
    }

    private void env(Map<String, String> e) {
        e.put("RABBITMQ_NODENAME", node);
        e.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        e.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
        e.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        e.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
        e.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        e.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        e.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        e.put("RABBITMQ_PID_FILE", dir.resolve("pid").toString());
    }

    /** Runs rabbitmqctl against this node; true when it exits 0 in time. */
    boolean ctl(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CTL.toString(), "-q", "-n", node));
        cmd.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(dir.resolve("ctl.out").toFile()));
        env(pb.environment());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    String amqpUri() {
        return "amqp://guest:guest@127.0.0.1:" + amqpPort;
    }

    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " -> " + r.statusCode());
        }
        return Json.mapper().readTree(r.body());
    }

    /** Force-closes every connection whose name starts with {@code prefix}; returns how many. */
    int closeConnections(String prefix) throws IOException, InterruptedException {
        int closed = 0;
        for (JsonNode c : get("/api/connections")) {
            String name = c.path("client_properties").path("connection_name").asText("");
            if (name.startsWith(prefix)) {
                String path =
                        "/api/connections/"
                                + URLEncoder.encode(c.path("name").asText(), StandardCharsets.UTF_8)
                                        .replace("+", "%20");
                http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.discarding());
                closed++;
            }
        }
        return closed;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(managementUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                "guest:guest".getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() throws Exception {
        if (server == null) {
            return;
        }
        ctl(60, "stop");
        // The script's beam child outlives a killed script: kill the node by the pid it wrote, then
        // the script.
        Path pid = dir.resolve("pid");
        if (Files.isRegularFile(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
    }
}
