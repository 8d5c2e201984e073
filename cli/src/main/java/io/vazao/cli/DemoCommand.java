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
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
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

@Command(name = "demo", description = {
        "Burst beyond the budget and watch vazao share it 40/60, drain, and return to min; nothing lost.",
        "Brings the system up if needed, publishes the burst, shows queues, targets and workers live, then summarises:",
        "processed per queue, peak workers, the split under contention, time to drain, time back to min, lost messages.",
        "Leaves nothing running unless --keep."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--budget", defaultValue = "6", description = "worker budget (default ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--orders", defaultValue = "20000", description = "orders in the burst (default ${DEFAULT-VALUE})")
    long orders;

    @Option(names = "--payments", defaultValue = "20000", description = "payments in the burst (default ${DEFAULT-VALUE})")
    long payments;

    @Option(names = "--work-ms", defaultValue = "2", description = "work per message in ms (default ${DEFAULT-VALUE})")
    int workMs;

    @Option(names = "--keep", description = "leave the system running afterwards")
    boolean keep;

    @Option(names = "--port", defaultValue = "8080", description = "policy service port if the demo starts it (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--timeout", defaultValue = "600", description = "give up after this many seconds (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    /** One observation of the status endpoint during the run. */
    record Sample(long t, Map<String, long[]> queues) {
        // per queue: {depth, target, live}
    }

    @Override
    public Integer call() throws Exception {
        Home home = Home.detect();
        PrintStream out = System.out;
        boolean startedHere = false;
        if (Background.running(home.pid("policy-service")).isEmpty() || Background.running(home.pid("scaler")).isEmpty()) {
            UpCommand up = new UpCommand();
            up.port = port;
            up.timeoutSeconds = 240;
            up.env.put("VAZAO_AUDIT_ENABLED", "true");
            up.env.put("VAZAO_WORK_MEAN_MS", Integer.toString(workMs));
            up.env.put("VAZAO_WORK_DISTRIBUTION", "fixed");
            up.call();
            startedHere = true;
        } else {
            out.println("using the running system (the processed-id audit must be on for the lost count: up -e VAZAO_AUDIT_ENABLED=true)");
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
        URI url = ApiClient.resolveUrl(null, home);
        ApiClient api = new ApiClient(url, ApiClient.resolveToken());
        String prefix = ScalerCommand.keyPrefix(null);
        RedisKeys keys = new RedisKeys(prefix);
        List<String> queues = List.of(Topology.ORDERS.queue(), Topology.PAYMENTS.queue());

        // Budget and weights as the issue asks: 6 workers shared 40/60.
        JsonNode settings = api.get("/api/v1/settings");
        ((com.fasterxml.jackson.databind.node.ObjectNode) settings).put("maxTotalWorkers", budget);
        api.send("PUT", "/api/v1/settings", settings);
        Map<String, Integer> mins = new LinkedHashMap<>();
        for (Topology.QueueSpec q : Topology.SEED_QUEUES) {
            Policy p = currentPolicy(api, q.queue());
            Policy wanted = (p == null ? Policy.defaults(q.defaultWeight()) : p).withWeight(q.defaultWeight()).withPaused(false);
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
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            for (String q : queues) {
                redis.del(keys.auditProcessed(q));
            }
            out.println("waiting for the minimum workers to be live ...");
            Services.await(180_000, () -> {
                JsonNode s = api.get("/api/v1/status");
                for (JsonNode q : s.path("queues")) {
                    if (mins.containsKey(q.path("queue").asText()) && q.path("liveWorkers").asInt() < mins.get(q.path("queue").asText())) {
                        return false;
                    }
                }
                return true;
            });

            String runId = UUID.randomUUID().toString().substring(0, 8);
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put(Topology.ORDERS.queue(), orders);
            counts.put(Topology.PAYMENTS.queue(), payments);
            LoadGenerator generator = new LoadGenerator(new LoadGenerator.Options(LoadCommand.amqpUri(null), runId, 42, 5000,
                    null, Set.of(Topology.PAYMENTS.queue())));
            int initialLive = api.get("/api/v1/status").path("totalLive").asInt();
            long t0 = System.currentTimeMillis();
            out.printf(Locale.ROOT, "publishing %d orders and %d payments at once (run %s), budget %d, weights 0.4/0.6%n%n",
                    orders, payments, runId, budget);
            CompletableFuture<LoadGenerator.Result> load = CompletableFuture.supplyAsync(() -> {
                try {
                    return generator.run(LoadPlan.counts(counts, 0));
                } catch (Exception e) {
                    throw new CliException(ExitCodes.UNREACHABLE, "publishing failed: " + e.getMessage());
                }
            });

            Observations obs = new Observations(queues, mins, budget, initialLive, t0);
            boolean inPlace = System.console() != null;
            int lines = 0;
            long deadline = t0 + timeoutSeconds * 1000L;
            while (System.currentTimeMillis() < deadline) {
                JsonNode s;
                try {
                    s = api.get("/api/v1/status");
                } catch (CliException e) {
                    Thread.sleep(1000);
                    continue;
                }
                long now = System.currentTimeMillis();
                obs.add(now, s, load.isDone());
                String frame = frame(s, obs, now - t0);
                if (inPlace) {
                    if (lines > 0) {
                        out.print("\033[" + lines + "A");
                    }
                    for (String l : frame.split("\n")) {
                        out.print("\033[2K" + l + "\n");
                    }
                    lines = frame.split("\n").length;
                } else if ((now - t0) / 1000 % 5 == 0) {
                    out.print(frame);
                }
                out.flush();
                if (obs.backToMinAt > 0) {
                    break;
                }
                Thread.sleep(1000);
            }
            LoadGenerator.Result published = load.join();

            Map<String, Long> processed = new LinkedHashMap<>();
            long lost = 0;
            for (String q : queues) {
                Set<String> seen = redis.smembers(keys.auditProcessed(q));
                long n = counts.get(q);
                long missing = 0;
                for (long i = 0; i < n; i++) {
                    String id = Topology.PAYMENTS.queue().equals(q) ? Payloads.paymentId(runId, i) : Payloads.orderId(runId, i);
                    if (!seen.contains(id)) {
                        missing++;
                    }
                }
                processed.put(q, n - missing);
                lost += missing;
            }
            boolean auditOn = processed.values().stream().anyMatch(v -> v > 0);
            Map<String, Object> summary = obs.summary();
            summary.put("runId", runId);
            summary.put("published", published.totalSent());
            summary.put("confirmed", published.confirmed());
            summary.put("processed", processed);
            summary.put("lost", auditOn ? lost : null);
            if (json) {
                out.println(Json.write(summary));
            } else {
                out.println();
                out.println(render(summary, auditOn));
            }
            boolean ok = published.complete() && (!auditOn || lost == 0) && obs.backToMinAt > 0;
            return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
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

    private static String frame(JsonNode s, Observations obs, long elapsed) {
        Table t = new Table("QUEUE", "READY", "UNACKED", "ACK/S", "TARGET", "LIVE", "PEAK");
        for (JsonNode q : s.path("queues")) {
            String name = q.path("queue").asText();
            t.row(name, q.path("ready").asLong(), q.path("unacked").asLong(), Format.rate(q.get("ackRate")),
                    q.path("target").asInt(), q.path("liveWorkers").asInt(), obs.peak.getOrDefault(name, 0));
        }
        return String.format(Locale.ROOT, "t+%5.1fs  budget %s  live %s  %s%n", elapsed / 1000.0, Format.text(s, "budget"),
                Format.text(s, "totalLive"), obs.phase()) + t.render();
    }

    private static String render(Map<String, Object> s, boolean auditOn) {
        StringBuilder sb = new StringBuilder("summary\n");
        s.forEach((k, v) -> {
            if (!"lost".equals(k) || auditOn) {
                sb.append(String.format(Locale.ROOT, "  %-26s %s%n", k, v));
            }
        });
        if (!auditOn) {
            sb.append("  lost                       unknown (the processed-id audit is off)\n");
        }
        return sb.toString();
    }

    /** What the demo measures from the status samples. */
    static final class Observations {
        final List<String> queues;
        final Map<String, Integer> mins;
        final int budget;
        final int initialLive;
        final long t0;
        final Map<String, Integer> peak = new LinkedHashMap<>();
        int maxTotalLive;
        long firstTargetUpAt;
        long firstExtraLiveAt;
        long drainedAt;
        long backToMinAt;
        final List<int[]> contention = new ArrayList<>();
        final List<int[]> targetSplits = new ArrayList<>();
        final Set<String> seen = new HashSet<>();

        Observations(List<String> queues, Map<String, Integer> mins, int budget, int initialLive, long t0) {
            this.queues = queues;
            this.mins = mins;
            this.budget = budget;
            this.initialLive = initialLive;
            this.t0 = t0;
        }

        void add(long now, JsonNode s, boolean published) {
            int totalLive = s.path("totalLive").asInt();
            maxTotalLive = Math.max(maxTotalLive, totalLive);
            if (firstExtraLiveAt == 0 && totalLive > initialLive) {
                firstExtraLiveAt = now;
            }
            if (firstTargetUpAt == 0 && s.path("totalTarget").asInt() > initialLive) {
                firstTargetUpAt = now;
            }
            Map<String, long[]> q = new LinkedHashMap<>();
            for (JsonNode n : s.path("queues")) {
                String name = n.path("queue").asText();
                if (!queues.contains(name)) {
                    continue;
                }
                long depth = n.path("ready").asLong() + n.path("unacked").asLong();
                int live = n.path("liveWorkers").asInt();
                q.put(name, new long[] {depth, n.path("target").asInt(), live});
                peak.merge(name, live, Math::max);
                if (depth > 0) {
                    seen.add(name);
                }
            }
            // Contention: every queue wants more than its share (the engine's reason says "budget … short").
            boolean contended = q.size() == queues.size();
            for (JsonNode n : s.path("queues")) {
                if (queues.contains(n.path("queue").asText()) && !n.path("reason").asText("").contains("short")) {
                    contended = false;
                }
            }
            if (contended) {
                targetSplits.add(new int[] {(int) q.get(queues.get(0))[1], (int) q.get(queues.get(1))[1]});
                if (totalLive >= budget) {
                    contention.add(new int[] {(int) q.get(queues.get(0))[2], (int) q.get(queues.get(1))[2]});
                }
            }
            boolean empty = q.size() == queues.size() && q.values().stream().allMatch(v -> v[0] == 0);
            if (drainedAt == 0 && published && empty && !seen.isEmpty()) {
                drainedAt = now;
            }
            if (drainedAt > 0 && backToMinAt == 0 && q.entrySet().stream()
                    .allMatch(e -> e.getValue()[2] <= mins.getOrDefault(e.getKey(), 1) && e.getValue()[1] <= mins.getOrDefault(e.getKey(), 1))) {
                backToMinAt = now;
            }
        }

        String phase() {
            if (backToMinAt > 0) return "back to min";
            if (drainedAt > 0) return "drained, scaling down";
            if (firstExtraLiveAt > 0) return "draining";
            return "reacting";
        }

        Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("peakWorkers", peak);
            m.put("maxTotalLive", maxTotalLive);
            m.put("budget", budget);
            m.put("targetUpAfterSeconds", secs(firstTargetUpAt));
            m.put("extraWorkerLiveAfterSeconds", secs(firstExtraLiveAt));
            m.put("targetSplitUnderContention", split(targetSplits));
            m.put("liveSplitUnderContention", split(contention));
            m.put("drainSeconds", secs(drainedAt));
            m.put("backToMinSeconds", secs(backToMinAt));
            return m;
        }

        private static String split(List<int[]> samples) {
            if (samples.isEmpty()) {
                return "not observed (both queues never wanted more than their share at once)";
            }
            double a = samples.stream().mapToInt(c -> c[0]).average().orElse(0);
            double b = samples.stream().mapToInt(c -> c[1]).average().orElse(0);
            return String.format(Locale.ROOT, "%.1f/%.1f workers (%.0f%%/%.0f%%) over %d samples",
                    a, b, 100 * a / (a + b), 100 * b / (a + b), samples.size());
        }

        private Double secs(long at) {
            return at == 0 ? null : Math.round((at - t0) / 100.0) / 10.0;
        }
    }
}
