package io.vazao.dashboard.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Path dir = Files.createDirectories(RunningSystem.OUT.resolve("screenshots"));
        Path target = dir.resolve(name + ".png");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
