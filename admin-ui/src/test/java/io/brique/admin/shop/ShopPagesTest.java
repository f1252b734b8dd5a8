package io.brique.admin.shop;

import static io.brique.core.db.jooq.Tables.ADMIN_AUDIT;
import static io.brique.core.db.jooq.Tables.CUSTOMER;
import static io.brique.core.db.jooq.Tables.ORDERS;
import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.REFUND;
import static io.brique.core.db.jooq.Tables.STORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.admin.AdminTestApp;
import io.brique.core.commerce.CommerceFixtures;
import io.brique.core.commerce.customer.CustomerService;
import io.brique.testing.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shop pages over HTTP on a real node: lists and filters, bad input (field errors, typed values
 * kept, nothing written), role boundaries, audit, and XSS payloads in a product name and in customer
 * fields rendered escaped on every page that shows them.
 */
@Tag("db")
class ShopPagesTest {

    static AdminTestApp app;
    static HttpSession owner;
    static HttpSession manager;
    static HttpSession staff;
    static long variant;
    static long productId;
    static long customerId;
    static String xssOrder;

    @BeforeAll
    static void start() {
        app = AdminTestApp.start();
        owner = app.loginAs("owner");
        manager = app.loginAs("manager");
        staff = app.loginAs("staff");
        variant = CommerceFixtures.product(app.app(), "XSS-1", 2500, 50);
        DSLContext dsl = dsl();
        productId = dsl.select(io.brique.core.db.jooq.Tables.VARIANT.PRODUCT_ID).from(io.brique.core.db.jooq.Tables.VARIANT)
                .where(io.brique.core.db.jooq.Tables.VARIANT.ID.eq(variant)).fetchOne(0, Long.class);
        dsl.update(PRODUCT_TRANSLATION).set(PRODUCT_TRANSLATION.NAME, ShopFixtures.XSS + " Robe")
                .where(PRODUCT_TRANSLATION.PRODUCT_ID.eq(productId)).execute();
        customerId = app.app().app().commerce().customers().register(new CustomerService.Registration(
                "xss@example.com", "a long password 1", ShopFixtures.XSS, "<b>Bold</b>", "fr", false)).getId();
        xssOrder = ShopFixtures.order(app, variant, 2, "xss@example.com");
        dsl.update(ORDERS).set(ORDERS.CUSTOMER_ID, customerId).set(ORDERS.ADDR_FIRST_NAME, ShopFixtures.XSS)
                .where(ORDERS.NUMBER.eq(xssOrder)).execute();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static DSLContext dsl() {
        return app.app().app().core().db().dsl();
    }

    static int audits(String action) {
        return dsl().fetchCount(ADMIN_AUDIT, ADMIN_AUDIT.ACTION.eq(action));
    }

    @Test
    void xssPayloadsAreEscapedOnEveryPageThatShowsThem() {
        for (String path : List.of("/admin", "/admin/products", "/admin/products/" + productId, "/admin/orders",
                "/admin/orders/" + xssOrder, "/admin/customers", "/admin/customers/" + customerId,
                "/admin/products?q=robe", "/admin/customers?q=bold")) {
            HttpSession.Response r = owner.get(path);
            assertEquals(200, r.status(), path + " " + r.body());
            assertFalse(r.body().contains(ShopFixtures.XSS), "raw payload on " + path);
            assertFalse(r.body().contains("<b>Bold</b>"), "raw markup on " + path);
        }
        assertTrue(owner.get("/admin/products").body().contains(ShopFixtures.XSS_ESCAPED));
        assertTrue(owner.get("/admin/customers/" + customerId).body().contains("&lt;b&gt;Bold&lt;/b&gt;"));
        assertTrue(owner.get("/admin/orders/" + xssOrder).body().contains(ShopFixtures.XSS_ESCAPED));
        assertTrue(owner.get("/admin").body().contains(ShopFixtures.XSS_ESCAPED), "top products on the dashboard");
    }

    @Test
    void ordersListFiltersSortsAndRefusesBadFilters() {
        String other = ShopFixtures.order(app, variant, 1, "filter@example.com");
        HttpSession.Response all = staff.get("/admin/orders");
        assertEquals(200, all.status());
        assertTrue(all.body().contains(other) && all.body().contains(xssOrder));
        HttpSession.Response byCustomer = staff.get("/admin/orders?customer=filter%40example");
        assertTrue(byCustomer.body().contains(other));
        assertFalse(byCustomer.body().contains(xssOrder));
        HttpSession.Response byNumber = staff.get("/admin/orders?number=" + other);
        assertTrue(byNumber.body().contains(other) && !byNumber.body().contains(xssOrder));
        assertFalse(staff.get("/admin/orders?status=delivered").body().contains(other));
        assertTrue(staff.get("/admin/orders?status=placed&sort=total&dir=asc").body().contains(other));
        HttpSession.Response bad = staff.get("/admin/orders?from=yesterday&status=nope");
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("YYYY-MM-DD") || bad.body().contains("AAAA-MM-JJ"), bad.body());
        assertTrue(bad.body().contains("value=\"yesterday\""), "typed value kept");
    }

