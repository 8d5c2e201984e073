package io.vazao.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.vazao.cli.LoadCommand;
import io.vazao.contract.BudgetShare;
import io.vazao.contract.EventKind;
import io.vazao.contract.Json;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.ScalingEvent;
import io.vazao.load.LoadGenerator;
import io.vazao.load.LoadPlan;
import io.vazao.load.Payloads;
import io.vazao.simulator.RecordedRun;
import io.vazao.simulator.RunValidation;
import io.vazao.testsupport.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

/**
 * Issue 4's proof with real processes: `vazao up` (policy service, local scaler, worker JVMs), a
 * 40,000 + 40,000 burst into a budget of 6 with weights 0.4/0.6 and 2 ms of work, a worker killed
 * with SIGKILL mid-run, the processed-id audit, and `vazao down` leaving nothing behind. Everything
 * is the test's own: queue names, Redis prefix, HTTP port, token, state folder.
 */
class OneMachineE2ETest {

    static final int BUDGET = 6;
    static final int STABILIZATION_SECONDS = 20;

    /**
     * Enough that both queues still want more than their share once the extra workers are live: at
     * 20,000 a quiet machine drained the burst before the JVMs it started for it had heartbeated,
     * and the live 40/60 split was never seen (a good commit failed). At 40,000 it happened again
     * once the workers consumed at PerfTest's speed: the measured per-worker rate rose, demand fell
     * under the shares about 20 s after the burst, and the fourth payments JVM was live only after
     * 30 s. With {@link #DRAIN_SECONDS} the contention lasts about 50 s.
     */
    static final long PER_QUEUE = Long.getLong("vazao.e2e.messages", 100_000);

    /** The policies' targetDrainSeconds: a backlog asks for three times the workers of 30 s. */
    static final int DRAIN_SECONDS = 10;

    /**
     * The gate's bound on the first extra worker: it catches a scaler that does not react, not a
     * slower reaction. The 3 s goal is measured by bench/reaction-time.sh and bench/e2e-loop.sh
     * (this test prints the figure); as a gate, 3 s failed a good commit at 3.1 s on a quiet
     * machine.
     */
    static final long FIRST_WORKER_MAX_MS = Long.getLong("vazao.e2e.first-worker-max-ms", 10_000);

    @TempDir Path tmp;
    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String orders = "t-e2e-orders-" + id;
    final String payments = "t-e2e-payments-" + id;
    final RedisKeys keys = new RedisKeys("e2e" + id + ":");
    final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    Stack stack;
    EventWatch watch;

    /** One look at the system. */
    record Sample(
            long t,
            int totalLive,
            int processes,
            Map<String, long[]> queues,
            Map<String, String> reasons,
            Set<String> contending) {
        // per queue: {ready + unacked, target, live, processed (the audit)}

        /**
         * Both queues want more than their share of the budget (the status's budget effect is SHORT
         * for each).
         */
        boolean contended(String a, String b) {
            return contending.contains(a) && contending.contains(b);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (watch != null) {
            watch.close();
        }
        if (stack != null) {
            try {
                stack.run(120, "down", "--grace", "40");
            } finally {
                stack.close();
                keepLogs();
            }
        }
        try (Connection c = rabbit();
                Channel ch = c.createChannel()) {
            for (String q : List.of(orders, payments, orders + ".dlq", payments + ".dlq")) {
                ch.queueDelete(q);
            }
        } catch (Exception e) {
            // the queues may never have been declared
        }
        TestKeys.deleteAll(redis, keys.prefix());
        redis.close();
    }

    static Connection rabbit() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(LoadCommand.DEFAULT_AMQP_URI);
        return f.newConnection("vazao-e2e");
    }

