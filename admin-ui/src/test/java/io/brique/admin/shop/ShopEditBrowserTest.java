package io.brique.admin.shop;

import static io.brique.core.db.jooq.Tables.CUSTOMER;
import static io.brique.core.db.jooq.Tables.ORDERS;
import static io.brique.core.db.jooq.Tables.PRODUCT_IMAGE;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static io.brique.core.db.jooq.Tables.VARIANT_OPTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.admin.AdminTestApp;
import io.brique.core.commerce.CommerceFixtures;
import io.brique.core.commerce.customer.CustomerService;
import io.brique.core.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * In real headless Chromium, the editing flows of the console: variant SKU and options, image upload,
 * customer edit (a taken e-mail shown next to the field, then fixed), bulk "mark as shipped" on the
 * orders list and the CSV export of the filtered list. Screenshots go to target/screenshots.
 */
class ShopEditBrowserTest {

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

    private DSLContext dsl() {
        return app.app().app().core().db().dsl();
    }

    private void open(String path) {
        d().get(app.app().url(path));
    }

    private void waitFor(By by) {
        browser.waitFor(by, Duration.ofSeconds(15));
    }

    private void login() {
        open("/admin/login");
        waitFor(By.id("email"));
        d().findElement(By.id("email")).sendKeys(AdminTestApp.email("owner"));
        d().findElement(By.id("password")).sendKeys(AdminTestApp.PASSWORD);
        d().findElement(By.cssSelector("form.form button[type=submit]")).click();
        waitFor(By.cssSelector("nav"));
    }

    @Test
    void editVariantUploadImageEditCustomerBulkShipAndExport() throws Exception {
        long variant = CommerceFixtures.product(app.app(), "BRW-1", 2500, 50);
        long product = dsl().select(VARIANT.PRODUCT_ID).from(VARIANT).where(VARIANT.ID.eq(variant))
                .fetchOne(0, Long.class);
        CustomerService customers = app.app().app().commerce().customers();
        long customer = customers.register(new CustomerService.Registration("lea@example.com", "a long password 1",
                "Léa", "Roux", "fr", false)).getId();
        customers.register(new CustomerService.Registration("taken@example.com", "a long password 1", "T", "T",
                "fr", false));
        String o1 = ShopFixtures.order(app, variant, 1, "bulk-a@example.com");
        String o2 = ShopFixtures.order(app, variant, 1, "bulk-b@example.com");
        for (String n : new String[] {o1, o2}) {
            app.app().app().commerce().orders().transition(n, "paid", null, "test");
        }
        login();

        // variant: SKU and colour in both languages
        open("/admin/products/" + product);
        waitFor(By.id("variant-edit-" + variant));
        d().findElement(By.cssSelector("#variant-edit-" + variant + " summary")).click();
        var sku = d().findElement(By.id("sku-" + variant));
        sku.clear();
        sku.sendKeys("BRW-1-BLUE");
        d().findElement(By.id("option_color_fr-" + variant)).sendKeys("Bleu");
        d().findElement(By.id("option_color_en-" + variant)).sendKeys("Blue");
        browser.screenshot("shop-variant-edit");
        d().findElement(By.cssSelector("#variant-details-" + variant + " button[type=submit]")).click();
        waitFor(By.cssSelector(".flash.success"));
        assertEquals("BRW-1-BLUE", dsl().select(VARIANT.SKU).from(VARIANT).where(VARIANT.ID.eq(variant))
                .fetchOne(0, String.class));
        assertEquals("Blue", dsl().select(VARIANT_OPTION.VALUE).from(VARIANT_OPTION)
                .where(VARIANT_OPTION.VARIANT_ID.eq(variant)).and(VARIANT_OPTION.OPTION_CODE.eq("color"))
                .and(VARIANT_OPTION.LOCALE.eq("en")).fetchOne(0, String.class));

        // image upload from a file
        Path png = Files.createTempFile("product", ".png");
        Files.write(png, ImageUploadTest.PNG);
        waitFor(By.id("img-file"));
        d().findElement(By.id("img-file")).sendKeys(png.toString());
        d().findElement(By.id("img-upload-alt")).sendKeys("Vue de face");
        d().findElement(By.id("image-upload-submit")).click();
        waitFor(By.cssSelector("#images img[src^='/media/']"));
        assertEquals("Vue de face", d().findElement(By.cssSelector("#images img[src^='/media/']")).getAttribute("alt"));
        assertEquals(1, dsl().fetchCount(PRODUCT_IMAGE, PRODUCT_IMAGE.PRODUCT_ID.eq(product)
                .and(PRODUCT_IMAGE.URL.startsWith("/media/"))));
        browser.screenshot("shop-product-image");

        // customer: a taken e-mail is refused next to the field, what was typed stays; then fixed
        open("/admin/customers/" + customer);
        waitFor(By.id("profile-edit"));
        d().findElement(By.cssSelector("#profile-edit summary")).click();
        var email = d().findElement(By.id("p-email"));
        email.clear();
        email.sendKeys("taken@example.com");
        var first = d().findElement(By.id("p-firstName"));
        first.clear();
        first.sendKeys("Léonie");
        d().findElement(By.id("p-marketing")).click();
        d().findElement(By.cssSelector("#profile-form button[type=submit]")).click();
        waitFor(By.id("p-email-error"));
        assertEquals("Léonie", d().findElement(By.id("p-firstName")).getAttribute("value"));
        browser.screenshot("shop-customer-edit-error");
        email = d().findElement(By.id("p-email"));
        email.clear();
        email.sendKeys("leonie@example.com");
        d().findElement(By.cssSelector("#profile-form button[type=submit]")).click();
        waitFor(By.cssSelector(".flash.success"));
        var row = dsl().selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(customer)).fetchOne();
        assertEquals("leonie@example.com", row.getEmail());
        assertEquals("Léonie", row.getFirstName());
        assertTrue(row.getConsentMarketing());

        // orders: filter, select both, mark as shipped
        open("/admin/orders?customer=bulk-");
        waitFor(By.id("bulk-form"));
        d().findElement(By.id("sel-" + o1)).click();
        d().findElement(By.id("sel-" + o2)).click();
        d().findElement(By.cssSelector("#bulk-to option[value=shipped]")).click();
        browser.screenshot("shop-orders-bulk");
        d().findElement(By.id("bulk-submit")).click();
        waitFor(By.cssSelector(".flash.success"));
        for (String n : new String[] {o1, o2}) {
            assertEquals("shipped", dsl().select(ORDERS.STATUS).from(ORDERS).where(ORDERS.NUMBER.eq(n))
                    .fetchOne(0, String.class));
        }

        // the export link carries the list's filters; fetched with the browser's session
        open("/admin/orders?customer=bulk-a");
        waitFor(By.id("orders-export"));
        String href = d().findElement(By.id("orders-export")).getAttribute("href");
        assertTrue(href.contains("/admin/orders/export.csv") && href.contains("customer=bulk-a"), href);
        String session = d().manage().getCookieNamed("brq_admin").getValue();
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "brq_admin=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().contains(o1) && !csv.body().contains(o2), csv.body());
        assertTrue(csv.body().contains(",shipped,"), csv.body());
    }
}
