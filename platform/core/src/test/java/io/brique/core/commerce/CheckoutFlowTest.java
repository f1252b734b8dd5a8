package io.brique.core.commerce;

import static io.brique.core.db.jooq.Tables.CART;
import static io.brique.core.db.jooq.Tables.EMAIL_OUTBOX;
import static io.brique.core.db.jooq.Tables.ORDERS;
import static io.brique.core.db.jooq.Tables.ORDER_LINE;
import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;
import static io.brique.core.db.jooq.Tables.STOCK_MOVEMENT;
import static io.brique.core.db.jooq.Tables.WEB_SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.db.jooq.tables.records.OrdersRecord;
import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The storefront journey over real HTTP: cart, totals, checkout, confirmation, e-mail, event; login merge. */
@Tag("db")
class CheckoutFlowTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        CommerceFixtures.stores(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String idempotencyKey(String html) {
        Matcher m = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "checkout form carries an idempotency key");
        return m.group(1);
    }

    private static Map<String, String> checkoutForm(String key, String email) {
        Map<String, String> f = new HashMap<>();
        f.put("idempotencyKey", key);
        f.put("email", email);
        f.put("firstName", "Ada");
        f.put("lastName", "Lovelace");
        f.put("line1", "1 rue de Rivoli");
        f.put("postcode", "75001");
        f.put("city", "Paris");
        f.put("country", "FR");
        f.put("phone", "+33 1 23 45 67 89");
        f.put("shippingMethod", "home");
        f.put("paymentMethod", "bank_transfer");
        return f;
    }

    @Test
    void guestBuysAndSeesConfirmation() {
        long v = CommerceFixtures.product(app, "FLOW-1", 1990, 20);
        HttpSession http = app.http();
        HttpSession.Response add = http.postForm("/fr/cart/add", Map.of("variantId", String.valueOf(v), "quantity", "2"));
        assertEquals(303, add.status(), add.body());
        assertEquals("/fr/cart?flash=added", add.location());
        assertNotNull(http.cookie("brq_cart"), "guest cart cookie set");

        HttpSession.Response cart = http.get("/fr/cart");
        assertEquals(200, cart.status());
        String page = cart.body().replace('\u00a0', ' ').replace('\u202f', ' ');
        assertTrue(page.contains("Produit FLOW-1"), page);
        assertTrue(page.contains("Taille M"));
        assertTrue(page.contains("39,80 €"), "subtotal 2 x 19,90");
        assertTrue(page.contains("4,90 €"), "flat shipping below 60 €");
        assertTrue(page.contains("44,70 €"), "total");
        assertTrue(page.contains("7,45 €"), "VAT included: 39.80/1.2 -> 6.63 + 4.90/1.2 -> 0.82");

        // 4 units: 79.60 >= 60, shipping is free
        http.postForm("/fr/cart/update", Map.of("variantId", String.valueOf(v), "quantity", "4"));
        String free = http.get("/fr/cart").body().replace('\u00a0', ' ').replace('\u202f', ' ');
        assertTrue(free.contains("79,60 €") && free.contains("Offerte"), free);

        HttpSession.Response form = http.get("/fr/checkout");
        assertEquals(200, form.status(), form.body());
        String key = idempotencyKey(form.body());
        HttpSession.Response placed = http.postForm("/fr/checkout", checkoutForm(key, "Guest@Example.com"));
        assertEquals(303, placed.status(), placed.body());
        assertTrue(placed.location().startsWith("/fr/order/"), placed.location());

        HttpSession.Response confirmation = http.get(placed.location());
        assertEquals(200, confirmation.status());
        OrdersRecord o = CommerceFixtures.dsl(app).selectFrom(ORDERS).where(ORDERS.EMAIL.eq("guest@example.com"))
                .fetchOne();
        assertNotNull(o);
        assertTrue(confirmation.body().contains(o.getNumber()), "confirmation shows the number");
        assertTrue(o.getNumber().matches("BR\\d{6}"), o.getNumber());
        assertEquals("web", o.getChannel());
        assertEquals("placed", o.getStatus());
        assertEquals(7960, o.getTotalMinor());
        assertEquals(0, o.getShippingMinor());
        assertEquals(1, CommerceFixtures.dsl(app).fetchCount(ORDER_LINE, ORDER_LINE.ORDER_ID.eq(o.getId())));
        assertEquals(4, CommerceFixtures.reserved(app, v));
        assertEquals(1, CommerceFixtures.dsl(app).fetchCount(STOCK_MOVEMENT, STOCK_MOVEMENT.VARIANT_ID.eq(v)));
        assertEquals(1, CommerceFixtures.dsl(app).fetchCount(EMAIL_OUTBOX,
                EMAIL_OUTBOX.KIND.eq("order_confirmation").and(EMAIL_OUTBOX.REFERENCE.eq(o.getNumber()))));
        assertEquals(1, CommerceFixtures.dsl(app).fetchCount(OUTBOX_EVENT,
                OUTBOX_EVENT.TYPE.eq("order.placed").and(OUTBOX_EVENT.AGGREGATE_ID.eq(o.getId().toString()))));
        String mailSubject = CommerceFixtures.dsl(app).select(EMAIL_OUTBOX.SUBJECT).from(EMAIL_OUTBOX)
                .where(EMAIL_OUTBOX.REFERENCE.eq(o.getNumber())).fetchOne(EMAIL_OUTBOX.SUBJECT);
        assertTrue(mailSubject.contains("commande"), "French e-mail: " + mailSubject);

        // Re-submitting the same form (double click, back button) gives the same order, not a second one.
        HttpSession.Response again = http.postForm("/fr/checkout", checkoutForm(key, "guest@example.com"));
        assertTrue(again.status() == 303 || again.status() == 302 || again.status() == 200, "status " + again.status());
        assertEquals(1, CommerceFixtures.dsl(app).fetchCount(ORDERS, ORDERS.EMAIL.eq("guest@example.com")));
        assertEquals(1, CommerceFixtures.dsl(app).fetchCount(EMAIL_OUTBOX, EMAIL_OUTBOX.REFERENCE.eq(o.getNumber())));

        // Guessing: a made-up token or the order number is a 404.
        assertEquals(404, app.http().get("/fr/order/" + "A".repeat(43)).status());
        assertEquals(404, app.http().get("/fr/order/" + o.getNumber()).status());
    }

    @Test
    void checkoutFormKeepsInputAndShowsFieldErrors() {
        long v = CommerceFixtures.product(app, "FLOW-ERR", 1000, 5);
        HttpSession http = app.http();
        http.postForm("/en/cart/add", Map.of("variantId", String.valueOf(v), "quantity", "1"));
        String key = idempotencyKey(http.get("/en/checkout").body());
        Map<String, String> f = checkoutForm(key, "not-an-email");
        f.put("city", "");
        HttpSession.Response r = http.postForm("/en/checkout", f);
        assertEquals(400, r.status());
        assertTrue(r.body().contains("Enter a valid e-mail address."), r.body());
        assertTrue(r.body().contains("value=\"not-an-email\""), "keeps what the user typed");
        assertTrue(r.body().contains("This field is required."));
        assertEquals(0, CommerceFixtures.reserved(app, v));
    }

    @Test
    void loggedInCustomerGetsGuestCartMergedAndOrderInHistory() {
        long v1 = CommerceFixtures.product(app, "MERGE-1", 2500, 10);
        long v2 = CommerceFixtures.product(app, "MERGE-2", 1500, 10);
        // The customer registers and leaves one unit of v1 in their cart, then logs out.
        HttpSession first = app.http();
        HttpSession.Response reg = first.postForm("/fr/account/register", Map.of("email", "Marie@Example.com",
                "password", "correct horse battery", "firstName", "Marie", "lastName", "Curie"));
        assertEquals(303, reg.status(), reg.body());
        first.postForm("/fr/cart/add", Map.of("variantId", String.valueOf(v1), "quantity", "1"));
        first.postForm("/fr/account/logout", Map.of());

        // As a guest on another device: 2 x v1 and 1 x v2, then log in.
        HttpSession http = app.http();
        http.postForm("/fr/cart/add", Map.of("variantId", String.valueOf(v1), "quantity", "2"));
        http.postForm("/fr/cart/add", Map.of("variantId", String.valueOf(v2), "quantity", "1"));
        String guestToken = http.cookie("brq_cart");
        String sidBefore = http.cookie("brq_sid");
        assertNull(sidBefore);
        HttpSession.Response bad = http.postForm("/fr/account/login", Map.of("email", "marie@example.com",
                "password", "wrong password!"));
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("E-mail ou mot de passe incorrect."));
        HttpSession.Response login = http.postForm("/fr/account/login", Map.of("email", "MARIE@example.com",
                "password", "correct horse battery"));
        assertEquals(303, login.status(), login.body());
        assertNotNull(http.cookie("brq_sid"));
        assertEquals("merged", CommerceFixtures.dsl(app).select(CART.STATUS).from(CART).where(CART.TOKEN.eq(guestToken))
                .fetchOne(CART.STATUS));
        String cartPage = http.get("/fr/cart").body();
        assertTrue(cartPage.contains("Produit MERGE-1") && cartPage.contains("Produit MERGE-2"), cartPage);
        assertTrue(cartPage.contains("value=\"3\""), "1 + 2 units of MERGE-1 after the merge");

        HttpSession.Response form = http.get("/fr/checkout");
        assertTrue(form.body().contains("value=\"marie@example.com\""), "e-mail prefilled");
        Map<String, String> f = checkoutForm(idempotencyKey(form.body()), "marie@example.com");
        f.put("shippingMethod", "pickup");
        f.put("storeCode", "PAR-MARAIS");
        f.put("paymentMethod", "pay_in_store");
        HttpSession.Response placed = http.postForm("/fr/checkout", f);
        assertEquals(303, placed.status(), placed.body());
        OrdersRecord o = CommerceFixtures.dsl(app).selectFrom(ORDERS).where(ORDERS.EMAIL.eq("marie@example.com")).fetchOne();
        assertEquals("click_and_collect", o.getChannel());
        assertNotNull(o.getCustomerId());
        assertEquals(0, o.getShippingMinor());
        assertEquals(3 * 2500 + 1500, o.getTotalMinor());
        assertEquals(3, CommerceFixtures.reserved(app, v1));

        HttpSession.Response history = http.get("/fr/account/orders");
        assertTrue(history.body().contains(o.getNumber()), history.body());
        assertEquals(200, http.get("/fr/account/orders/" + o.getNumber()).status());
        // Another visitor cannot see it in their account.
        assertEquals(303, app.http().get("/fr/account/orders/" + o.getNumber()).status());

        // Logout deletes the session row.
        int sessions = CommerceFixtures.count(app, WEB_SESSION);
        http.postForm("/fr/account/logout", Map.of());
        assertEquals(sessions - 1, CommerceFixtures.count(app, WEB_SESSION));
        assertFalse(http.get("/fr/account").status() == 200);
    }
}
