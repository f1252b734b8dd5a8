package io.brique.core.browser;

import static io.brique.core.browser.StorefrontBrowserTest.waitForUrl;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.testing.Browser;
import io.brique.core.testing.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Search in real headless Chromium on the demo catalog: autocomplete in the header, then facets. */
class SearchBrowserTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("demo.enabled", "true"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Waits for at least one element (the suggestions arrive asynchronously). */
    static List<WebElement> waitFor(WebDriver d, By by) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            List<WebElement> found = d.findElements(by).stream().filter(WebElement::isDisplayed).toList();
            if (!found.isEmpty()) {
                return found;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("nothing matches " + by);
            }
            StorefrontBrowserTest.sleep(50);
        }
    }

    @Test
    void autocompleteThenFacets() {
        try (Browser browser = Browser.open()) {
            WebDriver d = browser.driver();
            d.get(app.url("/en/"));
            WebElement box = d.findElement(By.id("q"));
            box.sendKeys("hood");
            List<WebElement> options = waitFor(d, By.cssSelector("#q-suggestions li.product a"));
            assertTrue(options.getFirst().getText().toLowerCase().contains("hood"), options.getFirst().getText());
            browser.screenshot("search-01-suggestions");
            box.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
            waitForUrl(d, "/en/");
            assertFalse(d.getCurrentUrl().endsWith("/en/"), "an option was followed: " + d.getCurrentUrl());

            d.get(app.url("/en/search?q=cotton"));
            List<WebElement> brands = d.findElements(By.cssSelector("form.filters input[name=brand]"));
            assertFalse(brands.isEmpty(), "brand facet");
            String before = d.findElement(By.cssSelector(".toolbar")).getText();
            brands.getFirst().click();
            d.findElement(By.cssSelector("form.filters button[type=submit]")).click();
            waitForUrl(d, "brand=");
            browser.screenshot("search-02-facets");
            String after = d.findElement(By.cssSelector(".toolbar")).getText();
            assertTrue(!before.equals(after) || brands.size() == 1, before + " / " + after);
        }
    }
}
