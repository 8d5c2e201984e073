package io.vazao.chaos;

import io.vazao.contract.RedisKeys;
import io.vazao.load.LoadGenerator;
import io.vazao.load.LoadPlan;
import io.vazao.load.Payloads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.JedisPooled;

/**
 * One run's messages on the two queues and what the audit (in a Redis of its own) says about them:
 * processed distinct ids of this run, duplicates (an id processed again), lost ids.
 */
final class Drain {

    final String runId;
    final Map<String, Long> published = new LinkedHashMap<>();
    private final String amqpUri;
    private final String payments;
    private final RedisKeys keys;
    private final JedisPooled audit;
    private final Map<String, Long> baseline = new LinkedHashMap<>();
    private final Map<String, Long> duplicatesBefore = new LinkedHashMap<>();
    private final Map<String, List<String>> ids = new LinkedHashMap<>();
    private int batches;

    Drain(
            String runId,
            String amqpUri,
            List<String> queues,
            String payments,
            RedisKeys keys,
            JedisPooled audit) {
        this.runId = runId;
        this.amqpUri = amqpUri;
        this.payments = payments;
        this.keys = keys;
        this.audit = audit;
        for (String q : queues) {
            baseline.put(q, audit.scard(keys.auditProcessed(q)));
            duplicatesBefore.put(q, duplicates(q));
            published.put(q, 0L);
            ids.put(q, new ArrayList<>());
        }
    }

    /**
     * Publishes {@code n} more messages to each queue (or to the given ones) with publisher
     * confirms.
     */
    void publish(long n, Set<String> queues) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String q : queues) {
            counts.put(q, n);
        }
        String batchRun = runId + "b" + batches++;
        LoadGenerator.Result r =
                new LoadGenerator(
                                new LoadGenerator.Options(
                                        amqpUri, batchRun, 7, 2_000, null, Set.of(payments)))
                        .run(LoadPlan.counts(counts, 0));
        if (!r.complete()) {
            throw new IllegalStateException("publish incomplete: " + r.summary());
        }
        for (String q : queues) {
            published.merge(q, n, Long::sum);
            ids.get(q).addAll(idsOf(batchRun, n, q.equals(payments)));
        }
    }

    private static List<String> idsOf(String run, long n, boolean payment) {
        List<String> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(payment ? Payloads.paymentId(run, i) : Payloads.orderId(run, i));
        }
        return out;
    }

    /** Processed ids since this run began (cheap: the set's growth). */
    long processed(String queue) {
        return audit.scard(keys.auditProcessed(queue)) - baseline.get(queue);
    }

    long duplicates(String queue) {
        String v = audit.get(keys.auditDuplicates(queue));
        return v == null ? 0 : Long.parseLong(v);
    }

    long duplicatesSinceStart() {
        return baseline.keySet().stream()
                .mapToLong(q -> duplicates(q) - duplicatesBefore.get(q))
                .sum();
    }

    /** Ids of this run that the audit has not seen. */
    long missing(String queue) {
        List<String> all = ids.get(queue);
        long missing = 0;
        for (int from = 0; from < all.size(); from += 1_000) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 1_000));
            missing +=
                    audit
                            .smismember(keys.auditProcessed(queue), chunk.toArray(String[]::new))
                            .stream()
                            .filter(b -> !b)
                            .count();
        }
        return missing;
    }

    long totalPublished() {
        return published.values().stream().mapToLong(Long::longValue).sum();
    }
}
