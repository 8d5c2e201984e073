package io.vazao.policy.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vazao.policy.dashboard.DashboardPaths.Access;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DashboardPathsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/, PAGE",
        "/index.html, PAGE",
        "/app/dashboard.js, ASSET",
        "/app/vendor/uplot/uPlot.iife.min.js, ASSET",
        "/app, ASSET",
        "/login.html, OTHER",
        "/assets/login.js, OTHER",
        "/assets/base.css, OTHER",
        "/api/v1/status, OTHER",
        "/q/metrics, OTHER",
        "/q/health, OTHER",
        "/application.js, OTHER",
    })
    void classifies(String path, Access expected) {
        assertEquals(expected, DashboardPaths.classify(path));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/, /login.html?next=%2F",
        "/index.html, /login.html?next=%2F",
        "/app/dashboard.js, /login.html?next=%2Fapp%2Fdashboard.js",
    })
    void sendsBrowsersToTheLoginPage(String path, String expected) {
        assertEquals(expected, DashboardPaths.loginLocation(path));
    }
}