    @Test
    void orderStateChangesOfferOnlyAllowedTransitionsAndRefundsValidate() {
        String n = ShopFixtures.order(app, variant, 2, "refund@example.com");
        String page = owner.get("/admin/orders/" + n).body();
        assertTrue(page.contains("value=\"paid\"") && page.contains("value=\"cancelled\""));
        assertFalse(page.contains("value=\"shipped\""), "placed cannot jump to shipped");
        assertFalse(page.contains("id=\"refund-form\""), "a placed order is not refundable");
        // staff may look but not act
        assertFalse(staff.get("/admin/orders/" + n).body().contains("id=\"status-form\""));
        assertEquals(403, staff.postForm("/admin/orders/" + n + "/status", Map.of("to", "paid")).status());
        // an illegal transition changes nothing
        HttpSession.Response illegal = owner.postForm("/admin/orders/" + n + "/status", Map.of("to", "delivered"));
        assertEquals(303, illegal.status());
        assertEquals("placed", status(n));
        assertEquals(303, manager.postForm("/admin/orders/" + n + "/status", Map.of("to", "paid", "note", "wire ok"))
                .status());
        assertEquals("paid", status(n));
        // refunds: bad amounts are field errors and write nothing
        long total = dsl().select(ORDERS.TOTAL_MINOR).from(ORDERS).where(ORDERS.NUMBER.eq(n)).fetchOne(ORDERS.TOTAL_MINOR);
        for (String amount : List.of("", "abc", "-3", "1.234", Long.toString(total))) {
            HttpSession.Response r = owner.postForm("/admin/orders/" + n + "/refund",
                    Map.of("mode", "partial", "amount", amount.equals(Long.toString(total)) ? "99999" : amount,
                            "reason", "typed reason"));
            assertEquals(400, r.status(), amount + ": " + r.body());
            assertTrue(r.body().contains("typed reason"), "typed values kept");
            assertTrue(r.body().contains("field-error"));
        }
        assertEquals(0, refunds(n));
        assertEquals(303, owner.postForm("/admin/orders/" + n + "/refund",
                Map.of("mode", "partial", "amount", "10,00", "reason", "damaged")).status());
        assertEquals(1, refunds(n));
        assertEquals("paid", status(n));
        assertTrue(owner.get("/admin/orders/" + n).body().contains("damaged"));
        assertEquals(303, owner.postForm("/admin/orders/" + n + "/refund", Map.of("mode", "full")).status());
        assertEquals("refunded", status(n));
        assertTrue(audits("order.refund") >= 2 && audits("order.status") >= 1);
    }

    static String status(String n) {
        return dsl().select(ORDERS.STATUS).from(ORDERS).where(ORDERS.NUMBER.eq(n)).fetchOne(ORDERS.STATUS);
    }

