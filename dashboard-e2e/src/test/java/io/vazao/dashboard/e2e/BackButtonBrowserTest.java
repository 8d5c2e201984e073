package io.vazao.dashboard.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Leaving the dashboard closes its event streams; coming back with the browser's Back button must
 * open them again, whether the browser restores the page from its back/forward cache (the same
 * page, streams closed on the way out) or loads it afresh.
 */
@ExtendWith(RunningSystemExtension.class)
class BackButtonBrowserTest {

    static final Duration UI = Duration.ofSeconds(30);

    @Test
    void theDashboardIsLiveAgainAfterTheBackButton(RunningSystem system) throws Exception {
        ChromeDriver driver = Browser.start(system, "chromium-profile-back");
        try {
            driver.manage().timeouts().pageLoadTimeout(UI);
            Browser.signIn(driver, system.baseUrl + "/login.html", system.token, UI);
            await("live").atMost(UI).until(() -> conn(driver).equals("live"));
            // Marks this page: the mark survives a restore from the cache, not a fresh load.
            driver.executeScript(
                    "window.__vazaoPage = 'first';"
                            + " document.getElementById('conn').textContent = 'left';");
            driver.get(system.baseUrl + "/login.html");
            await("left the dashboard")
                    .atMost(UI)
                    .until(() -> !driver.findElements(By.id("token")).isEmpty());
            driver.navigate().back();
            await("live again after Back")
                    .atMost(UI)
                    .ignoreExceptions()
                    .until(() -> conn(driver).equals("live"));
            Object restored = driver.executeScript("return window.__vazaoPage || 'reloaded';");
            System.out.printf("back-button: dashboard %s, live again%n", restored);
        } finally {
            driver.quit();
        }
    }

    private static String conn(ChromeDriver driver) {
        return driver.findElement(By.id("conn")).getText();
    }
}
