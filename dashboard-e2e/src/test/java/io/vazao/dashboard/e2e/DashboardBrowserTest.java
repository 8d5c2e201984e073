package io.vazao.dashboard.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in headless Chromium against the running system: sign in, see both queues, publish
 * a burst and watch target and live workers rise without a reload, edit a weight, get a validation
 * error next to the field, and keep screenshots under {@code target/screenshots/}.
 */
@ExtendWith(RunningSystemExtension.class)
class DashboardBrowserTest {

    private static final Duration LIVE = Duration.ofSeconds(150);
    private static final Duration UI = Duration.ofSeconds(30);

    @Test
    void operatorWatchesScalingAndEditsAPolicy(RunningSystem system) throws Exception {
        ChromeDriver driver = Browser.start(system, "chromium-profile");
        boolean passed = false;
        try {
            // Not signed in: the page sends the browser to the login form.
            driver.get(system.baseUrl + "/");
            await("login page")
                    .atMost(UI)
                    .until(() -> driver.getCurrentUrl().contains("/login.html"));
            driver.findElement(By.id("token")).sendKeys("not-the-token");
            driver.findElement(By.id("login-submit")).click();
            await("wrong token refused")
                    .atMost(UI)
                    .until(() -> driver.findElement(By.id("login-error")).isDisplayed());
            driver.findElement(By.id("token")).clear();
            driver.findElement(By.id("token")).sendKeys(system.token);
            driver.findElement(By.id("login-submit")).click();

            await("both queues on the page")
                    .atMost(UI)
                    .ignoreExceptions()
                    .until(
                            () ->
                                    cell(driver, system.queueA, "queue").equals(system.queueA)
                                            && cell(driver, system.queueB, "queue")
                                                    .equals(system.queueB));
            assertFalse(driver.getCurrentUrl().contains("login"));
            // Survives only as long as the page is not reloaded.
            driver.executeScript("window.__vazaoNoReload = 'first-load';");

            int targetA = number(driver, system.queueA, "target");
            int targetB = number(driver, system.queueB, "target");
            int liveA = number(driver, system.queueA, "live");
            int liveB = number(driver, system.queueB, "live");

            system.publish(system.queueA, 3000);
            system.publish(system.queueB, 3000);
            await("targets rise on the page")
                    .atMost(LIVE)
                    .ignoreExceptions()
                    .until(
                            () ->
                                    number(driver, system.queueA, "target") > targetA
                                            && number(driver, system.queueB, "target") > targetB);
            await("the backlog shows")
                    .atMost(UI)
                    .ignoreExceptions()
                    .until(
                            () ->
                                    number(driver, system.queueA, "ready")
                                                    + number(driver, system.queueA, "unacked")
                                            > 0);

            // The test plays the local scaler's part: one more real worker per queue.
            system.startWorker(system.queueA);
            system.startWorker(system.queueB);
            await("live workers rise on the page")
                    .atMost(LIVE)
                    .ignoreExceptions()
                    .until(
                            () ->
                                    number(driver, system.queueA, "live") > liveA
                                            && number(driver, system.queueB, "live") > liveB);
            await("workers listed")
                    .atMost(UI)
                    .ignoreExceptions()
                    .until(
                            () ->
                                    !driver.findElements(
                                                            By.cssSelector(
                                                                    "#workers tr[data-queue='"
                                                                            + system.queueA
                                                                            + "']"))
                                                    .isEmpty()
                                            && !driver.findElements(
                                                            By.cssSelector(
                                                                    "#workers tr[data-queue='"
                                                                            + system.queueB
                                                                            + "']"))
                                                    .isEmpty());
            await("scale-up events with reasons in the timeline")
                    .atMost(UI)
                    .ignoreExceptions()
                    .until(
                            () -> {
                                List<WebElement> ups =
                                        driver.findElements(
                                                By.cssSelector(
                                                        "#events li[data-kind='scale_up'][data-queue='"
                                                                + system.queueA
                                                                + "'] .reason"));
                                return !ups.isEmpty() && !ups.get(0).getText().isBlank();
                            });
            assertFalse(
                    driver.findElements(By.cssSelector("#scaling-chart canvas")).isEmpty(),
                    "targets chart drawn");
            assertFalse(
                    driver.findElements(
                                    By.cssSelector(
                                            ".chart-card[data-queue='"
                                                    + system.queueA
                                                    + "'] canvas"))
                            .isEmpty(),
                    "queue history chart drawn");
            assertEquals(
                    "first-load",
                    driver.executeScript("return window.__vazaoNoReload;"),
                    "the page was reloaded");
            Browser.screenshot(driver, "dashboard-scaling");

            // Edit the weight of queue A.
            new Select(driver.findElement(By.id("policy-queue"))).selectByValue(system.queueA);
            setField(driver, "policy-weight", "0.7");
            driver.findElement(By.id("policy-save")).click();
            await("saved")
                    .atMost(UI)
                    .until(() -> driver.findElement(By.id("policy-saved")).isDisplayed());
            await("weight stored")
                    .atMost(UI)
                    .until(() -> system.policyOf(system.queueA).path("weight").asDouble() == 0.7);
            await("weight shown")
                    .atMost(UI)
                    .ignoreExceptions()
                    .until(() -> cell(driver, system.queueA, "weight").equals("0.7"));

            // A value the API refuses: its violation is shown next to the field, nothing is
            // written.
            setField(driver, "policy-weight", "-1");
            driver.findElement(By.id("policy-save")).click();
            WebElement weightError =
                    driver.findElement(
                            By.cssSelector("#policy-form .field-error[data-field='weight']"));
            await("validation error next to the weight")
                    .atMost(UI)
                    .until(() -> weightError.isDisplayed() && !weightError.getText().isBlank());
            assertTrue(
                    driver.findElement(By.id("policy-weight"))
                            .getDomAttribute("class")
                            .contains("invalid"));
            assertEquals(0.7, system.policyOf(system.queueA).path("weight").asDouble());
            Browser.screenshot(driver, "dashboard-validation-error");

            // A cross-field rule lands next to the field the API names.
            setField(driver, "policy-weight", "0.7");
            setField(driver, "policy-min", "5");
            setField(driver, "policy-max", "2");
            driver.findElement(By.id("policy-save")).click();
            await("min/max violation shown")
                    .atMost(UI)
                    .until(
                            () ->
                                    driver
                                            .findElements(
                                                    By.cssSelector("#policy-form .field-error"))
                                            .stream()
                                            .anyMatch(
                                                    e ->
                                                            e.isDisplayed()
                                                                    && !e.getText().isBlank()
                                                                    && List.of(
                                                                                    "minWorkers",
                                                                                    "maxWorkers")
                                                                            .contains(
                                                                                    e
                                                                                            .getDomAttribute(
                                                                                                    "data-field"))));
            assertEquals(1, system.policyOf(system.queueA).path("minWorkers").asInt());

            // Pause, resume and purge (after the confirmation dialog) queue B from the editor.
            new Select(driver.findElement(By.id("policy-queue"))).selectByValue(system.queueB);
            driver.findElement(By.id("policy-pause")).click();
            await("paused")
                    .atMost(UI)
                    .until(() -> system.policyOf(system.queueB).path("paused").asBoolean());
            await("shown paused")
                    .atMost(UI)
                    .ignoreExceptions()
                    .until(() -> cell(driver, system.queueB, "state").equals("paused"));
            driver.findElement(By.id("policy-resume")).click();
            await("resumed")
                    .atMost(UI)
                    .until(() -> !system.policyOf(system.queueB).path("paused").asBoolean());
            driver.findElement(By.id("policy-purge")).click();
            await("confirmation asked")
                    .atMost(UI)
                    .until(() -> driver.findElement(By.id("purge-dialog")).isDisplayed());
            assertEquals(system.queueB, driver.findElement(By.id("purge-queue")).getText());
            driver.findElement(By.id("purge-confirm")).click();
            await("purged")
                    .atMost(UI)
                    .until(
                            () ->
                                    driver.findElement(By.id("policy-saved"))
                                            .getText()
                                            .startsWith("purged"));

            assertEquals(
                    "first-load",
                    driver.executeScript("return window.__vazaoNoReload;"),
                    "the page was reloaded");
            assertTrue(Files.size(Browser.screenshot(driver, "dashboard")) > 10_000);
            passed = true;
        } finally {
            if (!passed) {
                try {
                    Browser.screenshot(driver, "dashboard-failure");
                } catch (Exception e) {
                    System.err.println("no failure screenshot: " + e.getMessage());
                }
            }
            driver.quit();
        }
    }

    private static String cell(ChromeDriver driver, String queue, String column) {
        return driver.findElement(
                        By.cssSelector("#queues tr[data-queue='" + queue + "'] td." + column))
                .getText()
                .trim();
    }

    private static int number(ChromeDriver driver, String queue, String column) {
        return Integer.parseInt(cell(driver, queue, column));
    }

    /**
     * Replaces a field's text as a user does, with keystrokes: WebElement.clear() fires no input
     * event, so the page would not know the form is being edited, and a status update arriving
     * between the clear and the typing would fill the field again ("0.4" + "0.7" = "0.40.7").
     */
    private static void setField(ChromeDriver driver, String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
    }
}
