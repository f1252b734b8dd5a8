package io.brique.core.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium (Debian's {@code chromium} and {@code chromedriver}, never a downloaded
 * browser) driven by Selenium. When they are missing: {@code BRIQUE_TEST_BROWSER=required} (CI)
 * fails the test, otherwise it is aborted with a loud message.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = env("BRIQUE_TEST_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = env("BRIQUE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser open() {
        return open(new String[0]);
    }

    /** With extra Chromium arguments, e.g. {@code --user-agent=...} (also used by beacons sent while a page unloads). */
    public static Browser open(String... extraArguments) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            String msg = "Chromium or ChromeDriver not found (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install chromium chromium-driver";
            if ("required".equals(System.getenv("BRIQUE_TEST_BROWSER"))) {
                Assertions.fail(msg);
            }
            System.err.println("\n*** SKIPPING browser test: " + msg + "\n");
            Assumptions.abort(msg);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,1000", "--lang=fr-FR");
        options.addArguments(extraArguments);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        return new Browser(driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Waits until an element matching {@code by} is on the page (each look waits up to the driver's
     * implicit 2 s), failing with the current URL after {@code timeout}.
     */
    public void waitFor(org.openqa.selenium.By by, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (driver.findElements(by).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not found: " + by + " on " + driver.getCurrentUrl());
            }
        }
    }

    /** Saves a screenshot under target/screenshots/NAME.png (test artefact). */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