    /** The installation's logs and events outlive the temporary folder: target/e2e-logs/{id}/. */
    void keepLogs() {
        Path kept = Path.of("target", "e2e-logs", id);
        try {
            Files.createDirectories(kept);
            Files.write(kept.resolve("events.jsonl"), events().stream().map(Json::write).toList());
            Path state = tmp.resolve("state");
            try (var files = Files.walk(state)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                    Path to = kept.resolve(state.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
            System.out.println("e2e: logs and events kept in " + kept.toAbsolutePath());
        } catch (Exception e) {
            System.out.println("e2e: logs not kept: " + e);
        }
    }

    List<ScalingEvent> events() {
        return redis.xrange(keys.events(), (StreamEntryID) null, null).stream()
                .map(e -> ScalingEvent.fromFields(e.getFields()))
                .toList();
    }

    Sample sample() throws Exception {
        JsonNode s = stack.status();
        Map<String, long[]> q = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        Set<String> contending = new HashSet<>();
        for (JsonNode n : s.path("queues")) {
            if (BudgetShare.Effect.SHORT.name().equals(n.path("budget").path("effect").asText())) {
                contending.add(n.path("queue").asText());
            }
            q.put(
                    n.path("queue").asText(),
                    new long[] {
                        n.path("ready").asLong() + n.path("unacked").asLong(),
                        n.path("target").asLong(),
                        n.path("liveWorkers").asLong(),
                        redis.scard(keys.auditProcessed(n.path("queue").asText()))
                    });
            reasons.put(n.path("queue").asText(), n.path("reason").asText(""));
        }
        return new Sample(
                System.currentTimeMillis(),
                s.path("totalLive").asInt(),
                stack.workers().size(),
                q,
                reasons,
                contending);
    }

    @Test
    void burstBeyondTheBudgetIsShared4060NothingIsLostAKilledWorkerIsReplacedAndDownLeavesNothing()
            throws Exception {
        stack =
                new Stack(
                        Stack.repo(),
                        tmp.resolve("state"),
                        keys.prefix(),
                        "e2e-" + UUID.randomUUID());
        watch = new EventWatch(keys.events());
        long upStart = System.currentTimeMillis();
        int up =
                stack.up(
                        tmp.resolve("api-token"),
                        Stack.functions(orders, "processOrder", payments, "processPayment"),
                        java.util.List.of(
                                "VAZAO_BOOTSTRAP_QUEUES=" + orders + ":0.4," + payments + ":0.6",
                                "VAZAO_AUDIT_ENABLED=true",
                                "VAZAO_WORK_MEAN_MS=2",
                                "VAZAO_WORK_DISTRIBUTION=fixed"));
        assertEquals(0, up, stack.log());
        System.out.printf("e2e: up in %d ms%n", System.currentTimeMillis() - upStart);

        JsonNode settings = stack.api("GET", "/api/v1/settings", null);
        ((ObjectNode) settings).put("maxTotalWorkers", BUDGET);
        stack.api("PUT", "/api/v1/settings", settings);
        for (String q : List.of(orders, payments)) {
            stack.api(
                    "PATCH",
                    "/api/v1/policies/" + q,
                    Map.of(
                            "minWorkers",
                            1,
                            "maxWorkers",
                            BUDGET,
                            "scaleDownStabilizationSeconds",
                            STABILIZATION_SECONDS,
                            "targetDrainSeconds",
                            DRAIN_SECONDS));
        }
        // The minimum (1 + 1) live and consuming before the burst.
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            Sample s = sample();
                            return s.queues().containsKey(orders)
                                    && s.queues().containsKey(payments)
                                    && s.queues().get(orders)[2] == 1
                                    && s.queues().get(payments)[2] == 1;
                        });
        System.out.printf(
                "e2e: minimum workers live after %d ms%n", System.currentTimeMillis() - upStart);

        List<Sample> samples = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        long[] lastPrinted = {0};
        sampler.scheduleWithFixedDelay(
                () -> {
                    try {
                        Sample s = sample();
                        samples.add(s);
                        if (s.t() - lastPrinted[0] >= 5_000) {
                            lastPrinted[0] = s.t();
                            System.out.println("e2e: " + line(s));
                        }
                    } catch (Exception e) {
                        // one missed sample
                    }
                },
                0,
                300,
                TimeUnit.MILLISECONDS);

        String runId = "e2e" + id;
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(orders, PER_QUEUE);
        counts.put(payments, PER_QUEUE);
        LoadGenerator generator =
                new LoadGenerator(
                        new LoadGenerator.Options(
                                LoadCommand.DEFAULT_AMQP_URI,
                                runId,
                                7,
                                10_000,
                                null,
                                Set.of(payments)));
        StreamEntryID burstMark = watch.mark();
        long t0 = System.currentTimeMillis();
        CompletableFuture<LoadGenerator.Result> load =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return generator.run(LoadPlan.counts(counts, 0));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });

        // 1. The first extra worker starts soon after the burst. Timed by when this test saw the
        //    events (its own clock), ordered by their place in the stream: never by the time
        // another
        //    process stamped on them.
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                watch.first(burstMark, e -> e.kind() == EventKind.STARTED)
                                        .isPresent());
        EventWatch.Seen firstStart =
                watch.first(burstMark, e -> e.kind() == EventKind.STARTED).orElseThrow();
        EventWatch.Seen firstUp =
                watch.first(burstMark, e -> e.kind() == EventKind.SCALE_UP).orElse(firstStart);
        System.out.printf(
                "e2e: target raised %d ms after the burst began, first extra worker started %d ms after the burst (%d ms after the target)%n",
                firstUp.seenAt() - t0,
                firstStart.seenAt() - t0,
                firstStart.seenAt() - firstUp.seenAt());
        System.out.printf(
                "e2e: first scale-up %s %d -> %d: %s%n",
                firstUp.event().queue(),
                firstUp.event().from(),
                firstUp.event().to(),
                firstUp.event().reason());

        // 2. Mid-run, while the orders queue is backlogged, SIGKILL one of its workers.
        // (On a quiet machine the burst may drain before a second orders worker is up: any
        // consuming
        // orders worker with a backlog left will do.) Not while the scaler still has a surplus to
        // stop:
        // early in the burst the budget's shares move (orders may go 2 -> 4 -> 2 as payments ramps
        // up),
        // and a killed surplus worker is rightly not replaced. With both queues short of their
        // share
        // the targets hold.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            Sample s = sample();
                            long runningOrders =
                                    stack.runningWorkers().keySet().stream()
                                            .filter(w -> w.startsWith(orders))
                                            .count();
                            return s.queues().get(orders)[0] > 500
                                    && s.queues().get(orders)[2] >= 1
                                    && s.contended(orders, payments)
                                    && runningOrders >= 1
                                    && runningOrders <= s.queues().get(orders)[1];
                        });
        // A worker the scaler counts (not one it is draining): its death must be replaced. The
        // scaler's own record of the death (CRASHED, naming the victim) and the replacement after
        // it
        // in the stream are the evidence; the delay is measured on the scaler's own clock.
        Map<String, Long> running = stack.runningWorkers();
        String victimId =
                running.keySet().stream()
                        .filter(w -> w.startsWith(orders))
                        .sorted()
                        .findFirst()
                        .orElseThrow();
        long victimPid = running.get(victimId);
        ProcessHandle victim = ProcessHandle.of(victimPid).orElseThrow();
        StreamEntryID killMark = watch.mark();
        victim.destroyForcibly();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                watch.first(
                                                killMark,
                                                e ->
                                                        e.kind() == EventKind.CRASHED
                                                                && victimId.equals(e.workerId()))
                                        .isPresent());
        EventWatch.Seen crashed =
                watch.first(
                                killMark,
                                e -> e.kind() == EventKind.CRASHED && victimId.equals(e.workerId()))
                        .orElseThrow();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                watch.first(
                                                crashed.id(),
                                                e ->
                                                        e.kind() == EventKind.REPLACED
                                                                && orders.equals(e.queue()))
                                        .isPresent());
        EventWatch.Seen replaced =
                watch.first(
                                crashed.id(),
                                e -> e.kind() == EventKind.REPLACED && orders.equals(e.queue()))
                        .orElseThrow();
        System.out.printf(
                "e2e: SIGKILLed %s, replaced %d ms after the scaler saw it die (scaler's clock)%n",
                victimId, replaced.event().ts() - crashed.event().ts());

        // 3. Everything drains.
        LoadGenerator.Result published = load.get(300, TimeUnit.SECONDS);
        assertTrue(published.complete(), published.summary());
        await().atMost(Duration.ofSeconds(300))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            Sample s = sample();
                            return s.queues().get(orders)[0] == 0
                                    && s.queues().get(payments)[0] == 0
                                    && redis.scard(keys.auditProcessed(orders)) >= PER_QUEUE
                                    && redis.scard(keys.auditProcessed(payments)) >= PER_QUEUE;
                        });
        long drainedAt = System.currentTimeMillis();
        System.out.printf(
                "e2e: published %d in %.1f s; drained %d ms after the burst began%n",
                published.totalSent(), published.seconds(), drainedAt - t0);
        record(samples, t0, published.seconds());

        // 4. Every published id was processed: the audit sets equal the published sets.
        assertEquals(ids(runId, PER_QUEUE, false), redis.smembers(keys.auditProcessed(orders)));
        assertEquals(ids(runId, PER_QUEUE, true), redis.smembers(keys.auditProcessed(payments)));

        // 5. Back to min within the stabilization window plus 10 s.
        await().atMost(Duration.ofSeconds(STABILIZATION_SECONDS + 10))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            Sample s = sample();
                            return s.queues().get(orders)[1] == 1
                                    && s.queues().get(payments)[1] == 1
                                    && stack.workers().size() == 2;
                        });
        System.out.printf(
                "e2e: back to min %d ms after the drain%n", System.currentTimeMillis() - drainedAt);
        sampler.shutdownNow();

        assertTrue(
                firstStart.seenAt() - firstUp.seenAt() <= 1_500,
                "the scaler starts a worker within one tick of the target");
        // Within 3 s of the burst: the policy service counts ready messages by passive declare
        // every
        // tick and takes their growth as arrivals while RabbitMQ's 5 s statistics still say 0/s.
        assertTrue(
                firstStart.seenAt() - t0 <= FIRST_WORKER_MAX_MS,
                "first extra worker " + (firstStart.seenAt() - t0) + " ms after the burst");

        // 6. The budget held, and while both queues wanted more than their share the split was
        // 40/60
        //    within one worker: exactly in the targets, and on average in the live workers (which
        //    follow the targets after a JVM start).
        List<int[]> contention = new ArrayList<>();
        int targetSamples = 0;
        for (Sample s : samples) {
            assertTrue(
                    s.totalLive() <= BUDGET, "live workers " + s.totalLive() + " above the budget");
            assertTrue(
                    s.processes() <= BUDGET,
                    "worker processes " + s.processes() + " above the budget");
            long[] o = s.queues().get(orders);
            long[] p = s.queues().get(payments);
            if (o != null && p != null && s.contended(orders, payments)) {
                targetSamples++;
                assertEquals(BUDGET, o[1] + p[1], "the whole budget is shared under contention");
                assertTrue(
                        Math.abs(o[1] - 0.4 * BUDGET) <= 1 && Math.abs(p[1] - 0.6 * BUDGET) <= 1,
                        "targets " + o[1] + "/" + p[1] + " are not 40/60 within one worker");
                if (o[2] + p[2] == BUDGET) {
                    contention.add(new int[] {(int) o[2], (int) p[2]});
                }
            }
        }
        assertTrue(targetSamples > 0, "both queues never wanted more than their share");
        assertFalse(
                contention.isEmpty(),
                "the budget was never full while both queues wanted more than their share");
        double liveOrders = contention.stream().mapToInt(c -> c[0]).average().orElseThrow();
        double livePayments = contention.stream().mapToInt(c -> c[1]).average().orElseThrow();
        System.out.printf(
                "e2e: contention in %d samples; live split %.2f/%.2f over %d samples with the budget full%n",
                targetSamples, liveOrders, livePayments, contention.size());
        assertTrue(
                Math.abs(liveOrders - 0.4 * BUDGET) <= 1
                        && Math.abs(livePayments - 0.6 * BUDGET) <= 1,
                "live split "
                        + liveOrders
                        + "/"
                        + livePayments
                        + " is not 40/60 within one worker");

        // 7. `vazao down` leaves no process behind.
        stack.workers();
        Set<ProcessHandle> all = new HashSet<>(stack.seen.values());
        assertEquals(0, stack.run(120, "down", "--grace", "40"), stack.log());
        for (ProcessHandle h : all) {
            assertFalse(
                    h.isAlive(),
                    "process "
                            + h.pid()
                            + " "
                            + h.info().commandLine().orElse("")
                            + " outlived vazao down");
        }
        assertTrue(
                stack.component("scaler").isEmpty() && stack.component("policy-service").isEmpty());
    }

    /**
     * The burst as this test saw it, for the simulator to be checked against ({@code vazao simulate
     * --validate}): written to target/e2e-runs/, and the comparison printed.
     */
    void record(List<Sample> samples, long t0, double publishSeconds) throws Exception {
        List<RecordedRun.Sample> kept = new ArrayList<>();
        for (Sample s : samples) {
            if (s.t() < t0 - 300 || !s.queues().containsKey(orders)) {
                continue;
            }
            Map<String, Long> depth = new LinkedHashMap<>();
            Map<String, Integer> target = new LinkedHashMap<>();
            Map<String, Integer> live = new LinkedHashMap<>();
            Map<String, Long> processed = new LinkedHashMap<>();
            for (String q : List.of(orders, payments)) {
                long[] f = s.queues().get(q);
                depth.put(q, f[0]);
                target.put(q, (int) f[1]);
                live.put(q, (int) f[2]);
                processed.put(q, f[3]);
            }
            kept.add(
                    new RecordedRun.Sample(
                            Math.max(0, s.t() - t0), depth, target, live, processed));
        }
        RecordedRun run =
                new RecordedRun(
                        "OneMachineE2ETest: budget "
                                + BUDGET
                                + ", weights 0.4/0.6, "
                                + PER_QUEUE
                                + " orders and payments, 2 ms of work each, one worker SIGKILLed"
                                + " mid-drain",
                        BUDGET,
                        1,
                        BUDGET,
                        STABILIZATION_SECONDS,
                        16,
                        Map.of(orders, 0.4, payments, 0.6),
                        Map.of(orders, PER_QUEUE, payments, PER_QUEUE),
                        publishSeconds,
                        kept);
        Path dir = Path.of("target", "e2e-runs");
        Files.createDirectories(dir);
        Path file = dir.resolve("burst-" + id + ".json");
        Files.writeString(file, Json.write(run));
        System.out.println("e2e: run recorded in " + file.toAbsolutePath());
        try {
            System.out.print(RunValidation.of(run).table().replaceAll("(?m)^", "e2e: simulator: "));
        } catch (IllegalArgumentException e) {
            // The samples may end a few hundred ms before the audit's last message: a record
            // without a drain is kept, and the comparison is for whoever replays it.
            System.out.println("e2e: simulator: no comparison: " + e.getMessage());
        }
    }

    String line(Sample s) {
        long[] o = s.queues().getOrDefault(orders, new long[4]);
        long[] p = s.queues().getOrDefault(payments, new long[4]);
        return String.format(
                "%tT orders depth %6d target %d live %d | payments depth %6d target %d live %d | processes %d | %s / %s",
                s.t(),
                o[0],
                o[1],
                o[2],
                p[0],
                p[1],
                p[2],
                s.processes(),
                s.reasons().getOrDefault(orders, ""),
                s.reasons().getOrDefault(payments, ""));
    }

    static Set<String> ids(String runId, long n, boolean payments) {
        Set<String> s = new HashSet<>();
        for (long i = 0; i < n; i++) {
            s.add(payments ? Payloads.paymentId(runId, i) : Payloads.orderId(runId, i));
        }
        return s;
    }
}
