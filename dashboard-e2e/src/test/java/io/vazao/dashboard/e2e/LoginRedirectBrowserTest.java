package io.vazao.dashboard.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A phishing link to the login page with a redirect payload in {@code next=}: after signing in, the
 * browser must stay on the dashboard's origin (browsers read {@code /\evil.example} as {@code
 * //evil.example}, another host).
 */
@ExtendWith(RunningSystemExtension.class)
class LoginRedirectBrowserTest {

    static final Duration UI = Duration.ofSeconds(30);
    static final List<String> PAYLOADS =
            List.of(
                    "/%5Cevil.example",
                    "/%5cevil.example",
                    "//evil.example",
                    "/%2F%2Fevil.example",
                    "https://evil.example/",
                    "%2F%5Cevil.example",
                    "/%09/evil.example");

    @Test
    void signingInThroughARedirectPayloadStaysOnTheDashboardsOrigin(RunningSystem system)
            throws Exception {
        ChromeDriver driver = Browser.start(system, "chromium-profile-redirect");
        try {
            // Each sign-in leaves a dashboard whose two event streams must close with it: a browser
            // keeps about six connections per host, so streams left open stall the fourth page load
            // until one times out (58 s), which a page that loads in under a second never needs.
            driver.manage().timeouts().pageLoadTimeout(UI);
            URI dashboard = URI.create(system.baseUrl);
            for (String payload : PAYLOADS) {
                driver.manage().deleteAllCookies();
                Browser.signIn(
                        driver, system.baseUrl + "/login.html?next=" + payload, system.token, UI);
                await("left the login page for " + payload)
                        .atMost(UI)
                        .until(() -> !driver.getCurrentUrl().contains("/login.html"));
                URI landed = URI.create(driver.getCurrentUrl());
                assertTrue(
                        dashboard.getHost().equals(landed.getHost())
                                && dashboard.getPort() == landed.getPort()
                                && "http".equals(landed.getScheme()),
                        "next=" + payload + " led to " + landed);
                await("dashboard shown for " + payload)
                        .atMost(UI)
                        .ignoreExceptions()
                        .until(
                                () ->
                                        !driver.findElements(
                                                        By.cssSelector(
                                                                "#queues tr[data-queue='"
                                                                        + system.queueA
                                                                        + "']"))
                                                .isEmpty());
            }
            // A same-origin page still works as the target.
            driver.manage().deleteAllCookies();
            Browser.signIn(
                    driver,
                    system.baseUrl + "/login.html?next=%2Findex.html%3Fx%3D1",
                    system.token,
                    UI);
            await("back on the requested page")
                    .atMost(UI)
                    .until(() -> driver.getCurrentUrl().equals(system.baseUrl + "/index.html?x=1"));
            Browser.screenshot(driver, "login-redirect");
        } finally {
            driver.quit();
        }
    }
}
