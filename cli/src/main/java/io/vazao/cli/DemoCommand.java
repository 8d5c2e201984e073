package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import io.vazao.load.LoadGenerator;
import io.vazao.load.LoadPlan;
import io.vazao.load.Payloads;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.JedisPooled;

@Command(
        name = "demo",
        description = {
            "Burst beyond the budget and watch vazao share it 40/60, drain, and return to min; nothing lost.",
            "Brings the system up if needed, publishes the burst, shows queues, targets and workers live, then summarises:",
            "processed per queue, peak workers, the split under contention, time to drain, time back to min, lost messages.",
            "Leaves nothing running unless --keep."
        })
public final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--budget",
            defaultValue = "6",
            description = "worker budget (default ${DEFAULT-VALUE})")
    int budget;

    @Option(
            names = "--orders",
            defaultValue = "20000",
            description = "orders in the burst (default ${DEFAULT-VALUE})")
    long orders;

    @Option(
            names = "--payments",
            defaultValue = "20000",
            description = "payments in the burst (default ${DEFAULT-VALUE})")
    long payments;

    @Option(
            names = "--work-ms",
            defaultValue = "2",
            description = "work per message in ms (default ${DEFAULT-VALUE})")
    int workMs;

    @Option(names = "--keep", description = "leave the system running afterwards")
    boolean keep;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "policy service port if the demo starts it (default ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--timeout",
            defaultValue = "600",
            description = "give up after this many seconds (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Home home = Home.detect();
        PrintStream out = System.out;
        boolean startedHere = false;
        if (Background.running(home.pid("policy-service")).isEmpty()
                || Background.running(home.pid("scaler")).isEmpty()) {
            UpCommand up = new UpCommand();
            up.port = port;
            up.timeoutSeconds = 240;
            up.env.put("VAZAO_AUDIT_ENABLED", "true");
            up.env.put("VAZAO_WORK_MEAN_MS", Integer.toString(workMs));
            up.env.put("VAZAO_WORK_DISTRIBUTION", "fixed");
            up.call();
            startedHere = true;
        } else {
            out.println(
                    "using the running system (the processed-id audit must be on for the lost count: up -e VAZAO_AUDIT_ENABLED=true)");
        }
        try {
            return runDemo(home, out);
        } finally {
            if (startedHere && !keep) {
                out.println();
                new DownCommand().call();
            } else if (keep) {
                out.println("left running (--keep); stop it with: ./vazao down");
            }
        }
    }

    private int runDemo(Home home, PrintStream out) throws Exception {
        ApiClient api = new ApiClient(ApiClient.resolveUrl(null, home), ApiClient.resolveToken());
        RedisKeys keys = new RedisKeys(ScalerCommand.keyPrefix(null));
        List<String> queues = List.of(Topology.ORDERS.queue(), Topology.PAYMENTS.queue());
        Map<String, Integer> mins = prepare(api);
        try (JedisPooled redis = RedisAddress.resolve(null).connect()) {
            for (String q : queues) {
                redis.del(keys.auditProcessed(q));
            }
            out.println("waiting for the minimum workers to be live ...");
            Services.await(180_000, () -> minimumLive(api, mins));

            String runId = UUID.randomUUID().toString().substring(0, 8);
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put(Topology.ORDERS.queue(), orders);
            counts.put(Topology.PAYMENTS.queue(), payments);
            int initialLive = api.get("/api/v1/status").path("totalLive").asInt();
            long t0 = System.currentTimeMillis();
            out.printf(
                    Locale.ROOT,
                    "publishing %d orders and %d payments at once (run %s), budget %d, weights 0.4/0.6%n%n",
                    orders,
                    payments,
                    runId,
                    budget);
            CompletableFuture<LoadGenerator.Result> load = publish(runId, counts);
            DemoObservations obs = new DemoObservations(queues, mins, budget, initialLive, t0);
            watch(api, obs, load, out);
            LoadGenerator.Result published = load.join();

            Map<String, Long> processed = processed(redis, keys, runId, counts);
            long lost =
                    counts.values().stream().mapToLong(Long::longValue).sum()
                            - processed.values().stream().mapToLong(Long::longValue).sum();
            boolean auditOn = processed.values().stream().anyMatch(v -> v > 0);
            Map<String, Object> summary = obs.summary();
            summary.put("runId", runId);
            summary.put("published", published.totalSent());
            summary.put("confirmed", published.confirmed());
            summary.put("processed", processed);
            summary.put("lost", auditOn ? lost : null);
            out.println(
                    json ? Json.write(summary) : System.lineSeparator() + render(summary, auditOn));
            boolean ok = published.complete() && (!auditOn || lost == 0) && obs.backToMinAt > 0;
            return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    /**
     * Budget and weights as the demo shows them: the budget shared 40/60, both queues empty.
     * Returns the mins.
     */
    private Map<String, Integer> prepare(ApiClient api) {
        JsonNode settings = api.get("/api/v1/settings");
        ((com.fasterxml.jackson.databind.node.ObjectNode) settings).put("maxTotalWorkers", budget);
        api.send("PUT", "/api/v1/settings", settings);
        Map<String, Integer> mins = new LinkedHashMap<>();
        for (Topology.QueueSpec q : Topology.SEED_QUEUES) {
            Policy p = currentPolicy(api, q.queue());
            Policy wanted =
                    (p == null ? Policy.defaults(q.defaultWeight()) : p)
                            .withWeight(q.defaultWeight())
                            .withPaused(false);
            api.send("PUT", PolicyCommand.path(q.queue()), wanted);
            mins.put(q.queue(), wanted.minWorkers());
            try {
                api.send("POST", "/api/v1/queues/" + q.queue() + "/purge", null);
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.NOT_FOUND) {
                    throw e;
                }
                // the queue does not exist yet: nothing to purge, its first worker declares it
            }
        }
        return mins;
    }

    private static boolean minimumLive(ApiClient api, Map<String, Integer> mins) {
        for (JsonNode q : api.get("/api/v1/status").path("queues")) {
            Integer min = mins.get(q.path("queue").asText());
            if (min != null && q.path("liveWorkers").asInt() < min) {
                return false;
            }
        }
        return true;
    }

    private static CompletableFuture<LoadGenerator.Result> publish(
            String runId, Map<String, Long> counts) {
        LoadGenerator generator =
                new LoadGenerator(
                        new LoadGenerator.Options(
                                LoadCommand.amqpUri(null),
                                runId,
                                42,
                                5000,
                                null,
                                Set.of(Topology.PAYMENTS.queue())));
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return generator.run(LoadPlan.counts(counts, 0));
                    } catch (Exception e) {
                        throw new CliException(
                                ExitCodes.UNREACHABLE, "publishing failed: " + e.getMessage());
                    }
                });
    }

    /**
     * The live table, once a second (in place on a terminal, every 5 s otherwise), until back to
     * min or the timeout.
     */
    private void watch(
            ApiClient api, DemoObservations obs, CompletableFuture<?> load, PrintStream out)
            throws InterruptedException {
        boolean inPlace = System.console() != null;
        int lines = 0;
        long deadline = obs.t0 + timeoutSeconds * 1000L;
        while (System.currentTimeMillis() < deadline && obs.backToMinAt == 0) {
            JsonNode s;
            try {
                s = api.get("/api/v1/status");
            } catch (CliException e) {
                Thread.sleep(1000);
                continue;
            }
            long now = System.currentTimeMillis();
            obs.add(now, s, load.isDone());
            String frame = frame(s, obs, now - obs.t0);
            if (inPlace) {
                if (lines > 0) {
                    out.print("\033[" + lines + "A");
                }
                for (String l : frame.split("\n")) {
                    out.print("\033[2K" + l + "\n");
                }
                lines = frame.split("\n").length;
            } else if ((now - obs.t0) / 1000 % 5 == 0) {
                out.print(frame);
            }
            out.flush();
            if (obs.backToMinAt == 0) {
                Thread.sleep(1000);
            }
        }
    }

    /** Per queue, how many of the run's ids the workers' audit set holds. */
    private static Map<String, Long> processed(
            JedisPooled redis, RedisKeys keys, String runId, Map<String, Long> counts) {
        Map<String, Long> processed = new LinkedHashMap<>();
        for (Map.Entry<String, Long> c : counts.entrySet()) {
            Set<String> seen = redis.smembers(keys.auditProcessed(c.getKey()));
            boolean payments = Topology.PAYMENTS.queue().equals(c.getKey());
            long found = 0;
            for (long i = 0; i < c.getValue(); i++) {
                if (seen.contains(
                        payments ? Payloads.paymentId(runId, i) : Payloads.orderId(runId, i))) {
                    found++;
                }
            }
            processed.put(c.getKey(), found);
        }
        return processed;
    }

    private static Policy currentPolicy(ApiClient api, String queue) {
        try {
            return Json.read(api.get(PolicyCommand.path(queue)).toString(), Policy.class);
        } catch (CliException e) {
            if (e.exitCode() == ExitCodes.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static String frame(JsonNode s, DemoObservations obs, long elapsed) {
        Table t = new Table("QUEUE", "READY", "UNACKED", "ACK/S", "TARGET", "LIVE", "PEAK");
        for (JsonNode q : s.path("queues")) {
            String name = q.path("queue").asText();
            t.row(
                    name,
                    q.path("ready").asLong(),
                    q.path("unacked").asLong(),
                    Format.rate(q.get("ackRate")),
                    q.path("target").asInt(),
                    q.path("liveWorkers").asInt(),
                    obs.peak.getOrDefault(name, 0));
        }
        return String.format(
                        Locale.ROOT,
                        "t+%5.1fs  budget %s  live %s  %s%n",
                        elapsed / 1000.0,
                        Format.text(s, "budget"),
                        Format.text(s, "totalLive"),
                        obs.phase())
                + t.render();
    }

    private static String render(Map<String, Object> s, boolean auditOn) {
        StringBuilder sb = new StringBuilder("summary\n");
        s.forEach(
                (k, v) -> {
                    if (!"lost".equals(k) || auditOn) {
                        sb.append(String.format(Locale.ROOT, "  %-26s %s%n", k, v));
                    }
                });
        if (!auditOn) {
            sb.append("  lost                       unknown (the processed-id audit is off)\n");
        }
        return sb.toString();
    }
}
