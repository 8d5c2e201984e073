package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.BudgetShare;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the demo measures from the status samples. */
final class DemoObservations {
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

    DemoObservations(
            List<String> queues, Map<String, Integer> mins, int budget, int initialLive, long t0) {
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
        // Contention: every queue wants more than its share (the status's budget effect is SHORT).
        boolean contended = q.size() == queues.size();
        for (JsonNode n : s.path("queues")) {
            if (queues.contains(n.path("queue").asText())
                    && !BudgetShare.Effect.SHORT
                            .name()
                            .equals(n.path("budget").path("effect").asText())) {
                contended = false;
            }
        }
        if (contended) {
            targetSplits.add(
                    new int[] {(int) q.get(queues.get(0))[1], (int) q.get(queues.get(1))[1]});
            if (totalLive >= budget) {
                contention.add(
                        new int[] {(int) q.get(queues.get(0))[2], (int) q.get(queues.get(1))[2]});
            }
        }
        boolean empty = q.size() == queues.size() && q.values().stream().allMatch(v -> v[0] == 0);
        if (drainedAt == 0 && published && empty && !seen.isEmpty()) {
            drainedAt = now;
        }
        if (drainedAt > 0
                && backToMinAt == 0
                && q.entrySet().stream()
                        .allMatch(
                                e ->
                                        e.getValue()[2] <= mins.getOrDefault(e.getKey(), 1)
                                                && e.getValue()[1]
                                                        <= mins.getOrDefault(e.getKey(), 1))) {
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
        return String.format(
                Locale.ROOT,
                "%.1f/%.1f workers (%.0f%%/%.0f%%) over %d samples",
                a,
                b,
                100 * a / (a + b),
                100 * b / (a + b),
                samples.size());
    }

    private Double secs(long at) {
        return at == 0 ? null : Math.round((at - t0) / 100.0) / 10.0;
    }
}
