package io.brique.core.browser;

import static io.brique.core.db.jooq.Tables.ORDERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A shopper in real headless Chromium: browse the demo catalog, add to cart, check out as a guest,
 * correct a form error, read the confirmation; switch language. Screenshots go to target/screenshots.
 */
class StorefrontBrowserTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("demo.enabled", "true"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Waits until the browser has navigated to a URL containing {@code fragment} (clicks return early). */
    static void waitForUrl(WebDriver d, String fragment) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!d.getCurrentUrl().contains(fragment)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("never reached " + fragment + ", still at " + d.getCurrentUrl());
            }
            sleep(50);
        }
    }

    /** The text of an element, re-finding it if the page was replaced under us. */
    static String text(WebDriver d, By by) {
        for (int i = 0; ; i++) {
            try {
                return d.findElement(by).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (i > 50) {
                    throw e;
                }
                sleep(100);
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void guestBrowsesBuysAndSeesTheConfirmation() {
        try (Browser browser = Browser.open()) {
            WebDriver d = browser.driver();
            d.get(app.url("/fr/"));
            assertTrue(d.getTitle().length() > 0);
            browser.screenshot("01-home-fr");

            d.findElements(By.cssSelector("nav.categories a")).get(0).click();
            waitForUrl(d, "/fr/c/");
            browser.screenshot("02-category-fr");

            List<WebElement> cards = d.findElements(By.cssSelector(".product-grid .card a"));
            assertFalse(cards.isEmpty(), "the category lists products");
            cards.get(0).click();
            waitForUrl(d, "/fr/p/");
            String productName = text(d, By.cssSelector("h1"));
            assertTrue(d.getPageSource().contains("TTC"));
            browser.screenshot("03-product-fr");

            d.findElement(By.cssSelector("form.add-to-cart button[type=submit]")).click();
            waitForUrl(d, "/fr/cart");
            assertTrue(text(d, By.tagName("main")).contains(productName), "the product is in the cart");
            assertEquals("1", text(d, By.cssSelector(".cart-link .badge")));
            browser.screenshot("04-cart-fr");

            d.findElement(By.cssSelector("main a[href$='/fr/checkout']")).click();
            waitForUrl(d, "/fr/checkout");
            d.findElement(By.id("firstName")).sendKeys("Anne");
            d.findElement(By.id("lastName")).sendKeys("Martin");
            d.findElement(By.id("email")).sendKeys("not-an-email");
            d.findElement(By.id("line1")).sendKeys("12 rue des Lilas");
            d.findElement(By.id("postcode")).sendKeys("75011");
            d.findElement(By.id("city")).sendKeys("Paris");
            // the browser's own e-mail check would stop the form: let the server judge it
            ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                    "document.querySelector('form[method=post]').noValidate = true;");
            d.findElement(By.cssSelector("main form button[type=submit]")).click();
            for (int i = 0; i < 150 && d.findElements(By.id("email-error")).isEmpty(); i++) {
                sleep(100); // the form comes back re-rendered with its errors
            }
            assertTrue(text(d, By.id("email-error")).length() > 0, "field-level error next to the e-mail");
            assertEquals("Anne", d.findElement(By.id("firstName")).getAttribute("value"), "what was typed is kept");
            browser.screenshot("05-checkout-error-fr");

            WebElement email = d.findElement(By.id("email"));
            email.clear();
            email.sendKeys("anne.martin@example.org");
            List<WebElement> payments = d.findElements(By.cssSelector("input[name=paymentMethod]"));
            payments.get(0).click();
            d.findElement(By.cssSelector("main form button[type=submit]")).click();
            waitForUrl(d, "/fr/order/");
            String confirmation = text(d, By.tagName("main"));
            assertTrue(confirmation.contains("BR"), confirmation);
            browser.screenshot("06-confirmation-fr");

            assertEquals(1, app.app().core().db().dsl().fetchCount(ORDERS,
                    ORDERS.EMAIL.eq("anne.martin@example.org")));
            assertEquals("0", text(d, By.cssSelector(".cart-link .badge")), "the cart is emptied");
        }
    }

    @Test
    void theShopSpeaksEnglishWithEnglishPrices() {
        try (Browser browser = Browser.open()) {
            WebDriver d = browser.driver();
            d.get(app.url("/fr/"));
            d.findElement(By.cssSelector(".langs a[hreflang=en]")).click();
            waitForUrl(d, "/en/");
            d.findElements(By.cssSelector(".product-grid .card a")).get(0).click();
            waitForUrl(d, "/en/p/");
            String page = text(d, By.tagName("main"));
            assertTrue(page.contains("€"), page);
            assertTrue(page.contains("incl. VAT"), page);
            assertTrue(page.matches("(?s).*€\\d+\\.\\d{2}.*"), "English amounts look like €19.90");
            browser.screenshot("07-product-en");
        }
    }
}
