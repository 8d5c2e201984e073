package io.vazao.dashboard.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real Prometheus, configured from the shipped {@code deploy/prometheus/prometheus.yml} pointed
 * at the running system, scrapes the policy service, the workers it lists in the file_sd target
 * file and RabbitMQ; the shipped alert rules and every Grafana query run against what it scraped.
 */
@ExtendWith(RunningSystemExtension.class)
class PrometheusScrapeTest {

    private static final Duration SCRAPED = Duration.ofSeconds(90);

    @Test
    void prometheusScrapesTheRunningSystem(RunningSystem system) throws Exception {
        if (system.workers().stream().noneMatch(w -> w.alive())) {
            system.startWorker(system.queueA);
        }
        Path dir =
                Files.createDirectories(
                        system.workDir.resolve("prometheus-" + RunningSystem.freePort()));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, configFor(system));

        try (PrometheusProcess prometheus =
                PrometheusProcess.start(
                        config, dir.resolve("data"), dir.resolve("prometheus.log"))) {
            String both =
                    "vazao_target_workers{queue=~\"" + system.queueA + "|" + system.queueB + "\"}";
            await("target gauge of both queues")
                    .atMost(SCRAPED)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () ->
                                    queues(prometheus.vector(both))
                                            .equals(
                                                    new TreeSet<>(
                                                            Set.of(system.queueA, system.queueB))));
            for (JsonNode series : prometheus.vector(both)) {
                int target = Integer.parseInt(series.path("value").get(1).asText());
                assertTrue(target >= 0, series.toString());
            }

            await("policy service up")
                    .atMost(SCRAPED)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> prometheus.vector("up{job=\"vazao-policy\"} == 1").size() == 1);

            await("a worker found through the file_sd file and scraped")
                    .atMost(SCRAPED)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () ->
                                    !prometheus
                                            .vector(
                                                    "up{job=\"vazao-workers\", queue=\""
                                                            + system.queueA
                                                            + "\"} == 1")
                                            .isEmpty());

            Set<String> referenced = referencedMetricNames();
            await("every vazao metric the rules and the board use is scraped")
                    .atMost(SCRAPED)
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(
                            () ->
                                    assertEquals(
                                            Set.of(),
                                            missing(referenced, prometheus.metricNames())));

            await("RabbitMQ scraped")
                    .atMost(SCRAPED)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> prometheus.vector("up{job=\"rabbitmq\"} == 1").size() == 1);

            await("the shipped alert rules evaluated without error")
                    .atMost(SCRAPED)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> evaluatedRules(prometheus.rules()) == 7);
            for (JsonNode group : prometheus.rules()) {
                for (JsonNode rule : group.path("rules")) {
                    assertEquals("ok", rule.path("health").asText(), rule.toString());
                }
            }

            List<String> failures = new ArrayList<>();
            for (String expr : grafanaQueries()) {
                JsonNode reply = prometheus.query(expr);
                if (!"success".equals(reply.path("status").asText())) {
                    failures.add(expr + " -> " + reply.path("error").asText());
                }
            }
            assertEquals(List.of(), failures, "Grafana queries Prometheus rejects");
        }
    }

    /** The shipped configuration with its addresses, paths and intervals pointed at this run. */
    static String configFor(RunningSystem system) throws Exception {
        Path shipped = RunningSystem.ROOT.resolve("deploy/prometheus/prometheus.yml");
        String text = Files.readString(shipped);
        String out = replaceOnce(text, "scrape_interval: 5s", "scrape_interval: 1s");
        out = replaceOnce(out, "evaluation_interval: 5s", "evaluation_interval: 1s");
        out =
                replaceOnce(
                        out,
                        "- rules/vazao-alerts.yml",
                        "- "
                                + RunningSystem.ROOT.resolve(
                                        "deploy/prometheus/rules/vazao-alerts.yml"));
        out = replaceOnce(out, "'127.0.0.1:8080'", "'127.0.0.1:" + system.port + "'");
        out = replaceOnce(out, "'../../.vazao/prometheus/workers.json'", "'" + system.fileSd + "'");
        out = replaceOnce(out, "refresh_interval: 10s", "refresh_interval: 1s");
        return out;
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        assertNotEquals(-1, at, "the shipped prometheus.yml no longer contains " + from);
        assertEquals(
                at, text.lastIndexOf(from), "the shipped prometheus.yml contains twice " + from);
        return text.replace(from, to);
    }

    /** Every {@code vazao_*} series name the shipped alert rules and Grafana board query. */
    static Set<String> referencedMetricNames() throws Exception {
        String text =
                Files.readString(
                                RunningSystem.ROOT.resolve(
                                        "deploy/prometheus/rules/vazao-alerts.yml"))
                        + Files.readString(
                                RunningSystem.ROOT.resolve("deploy/grafana/vazao-dashboard.json"));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\bvazao_[a-z_]+").matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        assertTrue(names.size() >= 15, names.toString());
        return names;
    }

    private static Set<String> missing(Set<String> wanted, Set<String> present) {
        Set<String> out = new TreeSet<>(wanted);
        out.removeAll(present);
        return out;
    }

    private static Set<String> queues(JsonNode vector) {
        Set<String> names = new TreeSet<>();
        vector.forEach(s -> names.add(s.path("metric").path("queue").asText()));
        return names;
    }

    private static int evaluatedRules(JsonNode groups) {
        int n = 0;
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                if (!rule.path("lastEvaluation").asText("").startsWith("0001-")) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Every panel query of the Grafana board, with the board's variables filled in. */
    static List<String> grafanaQueries() throws Exception {
        JsonNode board =
                Json.mapper()
                        .readTree(
                                RunningSystem.ROOT
                                        .resolve("deploy/grafana/vazao-dashboard.json")
                                        .toFile());
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : board.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(
                        target.path("expr")
                                .asText()
                                .replace("$queue", ".*")
                                .replace("$__rate_interval", "1m")
                                .replace("$__interval", "15s"));
            }
        }
        for (JsonNode annotation : board.path("annotations").path("list")) {
            exprs.add(annotation.path("expr").asText().replace("$queue", ".*"));
        }
        return exprs;
    }
}
