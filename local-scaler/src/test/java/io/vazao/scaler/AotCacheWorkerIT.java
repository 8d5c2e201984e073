package io.vazao.scaler;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vazao.contract.RedisKeys;
import io.vazao.testsupport.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * The packaged worker on a JDK 25+ as the scaler starts it: the first worker is the AOT training
 * run and writes the cache when it stops; the next one maps it (the JVM's class-load log shows its
 * classes coming from the cache) and consumes; a cache the JVM cannot use (cut short, or not a
 * cache at all) costs the speed-up, never the start.
 */
class AotCacheWorkerIT {

    static final Path JAR = Path.of("..", "functions", "target", "quarkus-app", "quarkus-run.jar");
    static final String MGMT = "http://127.0.0.1:15672/api";

    /** One order of the seed's shape. */
    static final String ORDER =
            "{\"id\": \"ORD-1\", \"type\": \"order\", \"timestamp\": \"2026-11-02T10:15:00Z\","
                    + " \"data\": {\"customer\": {\"id\": \"CUST-1\", \"name\": \"Customer 1\","
                    + " \"email\": \"customer1@example.com\", \"address\": {\"street\": \"512 Main St\","
                    + " \"city\": \"Chicago\", \"state\": \"IL\", \"zip\": \"60601\"}},"
                    + " \"product\": {\"name\": \"Laptop\", \"quantity\": 2, \"unit_price\": 1250.00,"
                    + " \"total\": 2500.00}, \"status\": \"pending\", \"shipping_method\": \"express\"}}";

    @TempDir Path tmp;
    final String queue = "aot-it-" + UUID.randomUUID().toString().substring(0, 8);
    final RedisKeys keys = new RedisKeys("t" + UUID.randomUUID().toString().substring(0, 8) + ":");
    final List<Process> workers = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    WorkerJvm jvm;
    WorkerLauncher launcher;
    ClassCache cache;

    @BeforeEach
    void setUp() throws IOException {
        jvm =
                WorkerJvm.resolve(
                        null,
                        System.getenv(),
                        WorkerJvm.JVM_DIR,
                        Path.of(System.getProperty("java.home"), "bin", "java"));
        assumeTrue(
                jvm.usesAotCache(),
                "no JDK "
                        + WorkerJvm.AOT_CACHE_FEATURE
                        + "+ found ($VAZAO_WORKER_JAVA, $JAVA_HOME, /usr/lib/jvm): the AOT cache"
                        + " needs one; the workers would use AppCDS on "
                        + jvm.version());
        assertTrue(Files.isRegularFile(JAR), "the packaged worker is missing: " + JAR);
        cache = ClassCache.forJvm(jvm, JAR, tmp.resolve("cds"));
        assertEquals(ClassCache.Kind.AOT, cache.kind());
        List<String> options = new ArrayList<>(WorkerLauncher.defaultJvmOptions());
        // The JVM's own account, one file per process: which classes came from the cache.
        options.add("-Xlog:aot=info,class+load=info:file=" + tmp.resolve("jvm-%p.log"));
        launcher =
                new WorkerLauncher(
                        WorkerLauncher.javaCommand(jvm.java().toString(), options, JAR),
                        Map.of(
                                "VAZAO_FUNCTION", "processOrder",
                                "VAZAO_WORK_MEAN_MS", "0",
                                "RABBITMQ_HOST", "127.0.0.1"),
                        tmp.resolve("logs"),
                        Map.of(),
                        cache);
    }

