package io.brique.admin.shop;

import static io.brique.core.db.jooq.Tables.ORDERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.admin.AdminTestApp;
import io.brique.core.commerce.CommerceFixtures;
import io.brique.core.commerce.customer.CustomerService;
import io.brique.core.testing.Browser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;

/**
 * In real headless Chromium: a shopper orders in the storefront; the merchant logs in, finds the order
 * in the admin list, opens it, marks it paid and refunds it. Screenshots of the shop pages go to
 * target/screenshots.
 */
class ShopBrowserTest {

    AdminTestApp app;
    Browser browser;

    @BeforeEach
    void start() {
        app = AdminTestApp.start(Map.of());
        browser = Browser.open();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        app.close();
    }

    private WebDriver d() {
        return browser.driver();
    }

    private void open(String path) {
        d().get(app.app().url(path));
    }

    private void waitFor(By by) {
        browser.waitFor(by, Duration.ofSeconds(15));
    }

    private String text(By by) {
        for (int i = 0; ; i++) {
            try {
                return d().findElement(by).getText();
            } catch (StaleElementReferenceException e) {
                if (i > 100) {
                    throw e;
                }
            }
        }
    }

    private void waitForText(By by, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (d().findElements(by).isEmpty() || !text(by).contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw '" + expected + "' in " + by + " on " + d().getCurrentUrl());
            }
        }
    }

    @Test
    void placeAnOrderFindItInTheAdminAndRefundIt() {
        CommerceFixtures.product(app.app(), "SHOP-1", 4200, 10);
        app.app().app().commerce().customers().register(new CustomerService.Registration("claire@example.com",
                "a long password 1", "Claire", "Dubois", "fr", true));

        // the shopper
        open("/fr/p/produit-shop-1");
        waitFor(By.cssSelector("form.add-to-cart button[type=submit]"));
        d().findElement(By.cssSelector("form.add-to-cart button[type=submit]")).click();
        waitForText(By.cssSelector(".cart-link .badge"), "1");
        open("/fr/checkout");
        waitFor(By.id("firstName"));
        d().findElement(By.id("firstName")).sendKeys("Anne");
        d().findElement(By.id("lastName")).sendKeys("Martin");
        d().findElement(By.id("email")).sendKeys("anne.martin@example.org");
        d().findElement(By.id("line1")).sendKeys("12 rue des Lilas");
        d().findElement(By.id("postcode")).sendKeys("75011");
        d().findElement(By.id("city")).sendKeys("Paris");
        d().findElements(By.cssSelector("input[name=paymentMethod]")).get(0).click();
        d().findElement(By.cssSelector("main form button[type=submit]")).click();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!d().getCurrentUrl().contains("/fr/order/") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        String number = app.app().app().core().db().dsl().select(ORDERS.NUMBER).from(ORDERS)
                .where(ORDERS.EMAIL.eq("anne.martin@example.org")).fetchOne(ORDERS.NUMBER);
        assertTrue(number != null, "the storefront order exists");

        // the merchant
        open("/admin/orders");
        waitFor(By.id("email"));
        d().findElement(By.id("email")).sendKeys(AdminTestApp.email("owner"));
        d().findElement(By.id("password")).sendKeys(AdminTestApp.PASSWORD);
        d().findElement(By.cssSelector("form.form button[type=submit]")).click();
        waitFor(By.id("orders"));
        d().findElement(By.id("f-customer")).sendKeys("anne.martin");
        d().findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waitForText(By.id("orders"), number);
        browser.screenshot("shop-orders");
        d().findElement(By.linkText(number)).click();
        waitFor(By.id("order-number"));
        assertEquals(number, text(By.id("order-number")));
        browser.screenshot("shop-order-detail");
        // bank transfer: mark paid first (only allowed transitions are offered)
        d().findElement(By.cssSelector("#to option[value=paid]")).click();
        d().findElement(By.cssSelector("#status-form button[type=submit]")).click();
        waitFor(By.id("refund-form"));
        // a partial refund above what is left is refused next to the field, then a full refund
        d().findElement(By.cssSelector("#refund-form input[value=partial]")).click();
        d().findElement(By.id("amount")).sendKeys("9999");
        d().findElement(By.id("reason")).sendKeys("changed mind");
        d().findElement(By.cssSelector("#refund-form button[type=submit]")).click();
        waitFor(By.cssSelector("#refund-form .field-error"));
        assertEquals("changed mind", d().findElement(By.id("reason")).getAttribute("value"));
        browser.screenshot("shop-refund-error");
        d().findElement(By.cssSelector("#refund-form input[value=full]")).click();
        d().findElement(By.cssSelector("#refund-form button[type=submit]")).click();
        waitFor(By.id("order-refunded"));
        waitFor(By.cssSelector(".flash.success"));
        assertEquals("refunded", app.app().app().core().db().dsl().select(ORDERS.STATUS).from(ORDERS)
                .where(ORDERS.NUMBER.eq(number)).fetchOne(ORDERS.STATUS));
        browser.screenshot("shop-order-refunded");

        open("/admin");
        waitFor(By.id("shop-figures"));
        browser.screenshot("shop-dashboard");
        open("/admin/products");
        waitFor(By.id("products"));
        browser.screenshot("shop-products");
        d().findElement(By.cssSelector("#products tbody a")).click();
        waitFor(By.id("product-form"));
        browser.screenshot("shop-product-edit");
        open("/admin/customers");
        waitFor(By.id("customers"));
        browser.screenshot("shop-customers");
        d().findElement(By.linkText("claire@example.com")).click();
        waitFor(By.id("profile"));
        browser.screenshot("shop-customer");
        open("/admin/settings");
        waitFor(By.id("shipping-form"));
        browser.screenshot("shop-settings");
        open("/admin/stores");
        waitFor(By.id("stores"));
        browser.screenshot("shop-stores");
    }
}
