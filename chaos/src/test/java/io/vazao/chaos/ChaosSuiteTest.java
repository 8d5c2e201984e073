package io.vazao.chaos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import io.vazao.e2e.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.JedisPooled;

/**
 * Faults in the middle of a drain of two queues, against a whole installation (`vazao up`: policy
 * service, local scaler, worker JVMs) on a private RabbitMQ node, a private control-plane Redis and
 * a private audit Redis (so the processed-id audit survives the control plane's Redis losing its
 * data). Each fault reports lost (0), duplicates and the time until every queue is consumed again;
 * the table is printed and written to target/chaos-results.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosSuiteTest {

    static final long PER_QUEUE = Long.getLong("vazao.chaos.messages", 2_400);
    static final int RATE_LIMIT = 120;
    static final Duration DRAINED = Duration.ofSeconds(240);

    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String orders = "chaos-orders";
    final String payments = "chaos-payments";
    final List<String> queues = List.of(orders, payments);
    final RedisKeys keys = new RedisKeys("chaos" + id + ":");
    final List<Outcome> outcomes = new ArrayList<>();
    Path dir;
    PrivateRabbit rabbit;
    PrivateRedis control;
    PrivateRedis auditRedis;
    JedisPooled audit;
    Stack stack;
    long suiteStart;

    /** One fault's figures. */
    record Outcome(
            String fault,
            long published,
            long lost,
            long duplicates,
            long deletedWithQueue,
            long consumedAgainMillis,
            long drainMillis,
            String note) {
        String row() {
            return String.format(
                    "| %s | %d | %d | %d | %s | %.1f s | %.1f s | %s |",
                    fault,
                    published,
                    lost,
                    duplicates,
                    deletedWithQueue == 0 ? "" : Long.toString(deletedWithQueue),
                    consumedAgainMillis / 1000.0,
                    drainMillis / 1000.0,
                    note);
        }
    }

    /**
     * Injects a fault and returns once it is over (the broker or Redis back, the queue declared
     * again).
     */
    interface Fault {
        String inject(Drain drain) throws Exception;
    }

    @BeforeAll
    void startInstallation() throws Exception {
        assumeTrue(PrivateRabbit.installed(), "RabbitMQ is not installed here");
        suiteStart = System.currentTimeMillis();
        dir = Files.createTempDirectory("vazao-chaos-");
        rabbit = new PrivateRabbit(dir.resolve("rabbitmq"));
        control = new PrivateRedis(dir, "redis-control");
        auditRedis = new PrivateRedis(dir, "redis-audit");
        control.start();
        auditRedis.start();
        audit = auditRedis.client();
        long t = System.currentTimeMillis();
        rabbit.start();
        System.out.printf(
                "chaos: private RabbitMQ node %s up in %d ms%n",
                rabbit.node, System.currentTimeMillis() - t);
        declareQueues();

        stack =
                new Stack(
                        Stack.repo(),
                        dir.resolve("state"),
                        keys.prefix(),
                        "chaos-" + UUID.randomUUID());
        stack.env.putAll(
                Map.of(
                        "QUARKUS_REDIS_HOSTS",
                        control.uri(),
                        "VAZAO_REDIS_URI",
                        control.uri(),
                        "QUARKUS_REDIS_AUDIT_HOSTS",
                        auditRedis.uri(),
                        "RABBITMQ_PORT",
                        Integer.toString(rabbit.amqpPort),
                        "VAZAO_AMQP_PORT",
                        Integer.toString(rabbit.amqpPort),
                        "VAZAO_MANAGEMENT_URL",
                        rabbit.managementUrl()));
        assertEquals(0, up(), stack.log());
        JsonNode settings = stack.api("GET", "/api/v1/settings", null);
        ((ObjectNode) settings).put("maxTotalWorkers", 4);
        stack.api("PUT", "/api/v1/settings", settings);
        for (String q : queues) {
            // The rate limit keeps each drain going for ~20 s, long enough to put a fault in its
            // middle.
            stack.api(
                    "PATCH",
                    "/api/v1/policies/" + q,
                    Map.of(
                            "minWorkers",
                            1,
                            "maxWorkers",
                            2,
                            "rateLimitPerSecond",
                            RATE_LIMIT,
                            "scaleDownStabilizationSeconds",
                            10));
        }
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> queues.stream().allMatch(q -> consumers(q) >= 1));
        System.out.printf(
                "chaos: installation up and consuming after %d ms%n",
                System.currentTimeMillis() - suiteStart);
    }

    /**
     * `vazao up` as the suite runs it: starts what is not running (a dead or zombie process is
     * not).
     */
    int up(String... extra) throws Exception {
        return stack.up(
                dir.resolve("api-token"),
                Stack.functions(orders, "processOrder", payments, "processPayment"),
                List.of(
                        "VAZAO_BOOTSTRAP_QUEUES=" + orders + ":0.4," + payments + ":0.6",
                        "VAZAO_AUDIT_ENABLED=true",
                        "VAZAO_WORK_MEAN_MS=2",
                        "VAZAO_DELIVERY_LIMIT=3",
                        "VAZAO_FAULT_HALT_ID_PREFIX=ORD-halt",
                        "VAZAO_FAULT_ERROR_ID_PREFIX=ORD-error"),
                extra);
    }

    void declareQueues() throws Exception {
        try (Connection c = amqp();
                Channel ch = c.createChannel()) {
            ch.exchangeDeclare(Topology.EXCHANGE, Topology.EXCHANGE_TYPE, true);
            for (String q : queues) {
                ch.queueDeclare(q, true, false, false, null);
                ch.queueBind(q, Topology.EXCHANGE, q);
            }
        }
    }

    Connection amqp() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(rabbit.amqpUri());
        return f.newConnection("vazao-chaos-suite");
    }

    @AfterAll
    void down() throws Exception {
        try {
            report();
            if (stack != null) {
                stack.run(120, "down", "--grace", "40");
            }
        } finally {
            if (stack != null) {
                stack.close();
                keepLogs();
            }
            if (audit != null) {
                audit.close();
            }
            for (AutoCloseable c : new AutoCloseable[] {rabbit, control, auditRedis}) {
                if (c != null) {
                    c.close();
                }
            }
            if (dir != null) {
                // The logs are kept under target/; the node's data and the state folder go.
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
            System.out.printf(
                    "chaos: whole suite %d s%n", (System.currentTimeMillis() - suiteStart) / 1000);
        }
    }

    void report() throws Exception {
        StringBuilder table =
                new StringBuilder(
                        "| fault | published | lost | duplicates | deleted with the queue | consumed again after | drained after the fault | note |\n|---|---|---|---|---|---|---|---|\n");
        outcomes.forEach(o -> table.append(o.row()).append('\n'));
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "chaos-results.md"), table);
    }

    void keepLogs() {
        try {
            Path kept = Path.of("target", "chaos-logs", id);
            Files.createDirectories(kept);
            try (var files = Files.walk(dir)) {
                for (Path f :
                        files.filter(
                                        f ->
                                                f.toString().endsWith(".log")
                                                        || f.toString().endsWith(".out"))
                                .toList()) {
                    Path to = kept.resolve(dir.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
        } catch (Exception e) {
            System.out.println("chaos: logs not kept: " + e);
        }
    }

    /**
     * Publishes to both queues, waits until a quarter is processed, injects the fault, then
     * measures the time until every queue is consumed again (a consumer, and processed ids growing)
     * and until every message is processed.
     */
    Outcome drainThrough(String name, Fault fault) throws Exception {
        // One run id per fault: ids that repeated an earlier fault's would count as duplicates, not
        // progress.
        Drain drain =
                new Drain(
                        "r" + (++runs) + "x" + id, rabbit.amqpUri(), queues, payments, keys, audit);
        drain.publish(PER_QUEUE, Set.copyOf(queues));
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> queues.stream().allMatch(q -> drain.processed(q) >= PER_QUEUE / 4));
        String note = fault.inject(drain);
        long faultOver = System.currentTimeMillis();
        Map<String, Long> at = new LinkedHashMap<>();
        queues.forEach(q -> at.put(q, drain.processed(q)));
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                queues.stream()
                                        .allMatch(
                                                q ->
                                                        drain.processed(q) >= expected(drain, q)
                                                                || (consumers(q) > 0
                                                                        && drain.processed(q)
                                                                                > at.get(q))));
        long consumedAgain = System.currentTimeMillis() - faultOver;
        await().atMost(DRAINED)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () ->
                                queues.stream()
                                        .allMatch(q -> drain.processed(q) >= expected(drain, q)));
        long deletedNow = deleted.values().stream().mapToLong(Long::longValue).sum();
        deleted.clear();
        long drained = System.currentTimeMillis() - faultOver;
        long lost = queues.stream().mapToLong(drain::missing).sum() - deletedNow;
        Outcome o =
                new Outcome(
                        name,
                        drain.totalPublished(),
                        lost,
                        drain.duplicatesSinceStart(),
                        deletedNow,
                        consumedAgain,
                        drained,
                        note);
        outcomes.add(o);
        System.out.println("chaos: " + o.row());
        assertEquals(0, lost, name + ": lost messages");
        return o;
    }

    /** Drains started so far: each gets its own run id. */
    int runs;

    /**
     * Messages the fault deleted on purpose (with their queue, by an operator): not processed, and
     * not lost.
     */
    final Map<String, Long> deleted = new LinkedHashMap<>();

    long expected(Drain drain, String queue) {
        return drain.published.get(queue) - deleted.getOrDefault(queue, 0L);
    }

    /**
     * Consumers of a queue now (passive declare; the management API's figure lags by its 5 s
     * statistics).
     */
    int consumers(String queue) {
        try (Connection c = amqp();
                Channel ch = c.createChannel()) {
            return ch.queueDeclarePassive(queue).getConsumerCount();
        } catch (Exception e) {
            return 0;
        }
    }

    long dlq(String queue) throws Exception {
        try (Connection c = amqp();
                Channel ch = c.createChannel()) {
            return ch.queueDeclarePassive(Topology.deadLetterQueue(queue)).getMessageCount();
        }
    }

    /**
     * Publishes one poison message to the orders queue and waits until the dead-letter queue has
     * it.
     */
    String poison(Drain d, String runId, Duration within) throws Exception {
        long before = dlq(orders);
        Drain poison = new Drain(runId, rabbit.amqpUri(), List.of(orders), payments, keys, audit);
        poison.publish(1, Set.of(orders));
        long t = System.currentTimeMillis();
        await().atMost(within)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> dlq(orders) > before);
        return String.format(
                "+1 poison message, in %s after %.1f s",
                Topology.deadLetterQueue(orders), (System.currentTimeMillis() - t) / 1000.0);
    }

    Map<String, Long> workerPids() {
        return stack.runningWorkers();
    }

    @Test
    @Order(1)
    void rabbitmqStopAppAndStartApp() throws Exception {
        drainThrough(
                "RabbitMQ stop_app, start_app once the outage is seen",
                d -> {
                    assertTrue(rabbit.ctl(60, "stop_app"));
                    long down = System.currentTimeMillis();
                    // The outage lasts until the system has seen it: the policy service reports the
                    // broker gone.
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> !stack.status().path("brokerReachable").asBoolean(true));
                    assertTrue(rabbit.ctl(120, "start_app"));
                    return String.format(
                            "broker restarted in place after %.1f s down (seen by the policy service)",
                            (System.currentTimeMillis() - down) / 1000.0);
                });
    }

    @Test
    @Order(2)
    void everyWorkerConnectionForceClosed() throws Exception {
        drainThrough(
                "every worker connection force-closed (management API)",
                d -> {
                    int closed = rabbit.closeConnections("vazao-worker");
                    return closed + " connections closed";
                });
    }

    @Test
    @Order(3)
    void queueDeletedAndDeclaredAgain() throws Exception {
        drainThrough(
                "queue deleted and declared again",
                d -> {
                    try (Connection c = amqp();
                            Channel ch = c.createChannel()) {
                        deleted.put(orders, (long) ch.queueDelete(orders).getMessageCount());
                        ch.queueDeclare(orders, true, false, false, null);
                        ch.queueBind(orders, Topology.EXCHANGE, orders);
                    }
                    d.publish(200, Set.of(orders));
                    return "200 orders published after the re-declare";
                });
    }

    @Test
    @Order(4)
    void controlPlaneRedisShutdownNoSaveAndRestart() throws Exception {
        Path scalerLog = stack.state.resolve("logs").resolve("scaler.log");
        long logBefore = Files.size(scalerLog);
        Outcome o =
                drainThrough(
                        "Redis SHUTDOWN NOSAVE + restart (control plane)",
                        d -> {
                            control.shutdownNoSave();
                            control.start();
                            return "";
                        });
        // Nothing was stopped by the fault: the drain's own scale-downs (target 2 -> 1 as the
        // backlog
        // shrinks) go on, but no worker stopped for a target read as 0 or a heartbeat lost with
        // Redis.
        String since = Files.readString(scalerLog).substring((int) logBefore);
        List<String> stops = since.lines().filter(l -> l.contains("worker.stop ")).toList();
        assertTrue(
                stops.stream().noneMatch(l -> l.contains("target 0 ") || l.contains("cause=stale")),
                "stops after the fault: " + stops);
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                stack.api("GET", "/api/v1/policies/" + orders, null)
                                                .path("rateLimitPerSecond")
                                                .asInt()
                                        == RATE_LIMIT);
        assertEquals(4, stack.api("GET", "/api/v1/settings", null).path("maxTotalWorkers").asInt());
        outcomes.set(
                outcomes.size() - 1,
                new Outcome(
                        o.fault(),
                        o.published(),
                        o.lost(),
                        o.duplicates(),
                        o.deletedWithQueue(),
                        o.consumedAgainMillis(),
                        o.drainMillis(),
                        "no worker stopped; policies and settings restored"));
    }

    @Test
    @Order(5)
    void workerSigkill() throws Exception {
        drainThrough(
                "SIGKILL of a worker",
                d -> {
                    Map<String, Long> running = workerPids();
                    String victim =
                            running.keySet().stream()
                                    .filter(w -> w.startsWith(orders))
                                    .sorted()
                                    .findFirst()
                                    .orElseThrow();
                    ProcessHandle.of(running.get(victim)).orElseThrow().destroyForcibly();
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> !workerPids().containsKey(victim));
                    return "the scaler replaced it";
                });
    }

    @Test
    @Order(6)
    void aFunctionThatThrowsError() throws Exception {
        drainThrough(
                "a function throws Error", d -> poison(d, "error" + id, Duration.ofSeconds(30)));
    }

    @Test
    @Order(7)
    void aMessageThatHaltsTheJvmOnEveryDelivery() throws Exception {
        drainThrough(
                "a message halts the worker's JVM on every delivery",
                d -> poison(d, "halt" + id, Duration.ofSeconds(240)) + " (delivery limit 3)");
    }

    @Test
    @Order(8)
    void localScalerSigkill() throws Exception {
        List<ProcessHandle> orphans = new ArrayList<>();
        drainThrough(
                "SIGKILL of the local scaler, then `vazao up`",
                d -> {
                    workerPids()
                            .values()
                            .forEach(pid -> ProcessHandle.of(pid).ifPresent(orphans::add));
                    ProcessHandle scaler = stack.component("scaler").orElseThrow();
                    scaler.destroyForcibly();
                    await().atMost(Duration.ofSeconds(10)).until(() -> !scaler.isAlive());
                    assertEquals(0, up(), stack.log());
                    return "the new scaler drained the "
                            + orphans.size()
                            + " workers of the killed one";
                });
        await().atMost(Duration.ofSeconds(60))
                .until(() -> orphans.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    @Order(9)
    void policyServiceSigkill() throws Exception {
        drainThrough(
                "SIGKILL of the policy service",
                d -> {
                    ProcessHandle ps = stack.component("policy-service").orElseThrow();
                    ps.destroyForcibly();
                    await().atMost(Duration.ofSeconds(10)).until(() -> !ps.isAlive());
                    long t = System.currentTimeMillis();
                    // No `vazao up`: the local scaler supervises the policy service in local mode.
                    await().atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(250))
                            .ignoreExceptions()
                            .until(
                                    () ->
                                            stack.component("policy-service")
                                                            .filter(h -> h.pid() != ps.pid())
                                                            .isPresent()
                                                    && stack.status().has("queues"));
                    return String.format(
                            "workers kept their last targets; the local scaler restarted it,"
                                    + " answering after %.1f s",
                            (System.currentTimeMillis() - t) / 1000.0);
                });
    }

    @Test
    @Order(10)
    void theDeadLetterQueueDeleted() throws Exception {
        drainThrough(
                "the dead-letter queue deleted",
                d -> {
                    try (Connection c = amqp();
                            Channel ch = c.createChannel()) {
                        ch.queueDelete(Topology.deadLetterQueue(orders));
                    }
                    Drain poison =
                            new Drain(
                                    "error" + id + "dlq",
                                    rabbit.amqpUri(),
                                    List.of(orders),
                                    payments,
                                    keys,
                                    audit);
                    poison.publish(1, Set.of(orders));
                    long t = System.currentTimeMillis();
                    // The worker finds the queue gone when it dead-letters, declares it again and
                    // publishes there: the poison does not loop through the work queue meanwhile.
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(250))
                            .ignoreExceptions()
                            .until(() -> dlq(orders) >= 1);
                    return String.format(
                            "declared again by the worker; +1 poison message in it after %.1f s",
                            (System.currentTimeMillis() - t) / 1000.0);
                });
    }

    @Test
    @Order(11)
    void aSeventyMebibyteMessage() throws Exception {
        drainThrough(
                "a 70 MiB message",
                d -> {
                    long before = dlq(orders);
                    byte[] huge = new byte[70 * 1024 * 1024];
                    java.util.Arrays.fill(huge, (byte) '{');
                    try (Connection c = amqp();
                            Channel ch = c.createChannel()) {
                        ch.confirmSelect();
                        ch.basicPublish(
                                Topology.EXCHANGE,
                                orders,
                                true,
                                new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                                        .deliveryMode(2)
                                        .build(),
                                huge);
                        ch.waitForConfirmsOrDie(60_000);
                    }
                    long t = System.currentTimeMillis();
                    // A worker with the scaler's default heap takes it in and dead-letters it
                    // unread
                    // as oversized; the connection stays up and the orders behind it keep flowing.
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> dlq(orders) > before);
                    return String.format(
                            "dead-lettered as oversized after %.1f s",
                            (System.currentTimeMillis() - t) / 1000.0);
                });
    }
}