    @AfterEach
    void tearDown() throws Exception {
        workers.forEach(Process::destroyForcibly);
        for (String q : List.of(queue, queue + ".dlq")) {
            send(HttpRequest.newBuilder(URI.create(MGMT + "/queues/%2F/" + q)).DELETE());
        }
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            TestKeys.deleteAll(redis, keys.prefix());
        }
    }

    @Test
    void theFirstWorkerTrainsTheNextMapsTheCacheAndAnUnusableCacheStillStarts() throws Exception {
        Process trainer = consumes("w1");
        assertTrue(commandLine(trainer).contains(" -XX:AOTCacheOutput=" + cache.file() + " "));
        stop(trainer);
        assertTrue(
                Files.isRegularFile(cache.file()) && Files.size(cache.file()) > 1_000_000,
                "the training run wrote no cache: " + log("w1"));

        Process mapped = consumes("w2");
        assertTrue(commandLine(mapped).contains(" -XX:AOTCache=" + cache.file() + " "));
        String jvmLog = jvmLog(mapped);
        assertTrue(jvmLog.contains("Opened AOT cache " + cache.file()), jvmLog);
        long fromCache =
                jvmLog.lines().filter(l -> l.contains("source: shared objects file")).count();
        assertTrue(fromCache > 1_000, fromCache + " classes from the cache");
        assertFalse(jvmLog.contains("[error]"), jvmLog);
        System.out.printf(
                "aot-it: %s, cache %d MiB, %d classes loaded from it%n",
                jvm.version(), Files.size(cache.file()) >> 20, fromCache);
        stop(mapped);

        byte[] whole = Files.readAllBytes(cache.file());
        Files.write(cache.file(), java.util.Arrays.copyOf(whole, whole.length / 2));
        Process cutShort = consumes("w3");
        assertTrue(log("w3").contains("The AOT cache has been truncated"), log("w3"));
        assertFalse(jvmLog(cutShort).contains("source: shared objects file"));
        stop(cutShort);

        Files.writeString(cache.file(), "not a cache");
        Process garbage = consumes("w4");
        assertTrue(log("w4").contains("][aot]"), "the JVM says why: " + log("w4"));
        stop(garbage);
    }

    /**
     * A standby worker (the scaler's {@code --standby}) starts, connects and waits: no
     * subscription, heartbeats as standby. The promotion line makes it consume and run; a standby
     * whose input ends (its scaler is gone) exits by itself, cleanly.
     */
    @Test
    void aStandbyWorkerConsumesOnlyOncePromotedAndLeavesWhenItsStarterGoes() throws Exception {
        Process standby = launcher.start(queue, "s1", keys.prefix(), true);
        workers.add(standby);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> log("s1").contains("event=worker-standby") || !standby.isAlive());
        assertTrue(standby.isAlive(), "standby exited: " + log("s1"));
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            assertFalse(log("s1").contains("event=consuming"), "a standby does not subscribe");
            await().atMost(Duration.ofSeconds(10)).until(() -> redis.exists(keys.worker("s1")));
            assertEquals(
                    "standby",
                    redis.hget(keys.worker("s1"), io.vazao.contract.Heartbeat.F_STATE),
                    "it heartbeats as standby, which no reader counts as live");

            long promotedAt = System.nanoTime();
            standby.getOutputStream()
                    .write(WorkerLauncher.PROMOTE_LINE.getBytes(StandardCharsets.UTF_8));
            standby.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> log("s1").contains("event=consuming"));
            System.out.printf(
                    "standby: promotion line -> subscribed in %d ms%n",
                    (System.nanoTime() - promotedAt) / 1_000_000);
            for (int i = 0; i < 5; i++) {
                publish(ORDER.replace("ORD-1", "ORD-s1-" + i));
            }
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> log("s1").contains("event=first-message"));
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    "running"
                                            .equals(
                                                    redis.hget(
                                                            keys.worker("s1"),
                                                            io.vazao.contract.Heartbeat.F_STATE)));
        }

        Process orphan = launcher.start(queue, "s2", keys.prefix(), true);
        workers.add(orphan);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> log("s2").contains("event=worker-standby") || !orphan.isAlive());
        orphan.getOutputStream().close();
        assertTrue(orphan.waitFor(60, TimeUnit.SECONDS), "an orphaned standby leaves");
        assertEquals(0, orphan.exitValue(), log("s2"));
        assertTrue(log("s2").contains("event=standby-orphaned"), log("s2"));
    }

    /** Starts a worker, publishes to its queue once it declared it, waits for a processed one. */
    Process consumes(String id) throws Exception {
        Process p = launcher.start(queue, id, keys.prefix());
        workers.add(p);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> log(id).contains("event=consuming") || !p.isAlive());
        assertTrue(p.isAlive(), "worker " + id + " exited: " + log(id));
        for (int i = 0; i < 5; i++) {
            publish(ORDER.replace("ORD-1", "ORD-" + id + "-" + i));
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .failFast("worker " + id + " exited", () -> !p.isAlive())
                .until(() -> log(id).contains("event=first-message"));
        return p;
    }

    static String commandLine(Process p) {
        return p.info().commandLine().orElse("") + " ";
    }

    void stop(Process p) throws InterruptedException {
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "worker did not stop");
    }

    String log(String id) {
        try {
            Path f = tmp.resolve("logs").resolve(id + ".log");
            return Files.isRegularFile(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jvmLog(Process p) throws IOException {
        return Files.readString(tmp.resolve("jvm-" + p.pid() + ".log"));
    }

    void publish(String body) throws Exception {
        String json =
                "{\"properties\":{\"content_type\":\"application/json\",\"delivery_mode\":2},"
                        + "\"routing_key\":\""
                        + queue
                        + "\",\"payload\":\""
                        + body.replace("\"", "\\\"")
                        + "\",\"payload_encoding\":\"string\"}";
        String answer =
                send(
                        HttpRequest.newBuilder(
                                        URI.create(MGMT + "/exchanges/%2F/amq.default/publish"))
                                .POST(HttpRequest.BodyPublishers.ofString(json)));
        assertTrue(answer.contains("\"routed\":true"), answer);
    }

    String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        String auth =
                Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
        return http.send(
                        request.header("authorization", "Basic " + auth)
                                .header("content-type", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