    static int refunds(String n) {
        return dsl().fetchCount(REFUND, REFUND.ORDER_ID.eq(dsl().select(ORDERS.ID).from(ORDERS).where(ORDERS.NUMBER.eq(n))
                .fetchOne(ORDERS.ID)));
    }

    @Test
    void productListFiltersAndEditValidatesWithoutPartialWrites() {
        long plain = CommerceFixtures.product(app.app(), "PLAIN-7", 990, 0);
        long plainProduct = dsl().select(io.brique.core.db.jooq.Tables.VARIANT.PRODUCT_ID)
                .from(io.brique.core.db.jooq.Tables.VARIANT).where(io.brique.core.db.jooq.Tables.VARIANT.ID.eq(plain))
                .fetchOne(0, Long.class);
        HttpSession.Response found = staff.get("/admin/products?q=plain-7");
        assertEquals(200, found.status());
        assertTrue(found.body().contains("plain-7") && !found.body().contains("xss-1"), found.body());
        assertTrue(staff.get("/admin/products?stock=out").body().contains("plain-7"));
        assertFalse(staff.get("/admin/products?stock=in").body().contains("plain-7"));
        assertEquals(400, staff.get("/admin/products?stock=lots").status());
        assertEquals(403, staff.postForm("/admin/products/" + productId, Map.of("status", "draft")).status());

        Map<String, String> form = new HashMap<>(Map.of("status", "active", "taxClass", "standard", "name_fr", "",
                "slug_fr", "Bad Slug!", "name_en", "Kept typed name", "slug_en", "", "brand", "Maison"));
        int events = dsl().fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.eq("product.changed"));
        HttpSession.Response bad = manager.postForm("/admin/products/" + plainProduct, form);
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("Kept typed name") && bad.body().contains("Bad Slug!"));
        assertTrue(bad.body().contains("field-error"));
        assertEquals(events, dsl().fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.eq("product.changed")), "nothing written");

        form.put("name_fr", "Robe d'été");
        form.put("slug_fr", "");
        form.put("description_en", ShopFixtures.XSS);
        assertEquals(303, manager.postForm("/admin/products/" + plainProduct, form).status());
        assertEquals("robe-d-ete", dsl().select(PRODUCT_TRANSLATION.SLUG).from(PRODUCT_TRANSLATION)
                .where(PRODUCT_TRANSLATION.PRODUCT_ID.eq(plainProduct)).and(PRODUCT_TRANSLATION.LOCALE.eq("fr"))
                .fetchOne(PRODUCT_TRANSLATION.SLUG));
        assertTrue(dsl().fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.eq("product.changed")) > events);
        assertTrue(audits("product.update") >= 1);
        assertFalse(owner.get("/admin/products/" + plainProduct).body().contains(ShopFixtures.XSS));

        // stock: a removal below zero is refused, an addition is applied
        assertEquals(400, manager.postForm("/admin/products/" + productId + "/stock",
                Map.of("variant", Long.toString(variant), "delta", "-100000")).status());
        assertEquals(400, manager.postForm("/admin/products/" + productId + "/stock",
                Map.of("variant", Long.toString(variant), "delta", "x")).status());
        int before = CommerceFixtures.onHand(app.app(), variant);
        assertEquals(303, manager.postForm("/admin/products/" + productId + "/stock",
                Map.of("variant", Long.toString(variant), "delta", "+5", "reason", "count")).status());
        assertEquals(before + 5, CommerceFixtures.onHand(app.app(), variant));
        // variant price with a decimal comma; a bad price is a field error
        assertEquals(400, manager.postForm("/admin/products/" + productId + "/variants/" + variant,
                Map.of("price", "12.345", "status", "active")).status());
        assertEquals(303, manager.postForm("/admin/products/" + productId + "/variants/" + variant,
                Map.of("price", "26,90", "compareAt", "", "status", "active")).status());
        assertEquals(2690L, dsl().select(io.brique.core.db.jooq.Tables.VARIANT.PRICE_MINOR)
                .from(io.brique.core.db.jooq.Tables.VARIANT).where(io.brique.core.db.jooq.Tables.VARIANT.ID.eq(variant))
                .fetchOne(0, Long.class));
        // a new variant with options; a taken SKU is a field error with the values kept
        HttpSession.Response taken = manager.postForm("/admin/products/" + productId + "/variants",
                Map.of("sku", "PLAIN-7", "price", "30", "stock", "2", "option_size", "XL"));
        assertEquals(400, taken.status());
        assertTrue(taken.body().contains("value=\"XL\""));
        assertEquals(303, manager.postForm("/admin/products/" + productId + "/variants",
                Map.of("sku", "XSS-1-L", "price", "30", "stock", "2", "option_size", "L", "option_color", "Bleu"))
                .status());
        assertTrue(owner.get("/admin/products/" + productId).body().contains("L / Bleu"));
        // images: only http(s) or local paths (no javascript: URLs in src)
        assertEquals(400, manager.postForm("/admin/products/" + productId + "/images",
                Map.of("url", "javascript:alert(1)", "alt", "kept alt")).status());
        assertEquals(303, manager.postForm("/admin/products/" + productId + "/images",
                Map.of("url", "https://img.example.com/robe.jpg", "alt", "Robe")).status());
        assertTrue(owner.get("/admin/products/" + productId).body().contains("https://img.example.com/robe.jpg"));
        // new product: duplicate handle refused with the values kept
        HttpSession.Response dup = manager.postForm("/admin/products",
                Map.of("handle", "plain-7", "name_fr", "Doublon", "name_en", "Duplicate"));
        assertEquals(400, dup.status());
        assertTrue(dup.body().contains("Doublon"));
        HttpSession.Response created = manager.postForm("/admin/products",
                Map.of("handle", "new-one", "name_fr", "Nouveau", "name_en", "New one"));
        assertEquals(303, created.status());
        assertTrue(created.location().startsWith("/admin/products/"));
        assertTrue(plain > 0);
    }

    @Test
    void csvImportShowsTheReportAndExportDownloads() {
        String csv = "handle,name_fr,name_en,category,sku,price,stock\n"
                + "imp-1,Importé,Imported,,IMP-1,12.00,3\n"
                + "imp-2,Deux,Two,,IMP-2,notaprice,1\n";
        HttpSession.Response r = ShopFixtures.upload(manager, "/admin/products/import", "file", "p.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertTrue(r.status() == 200 || r.status() == 422, r.status() + " " + r.body());
        assertTrue(r.body().contains("import-report"), r.body());
        assertTrue(r.body().contains("price"), "the line error names its column");
        assertEquals(400, ShopFixtures.upload(manager, "/admin/products/import", "file", "x.csv",
                "nothing,useful\n1,2\n".getBytes(StandardCharsets.UTF_8)).status());
        HttpSession.Response export = staff.get("/admin/products/export.csv");
        assertEquals(200, export.status());
        assertTrue(export.body().startsWith("handle,"), export.body());
        assertEquals(403, staff.get("/admin/products/import").status());
    }

    @Test
    void customerViewAndGdprErasureKeepOrdersAnonymised() {
        long id = app.app().app().commerce().customers().register(new CustomerService.Registration(
                "gone@example.com", "a long password 1", "Jeanne", "Martin", "fr", true)).getId();
        String n = ShopFixtures.order(app, variant, 1, "gone@example.com");
        dsl().update(ORDERS).set(ORDERS.CUSTOMER_ID, id).where(ORDERS.NUMBER.eq(n)).execute();
        HttpSession.Response list = staff.get("/admin/customers?q=jeanne");
        assertTrue(list.body().contains("gone@example.com"));
        HttpSession.Response view = staff.get("/admin/customers/" + id);
        assertTrue(view.body().contains(n) && view.body().contains("Martin"));
        assertFalse(view.body().contains("erase-form"), "staff sees no GDPR actions");
        assertEquals(403, staff.get("/admin/customers/" + id + "/export").status());
        HttpSession.Response export = manager.get("/admin/customers/" + id + "/export");
        assertEquals(200, export.status());
        assertEquals("gone@example.com", export.json().get("profile").get("email").asText());
        assertEquals(n, export.json().get("orders").get(0).get("number").asText());

        assertEquals(400, manager.postForm("/admin/customers/" + id + "/erase", Map.of("confirm", "yes")).status());
        assertEquals("gone@example.com", dsl().select(CUSTOMER.EMAIL).from(CUSTOMER).where(CUSTOMER.ID.eq(id))
                .fetchOne(CUSTOMER.EMAIL));
        assertEquals(303, manager.postForm("/admin/customers/" + id + "/erase", Map.of("confirm", "ERASE")).status());
        var c = dsl().selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(id)).fetchOne();
        assertEquals("erased", c.getStatus());
        assertFalse(c.getEmail().contains("gone"));
        var o = dsl().selectFrom(ORDERS).where(ORDERS.NUMBER.eq(n)).fetchOne();
        assertNotNull(o, "the order is kept for accounting");
        assertFalse(o.getEmail().contains("gone"));
        assertEquals(null, o.getAddrLine1());
        assertTrue(o.getTotalMinor() > 0);
        assertTrue(audits("customer.erase") == 1);
    }

    @Test
    void shopSettingsApplyAtRunTimeAndStoresValidate() {
        assertEquals(403, manager.get("/admin/settings").status(), "settings are the owner's");
        HttpSession.Response bad = owner.postForm("/admin/settings/shipping", Map.of("flatRate", "abc",
                "freeThreshold", "100"));
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("value=\"abc\""));
        assertEquals(303, owner.postForm("/admin/settings/shipping", Map.of("flatRate", "7,50", "freeThreshold",
                "1000")).status());
        HttpSession shopper = app.http();
        String cart = shopper.postJson("/api/v1/carts", "").json().get("token").asText();
        var priced = shopper.postJson("/api/v1/carts/" + cart + "/lines", "{\"variantId\":" + variant
                + ",\"quantity\":1}").json();
        assertTrue(priced.get("shipping").get("amount").asText().equals("7.50"), "the new flat rate prices the cart: " + priced);
        assertEquals(400, owner.postForm("/admin/settings/vat", Map.of("country", "FR", "taxClass", "standard",
                "rate", "120")).status());
        assertEquals(303, owner.postForm("/admin/settings/vat", Map.of("country", "se", "taxClass", "standard",
                "rate", "25")).status());
        assertTrue(owner.get("/admin/settings").body().contains("SE"));

        HttpSession.Response badStore = manager.postForm("/admin/stores", Map.of("code", "bad code!", "name",
                "Kept store", "line1", "", "postcode", "1000", "city", "Bruxelles", "country", "BE"));
        assertEquals(400, badStore.status());
        assertTrue(badStore.body().contains("Kept store"));
        assertEquals(0, dsl().fetchCount(STORE));
        assertEquals(303, manager.postForm("/admin/stores", Map.of("code", "BXL", "name", "Brique Bruxelles", "line1",
                "1 rue Neuve", "postcode", "1000", "city", "Bruxelles", "country", "BE", "clickAndCollect", "on",
                "active", "on")).status());
        assertTrue(manager.get("/admin/stores").body().contains("Brique Bruxelles"));
        assertEquals(403, staff.get("/admin/stores").status());
    }

    @Test
    void categoryTreeEditRefusesCyclesAndReloadsTheStorefrontTree() {
        Map<String, String> root = new HashMap<>(Map.of("name_fr", "Maison", "name_en", "Home", "status", "active",
                "position", "1"));
        HttpSession.Response created = manager.postForm("/admin/categories", root);
        assertEquals(303, created.status(), created.body());
        var tree = app.console().services().catalog().categories();
        long rootId = dsl().select(io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION.CATEGORY_ID)
                .from(io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION)
                .where(io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION.SLUG.eq("maison")).fetchOne(0, Long.class);
        Map<String, String> child = new HashMap<>(Map.of("name_fr", "Cuisine", "name_en", "Kitchen", "status",
                "active", "position", "0", "parent", Long.toString(rootId)));
        assertEquals(303, manager.postForm("/admin/categories", child).status());
        long childId = dsl().select(io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION.CATEGORY_ID)
                .from(io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION)
                .where(io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION.SLUG.eq("cuisine")).fetchOne(0, Long.class);
        root.put("parent", Long.toString(childId));
        root.put("name_en", "Kept home");
        HttpSession.Response cycle = manager.postForm("/admin/categories/" + rootId, root);
        assertEquals(400, cycle.status());
        assertTrue(cycle.body().contains("Kept home") && cycle.body().contains("field-error"));
        assertEquals(null, dsl().select(io.brique.core.db.jooq.Tables.CATEGORY.PARENT_ID)
                .from(io.brique.core.db.jooq.Tables.CATEGORY).where(io.brique.core.db.jooq.Tables.CATEGORY.ID.eq(rootId))
                .fetchOne(0, Long.class));
        assertEquals(400, manager.postForm("/admin/categories", Map.of("name_fr", "Doublon", "name_en", "Dup",
                "slug_fr", "maison", "status", "active", "position", "0")).status());
        assertEquals(403, staff.postForm("/admin/categories/" + rootId, root).status());
        assertTrue(staff.get("/admin/categories").body().contains("Cuisine") || staff.get("/admin/categories").body()
                .contains("Kitchen"));
        app.app().drainEvents();
        assertTrue(app.app().app().catalog().catalog().categories().byId(childId).isPresent(),
                "the storefront tree was reloaded from category.changed");
        assertNotNull(tree);
    }

    @Test
    void figuresCountOrdersAndRevenueOfThePeriod() {
        ShopQueries q = new ShopQueries(app.app().app().core().db(), java.time.ZoneId.of("Europe/Paris"), "EUR");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"));
        ShopQueries.Figures before = q.figures(today.minusDays(6), today);
        String n = ShopFixtures.order(app, variant, 1, "figures@example.com");
        long total = dsl().select(ORDERS.TOTAL_MINOR).from(ORDERS).where(ORDERS.NUMBER.eq(n)).fetchOne(ORDERS.TOTAL_MINOR);
        ShopQueries.Figures after = q.figures(today.minusDays(6), today);
        assertEquals(before.orders() + 1, after.orders());
        assertEquals(before.revenueMinor() + total, after.revenueMinor());
        assertEquals(7, after.days().size());
        assertEquals(after.revenueMinor(), after.days().stream().mapToLong(ShopQueries.Day::revenueMinor).sum());
        assertEquals(after.revenueMinor() / after.orders(), after.aovMinor());
        // an order of yesterday (shop time) lands on yesterday's bar, not today's
        dsl().update(ORDERS).set(ORDERS.PLACED_AT, today.minusDays(1).atTime(12, 0).atZone(java.time.ZoneId.of(
                "Europe/Paris")).withZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime())
                .where(ORDERS.NUMBER.eq(n)).execute();
        ShopQueries.Figures moved = q.figures(today.minusDays(6), today);
        assertEquals(after.days().get(5).revenueMinor() + total, moved.days().get(5).revenueMinor());
        assertEquals(after.days().get(6).revenueMinor() - total, moved.days().get(6).revenueMinor());
    }

    @Test
    void dashboardShowsTheFiguresAndTheChart() {
        HttpSession.Response d = owner.get("/admin?period=7d");
        assertEquals(200, d.status());
        assertTrue(d.body().contains("id=\"shop-figures\"") && d.body().contains("<svg"));
        assertTrue(d.body().contains("class=\"bar\""));
        assertTrue(d.body().contains("kpi-todayOrders"));
        assertEquals(200, owner.get("/admin?period=nonsense").status());
    }
}
