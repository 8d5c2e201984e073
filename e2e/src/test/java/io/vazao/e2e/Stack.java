package io.vazao.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.cli.LoadCommand;
import io.vazao.contract.Json;
import io.vazao.load.LoadGenerator;
import io.vazao.load.LoadPlan;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A whole vazao installation of the test's own, started exactly as a user would: {@code vazao up}
 * with its own state folder, HTTP port, Redis key prefix, token and queue names, and stopped with
 * {@code vazao down}.
 */
public final class Stack implements AutoCloseable {

    public final Path repo;
    public final Path state;
    public final String prefix;
    public final String token;
    public final int port;

    /**
     * Extra environment of every CLI command, passed on to what `vazao up` starts (e.g. another
     * broker).
     */
    public final Map<String, String> env = new HashMap<>();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Every process the test ever saw belong to this installation, to prove none survives. */
    public final Map<Long, ProcessHandle> seen = new HashMap<>();

    public Stack(Path repo, Path state, String prefix, String token) throws IOException {
        this.repo = repo;
        this.state = state;
        this.prefix = prefix;
        this.token = token;
        this.port = freePort();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static Path repo() {
        return Path.of(System.getProperty("vazao.repo", "..")).toAbsolutePath().normalize();
    }

    List<String> cli(String... args) {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                repo.resolve("cli/target/vazao.jar").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Queue → function pairs, in order: {@code functions(q1, "processOrder", q2, …)}. */
    public static Map<String, String> functions(String... queueThenFunction) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < queueThenFunction.length; i += 2) {
            out.put(queueThenFunction[i], queueThenFunction[i + 1]);
        }
        return out;
    }

    /**
     * `vazao up` for this stack: its port and key prefix, a function per queue (queue → function,
     * in order), the gRPC port left to the OS, the API token in {@code tokenFile}, and one {@code
     * -e NAME=value} per entry of {@code env}; then {@code extra} arguments. Returns the exit code.
     */
    public int up(Path tokenFile, Map<String, String> functions, List<String> env, String... extra)
            throws IOException, InterruptedException {
        List<String> args =
                new ArrayList<>(
                        List.of("up", "--port", Integer.toString(port), "--key-prefix", prefix));
        functions.forEach((q, f) -> args.addAll(List.of("--function", q + "=" + f)));
        args.addAll(List.of("-e", "QUARKUS_GRPC_SERVER_PORT=0"));
        args.addAll(List.of("-e", "VAZAO_API_TOKEN_FILE=" + tokenFile));
        env.forEach(e -> args.addAll(List.of("-e", e)));
        args.addAll(List.of(extra));
        return run(300, args.toArray(String[]::new));
    }

    /**
     * Runs a CLI command to completion; returns its exit code, its output appended to the state
     * folder's cli.log.
     */
    public int run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Files.createDirectories(state);
        ProcessBuilder pb =
                new ProcessBuilder(cli(args))
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        state.resolve("cli.log").toFile()));
        pb.environment().put("VAZAO_HOME", repo.toString());
        pb.environment().put("VAZAO_STATE_DIR", state.toString());
        pb.environment().put("VAZAO_API_TOKEN", token);
        pb.environment().put("VAZAO_KEY_PREFIX", prefix);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    "vazao "
                            + String.join(" ", args)
                            + " did not finish in "
                            + timeoutSeconds
                            + " s");
        }
        return p.exitValue();
    }

    public String log() {
        try {
            return Files.readString(state.resolve("cli.log"));
        } catch (IOException e) {
            return "";
        }
    }

    public Optional<ProcessHandle> component(String name) {
        try {
            Path f = state.resolve(name + ".pid");
            if (!Files.isRegularFile(f)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(f).trim().split("\\s+")[0]));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Worker id → pid of every live worker process (draining ones included); remembers every
     * process seen.
     */
    public Map<String, Long> workers() {
        return workers(false);
    }

    /** Worker id → pid of the workers the scaler counts (not draining). */
    public Map<String, Long> runningWorkers() {
        return workers(true);
    }

    private Map<String, Long> workers(boolean onlyRunning) {
        Map<String, Long> out = new HashMap<>();
        try {
            Path f = state.resolve("workers.pids");
            if (Files.isRegularFile(f)) {
                for (String line : Files.readAllLines(f)) {
                    String[] parts = line.trim().split(" ");
                    if (parts.length >= 2) {
                        long pid = Long.parseLong(parts[0]);
                        ProcessHandle.of(pid).ifPresent(h -> seen.putIfAbsent(pid, h));
                        if (!(onlyRunning && parts.length > 2)) {
                            out.put(parts[1], pid);
                        }
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the scaler is rewriting it; the next read sees it whole
        }
        component("scaler").ifPresent(h -> seen.putIfAbsent(h.pid(), h));
        component("policy-service").ifPresent(h -> seen.putIfAbsent(h.pid(), h));
        return out;
    }

    public JsonNode api(String method, String path, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(
                                    body instanceof String s ? s : Json.write(body)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body().isBlank()
                ? Json.mapper().createObjectNode()
                : Json.mapper().readTree(r.body());
    }

    public JsonNode status() throws IOException, InterruptedException {
        return api("GET", "/api/v1/status", null);
    }

    /**
     * Publishes {@code counts} messages per queue on the machine's broker as fast as confirms
     * allow, with the seed's payloads; {@code runId} names the run in the messages.
     */
    public static LoadGenerator.Result publish(String runId, long seed, Map<String, Long> counts)
            throws Exception {
        return new LoadGenerator(
                        new LoadGenerator.Options(
                                LoadCommand.DEFAULT_AMQP_URI, runId, seed, 10_000, null, Set.of()))
                .run(LoadPlan.counts(counts, 0));
    }

    /** The queue's entry of {@code /api/v1/status}, or a missing node. */
    public JsonNode queue(String q) throws IOException, InterruptedException {
        for (JsonNode n : status().path("queues")) {
            if (q.equals(n.path("queue").asText())) {
                return n;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Ready + unacked as the policy service last read them; -1 before it has. */
    public long depth(String q) throws IOException, InterruptedException {
        JsonNode n = queue(q);
        return n.path("ready").asLong(-1) + n.path("unacked").asLong(0);
    }

    /** The queue's published target. */
    public int target(String q) throws IOException, InterruptedException {
        return queue(q).path("target").asInt();
    }

    /** The queue's live workers, by their heartbeats. */
    public int live(String q) throws IOException, InterruptedException {
        return queue(q).path("liveWorkers").asInt();
    }

    /** The last resort: whatever is still alive of this installation is killed. */
    @Override
    public void close() {
        workers();
        for (ProcessHandle h : seen.values()) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    /**
     * A test's teardown: `vazao down` (then whatever is still alive is killed), the given queues
     * deleted from the broker, and every Redis key under the installation's prefix removed.
     */
    static void tearDown(
            Stack stack, List<String> queues, redis.clients.jedis.JedisPooled redis, String prefix)
            throws Exception {
        if (stack != null) {
            try {
                stack.run(120, "down", "--grace", "40");
            } finally {
                stack.close();
            }
        }
        try (com.rabbitmq.client.Connection c = OneMachineE2ETest.rabbit();
                com.rabbitmq.client.Channel ch = c.createChannel()) {
            for (String q : queues) {
                ch.queueDelete(q);
            }
        }
        io.vazao.testsupport.TestKeys.deleteAll(redis, prefix);
        redis.close();
    }
}
