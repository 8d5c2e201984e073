package io.vazao.dashboard.e2e;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both paths are given
 * explicitly so Selenium never looks for (or downloads) a browser or a driver of its own.
 */
final class Browser {

    static final String CHROMIUM = System.getProperty("vazao.e2e.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER =
            System.getProperty("vazao.e2e.chromedriver", "/usr/bin/chromedriver");

    private Browser() {}

    static ChromeDriver start(Path profileDir, Path logDir) throws IOException {
        Files.createDirectories(profileDir);
        Files.createDirectories(logDir);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER))
                        .usingAnyFreePort()
                        .withLogFile(logDir.resolve("chromedriver.log").toFile())
                        .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--window-size=1400,2000",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        return new ChromeDriver(service, options);
    }

    /** Chromium with the profile {@code profile} in the run's folder, logging with the others. */
    static ChromeDriver start(RunningSystem system, String profile) throws IOException {
        return start(system.workDir.resolve(profile), RunningSystem.OUT.resolve("e2e-logs"));
    }

    /**
     * Opens the login form at {@code loginUrl} and, once it is there, signs in with {@code token}.
     */
    static void signIn(ChromeDriver driver, String loginUrl, String token, Duration within) {
        driver.get(loginUrl);
        await("login form at " + loginUrl)
                .atMost(within)
                .until(() -> !driver.findElements(By.id("token")).isEmpty());
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.id("login-submit")).click();
    }

    static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Path dir = Files.createDirectories(RunningSystem.OUT.resolve("screenshots"));
        Path target = dir.resolve(name + ".png");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
