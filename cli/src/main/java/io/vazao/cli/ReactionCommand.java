package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.vazao.contract.Json;
import io.vazao.load.LoadGenerator;
import io.vazao.load.LoadPlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The measurement behind bench/reaction-time.sh: from an idle queue at its minimum, publish a burst
 * and time (a) the scaler starting an extra worker process (its STARTED event), (b) an extra
 * consumer attached to the queue (the broker's live consumer count, read by a passive declare,
 * which unlike the management statistics is not sampled every 5 s), and (c) the drain (no ready
 * message left).
 */
@Command(
        name = "reaction",
        hidden = true,
        description = "Reaction-time benchmark (see bench/reaction-time.sh).")
public final class ReactionCommand implements Callable<Integer> {

    @Mixin ApiOptions api;

    @Option(
            names = {"-Q", "--queue"},
            required = true,
            description = "the queue to burst (a queue with a policy and workers)")
    String queue;

    @Option(
            names = "--function",
            defaultValue = "processOrder",
            description = "processOrder or processPayment: which payload to publish")
    String function;

    @Option(names = "--runs", defaultValue = "10")
    int runs;

    @Option(names = "--burst", defaultValue = "5000")
    long burst;

    @Option(names = "--amqp-uri")
    String amqpUri;

    @Option(
            names = "--idle-timeout",
            defaultValue = "180",
            description = "seconds to wait for the queue to return to its minimum between runs")
    int idleTimeout;

    record Run(double startedS, double consumingS, double drainS) {}

    @Override
    public Integer call() throws Exception {
        ApiClient client = api.client();
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(LoadCommand.amqpUri(amqpUri));
        List<Run> results = new ArrayList<>();
        try (Connection c = f.newConnection("vazao-bench")) {
            Probe ch = new Probe(c);
            for (int i = 1; i <= runs; i++) {
                Run r = measure(client, ch, i);
                results.add(r);
                System.out.printf(
                        Locale.ROOT,
                        "run %2d: extra worker started %s s, consuming %s s, drained %s s%n",
                        i,
                        fmt(r.startedS()),
                        fmt(r.consumingS()),
                        fmt(r.drainS()));
            }
        }
        double[] consuming =
                results.stream()
                        .mapToDouble(Run::consumingS)
                        .filter(d -> d >= 0)
                        .sorted()
                        .toArray();
        printSummary(results);
        return consuming.length == runs ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /**
     * One burst from an idle queue: when the extra worker started, consumed, and the queue drained.
     */
    private Run measure(ApiClient client, Probe ch, int run) throws Exception {
        int min = waitIdle(client, ch);
        long t0 = System.currentTimeMillis();
        String runId = "bench" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(queue, burst);
        LoadGenerator g =
                new LoadGenerator(
                        new LoadGenerator.Options(
                                LoadCommand.amqpUri(amqpUri),
                                runId,
                                run,
                                10_000,
                                null,
                                "processPayment".equals(function) ? Set.of(queue) : Set.of()));
        CompletableFuture<LoadGenerator.Result> load =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return g.run(LoadPlan.counts(counts, 0));
                            } catch (Exception e) {
                                throw new CliException(
                                        ExitCodes.UNREACHABLE,
                                        "publishing failed: " + e.getMessage());
                            }
                        });
        long consuming = 0;
        long drained = 0;
        long deadline = t0 + 300_000;
        while (System.currentTimeMillis() < deadline
                && (consuming == 0 || drained == 0)
                && !(drained > 0 && System.currentTimeMillis() - drained > 30_000)) {
            var ok = ch.declare(queue);
            long now = System.currentTimeMillis();
            if (ok != null && consuming == 0 && ok.getConsumerCount() > min) {
                consuming = now;
            }
            if (ok != null && drained == 0 && load.isDone() && ok.getMessageCount() == 0) {
                drained = now;
            }
            Thread.sleep(50);
        }
        load.join();
        long started = firstStarted(client, t0);
        return new Run(secs(started, t0), secs(consuming, t0), secs(drained, t0));
    }

    private void printSummary(List<Run> results) {
        double[] started =
                results.stream().mapToDouble(Run::startedS).filter(d -> d >= 0).sorted().toArray();
        double[] consuming =
                results.stream()
                        .mapToDouble(Run::consumingS)
                        .filter(d -> d >= 0)
                        .sorted()
                        .toArray();
        double[] drain =
                results.stream().mapToDouble(Run::drainS).filter(d -> d >= 0).sorted().toArray();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("runs", runs);
        summary.put("burst", burst);
        summary.put("startedMedianS", median(started));
        summary.put("startedMaxS", max(started));
        summary.put("consumingMedianS", median(consuming));
        summary.put("consumingMaxS", max(consuming));
        summary.put("drainMedianS", median(drain));
        summary.put("drainMaxS", max(drain));
        System.out.println(
                api.json()
                        ? Json.write(summary)
                        : String.format(
                                Locale.ROOT,
                                "burst %d on %s, %d runs: extra worker started median %s s max %s s; consuming median %s s max %s s; drain median %s s max %s s",
                                burst,
                                queue,
                                runs,
                                fmt(median(started)),
                                fmt(max(started)),
                                fmt(median(consuming)),
                                fmt(max(consuming)),
                                fmt(median(drain)),
                                fmt(max(drain))));
    }

    /**
     * Waits until the queue is empty and has exactly its minimum of consumers; returns that
     * minimum.
     */
    /**
     * Passive declares on a channel that is reopened when the broker closes it (queue not there
     * yet).
     */
    static final class Probe {
        private final Connection connection;
        private Channel channel;

        Probe(Connection connection) {
            this.connection = connection;
        }

        com.rabbitmq.client.AMQP.Queue.DeclareOk declare(String queue) {
            try {
                if (channel == null || !channel.isOpen()) {
                    channel = connection.createChannel();
                }
                return channel.queueDeclarePassive(queue);
            } catch (IOException | RuntimeException e) {
                channel = null;
                return null;
            }
        }
    }

    private int waitIdle(ApiClient client, Probe ch) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + idleTimeout * 1000L;
        while (System.currentTimeMillis() < deadline) {
            JsonNode policy = client.get(PolicyCommand.path(queue));
            int min = policy.path("minWorkers").asInt(1);
            var ok = ch.declare(queue);
            if (ok != null && ok.getMessageCount() == 0 && ok.getConsumerCount() == min) {
                JsonNode status = client.get("/api/v1/status");
                for (JsonNode q : status.path("queues")) {
                    if (queue.equals(q.path("queue").asText()) && q.path("target").asInt() == min) {
                        return min;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new CliException(
                ExitCodes.CHECK_FAILED,
                queue + " did not return to its minimum within " + idleTimeout + " s");
    }

    private long firstStarted(ApiClient client, long t0) {
        JsonNode events = client.get("/api/v1/events?limit=200&queue=" + queue);
        long first = 0;
        for (JsonNode e : events.path("events")) {
            if ("started".equals(e.path("kind").asText()) && e.path("ts").asLong() >= t0) {
                long ts = e.path("ts").asLong();
                first = first == 0 ? ts : Math.min(first, ts);
            }
        }
        return first;
    }

    private static double secs(long at, long t0) {
        return at == 0 ? -1 : (at - t0) / 1000.0;
    }

    private static String fmt(double s) {
        return s < 0 ? "-" : String.format(Locale.ROOT, "%.2f", s);
    }

    static double median(double[] sorted) {
        if (sorted.length == 0) {
            return -1;
        }
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    static double max(double[] sorted) {
        return sorted.length == 0 ? -1 : Arrays.stream(sorted).max().orElse(-1);
    }
}
