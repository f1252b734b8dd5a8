package io.brique.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.testing.Browser;
import io.brique.testkit.BriqueTestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * In real headless Chromium: the merchant creates a promo code in the admin form (a refused value first,
 * shown next to its field); a shopper registers, earns points on an order, sees the balance on the
 * account page, then spends points and applies the code in the next checkout, and sees the spend in the
 * history. Screenshots go to target/screenshots.
 */
class LoyaltyBrowserTest extends LoyaltyShop {

    Browser browser;


    @BeforeEach
    void start() {
        // points available at once, 10 points per euro, 100 points = 1 €
        shop.saveSettings("loyalty", Map.of("return_window_days", "0", "points_per_euro", "10",
                "redeem_points_per_euro", "100", "redeem_min_points", "100"));
        browser = Browser.open();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private WebDriver d() {
        return browser.driver();
    }

    private void open(String path) {
        d().get(shop.baseUrl() + path);
    }

    private void waitFor(By by) {
        browser.waitFor(by, Duration.ofSeconds(20));
    }

    private String text(By by) {
        return d().findElement(by).getText(); // read after a waitFor, on a page that no longer changes
    }

    private void waitForUrl(String part) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!d().getCurrentUrl().contains(part)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never reached " + part + ", at " + d().getCurrentUrl());
            }
            Thread.onSpinWait();
        }
    }

    private void type(String name, String value) {
        var field = d().findElement(By.name(name));
        field.clear();
        field.sendKeys(value);
    }

    private void checkout() {
        open("/fr/checkout");
        waitFor(By.id("firstName"));
        type("firstName", "Ada");
        type("lastName", "Lovelace");
        type("email", "ada@example.com");
        type("line1", "1 rue de Rivoli");
        type("postcode", "75001");
        type("city", "Paris");
        d().findElements(By.cssSelector("input[name=paymentMethod]")).get(0).click();
        d().findElement(By.cssSelector("main form button[type=submit]")).click();
        waitForUrl("/fr/order/");
    }

    private void addToCart(BriqueTestServer.Product p) {
        open(p.urlFr());
        waitFor(By.cssSelector("form.add-to-cart button[type=submit]"));
        d().findElement(By.cssSelector("form.add-to-cart button[type=submit]")).click();
        waitFor(By.cssSelector(".cart-link .badge"));
    }

    @Test
    void theMerchantCreatesACodeAndAShopperEarnsThenSpendsPointsWithIt() {
        BriqueTestServer.Product mug = shop.createProduct("loyal-mug", "Mug", "42.00");

        // the merchant: a promo code through the admin form
        open("/admin/plugins/loyalty/promos/new");
        waitFor(By.id("email"));
        type("email", BriqueTestServer.ADMIN_EMAIL);
        type("password", BriqueTestServer.ADMIN_PASSWORD);
        d().findElement(By.cssSelector("form.form button[type=submit]")).click();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (d().getCurrentUrl().contains("/admin/login") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        open("/admin/plugins/loyalty/promos/new");
        waitFor(By.cssSelector("form.promo-form input[name=name]"));
        type("name", "Bienvenue");
        type("amount", "150");
        type("code", "bienvenue");
        d().findElement(By.cssSelector("form.promo-form button[type=submit]")).click();
        waitFor(By.cssSelector(".field-error[data-field=amount]"));
        assertEquals("BIENVENUE", d().findElement(By.name("code")).getAttribute("value").toUpperCase());
        browser.screenshot("loyalty-promo-refused");
        type("amount", "10");
        d().findElement(By.cssSelector("form.promo-form button[type=submit]")).click();
        waitFor(By.cssSelector(".flash.ok"));
        assertTrue(text(By.cssSelector(".loyalty-admin-promos")).contains("BIENVENUE"));
        browser.screenshot("loyalty-promos");

        // the shopper: registers, orders, earns 420 points (42 € x 10)
        d().manage().deleteAllCookies();
        open("/fr/account/register");
        waitFor(By.id("password"));
        type("email", "ada@example.com");
        type("password", "a long enough password");
        d().findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        waitForUrl("/fr/account");
        addToCart(mug);
        checkout();
        shop.drainEvents();
        open("/fr/account");
        waitFor(By.cssSelector(".loyalty-account .loyalty-balance"));
        assertEquals("420", text(By.cssSelector(".loyalty-account .loyalty-balance")));
        browser.screenshot("loyalty-account-earned");

        // next order: 200 points (2 €) and the code (10 %) from the cart's loyalty form
        addToCart(mug);
        open("/fr/cart");
        waitFor(By.cssSelector("a.loyalty-use"));
        d().findElement(By.cssSelector("a.loyalty-use")).click();
        waitFor(By.cssSelector(".loyalty-form input[name=points]"));
        type("points", "200");
        type("code", "bienvenue");
        d().findElement(By.cssSelector(".loyalty-form button[type=submit]")).click();
        waitForUrl("/fr/cart");
        waitFor(By.cssSelector(".totals .total"));
        browser.screenshot("loyalty-cart-discounts");
        // 42,00 - 4,20 (10 %) - 2,00 (200 points) + 4,90 shipping = 40,70
        assertTrue(text(By.cssSelector(".totals .total")).contains("40,70"), text(By.cssSelector(".totals")));
        checkout();
        shop.drainEvents();
        open("/fr/account");
        waitFor(By.cssSelector(".loyalty-account .loyalty-balance"));
        // 420 - 200 + the second order's points on its items after discounts ((42,00 - 6,20) x 10 = 358)
        assertEquals("578", text(By.cssSelector(".loyalty-account .loyalty-balance")));
        assertTrue(text(By.cssSelector(".loyalty-account")).contains("-200"), "the spend is in the history");
        browser.screenshot("loyalty-account-spent");
        assertEquals(1, loyalty.promos().promos().getFirst().used(), "the code use was counted at placement");
        assertTrue(loyalty.ledger().reconcile().isEmpty(), loyalty.ledger().reconcile().toString());
    }
}
