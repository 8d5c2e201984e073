package io.vazao.dashboard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped Prometheus and Grafana files are valid as the tools themselves judge them. */
class ShippedPrometheusFilesTest {

    private static final Path PROMETHEUS = RunningSystem.ROOT.resolve("deploy/prometheus");

    @Test
    void promtoolAcceptsTheScrapeConfiguration() throws Exception {
        Promtool.Result r = Promtool.run(PROMETHEUS, "check", "config", "prometheus.yml");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS: 1 rule files found"), r.output());
    }

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        Promtool.Result r = Promtool.run(PROMETHEUS, "check", "rules", "rules/vazao-alerts.yml");
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void everyAlertFiresWhenItShouldAndNotBefore() throws Exception {
        Promtool.Result r =
                Promtool.run(PROMETHEUS, "test", "rules", "tests/vazao-alerts.test.yml");
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void grafanaBoardIsWellFormed() throws Exception {
        JsonNode board =
                Json.mapper()
                        .readTree(
                                RunningSystem.ROOT
                                        .resolve("deploy/grafana/vazao-dashboard.json")
                                        .toFile());
        assertEquals("vazao-overview", board.path("uid").asText());
        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : board.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate panel id " + panel.path("id"));
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertEquals(
                    "${datasource}",
                    panel.path("datasource").path("uid").asText(),
                    panel.path("title").asText());
            assertFalse(
                    panel.path("targets").isEmpty(),
                    "panel without a query: " + panel.path("title"));
            for (JsonNode target : panel.path("targets")) {
                assertFalse(target.path("expr").asText().isBlank(), panel.path("title").asText());
                queries++;
            }
        }
        assertTrue(
                queries >= 10,
                "the board shows queues, scaling, workers and DLQs: " + queries + " queries");
    }
}
