package io.brique.core.commerce;

import static io.brique.core.db.jooq.Tables.EMAIL_OUTBOX;
import static io.brique.core.db.jooq.Tables.ORDER_ADJUSTMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.brique.api.cart.CartAdjustment;
import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Plugin adjusters are guarded (a failing or slow one contributes nothing) and discounts are capped. */
@Tag("db")
class CartAdjusterTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void clear() {
        app.app().commerce().cartAdjusters().unregisterOwner("test");
    }

    private String cartWith(long variant, int qty) {
        HttpSession http = app.http();
        String token = http.postJson("/api/v1/carts", "").json().get("token").asText();
        assertEquals(200, http.postJson("/api/v1/carts/" + token + "/lines",
                "{\"variantId\":" + variant + ",\"quantity\":" + qty + "}").status());
        return token;
    }

    @Test
    void failingAndSlowAdjustersAreIgnoredAndDiscountsApply() {
        long v = CommerceFixtures.product(app, "ADJ-1", 1990, 10);
        var registry = app.app().commerce().cartAdjusters();
        registry.register("test", cart -> {
            throw new IllegalStateException("plugin bug");
        });
        registry.register("test", cart -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(new CartAdjustment("slow", "SLOW", "never", -1000, CartAdjustment.Target.ITEMS));
        });
        registry.register("test", cart -> List.of(
                new CartAdjustment("promo", "WELCOME5", "Welcome -5 €", -500, CartAdjustment.Target.ITEMS),
                new CartAdjustment("promo", "FREESHIP", "Free shipping", -1000, CartAdjustment.Target.SHIPPING)));
        String token = cartWith(v, 1);
        long t0 = System.nanoTime();
        JsonNode cart = app.http().get("/api/v1/carts/" + token).json();
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2_500, "the slow adjuster did not hold the request");
        assertEquals("19.90", cart.get("subtotal").get("amount").asText());
        assertEquals("4.90", cart.get("shipping").get("amount").asText());
        // items 14.90 + shipping 4.90 - 4.90 (shipping discount capped at the shipping price)
        assertEquals("14.90", cart.get("total").get("amount").asText());
        assertEquals("9.90", cart.get("discount").get("amount").asText());

        HttpSession.Response placed = app.http().postJson("/api/v1/carts/" + token + "/checkout",
                CommerceFixtures.checkoutJson("adj@example.com", "home", null, "bank_transfer", "FR")
                        .replace("\"locale\":\"fr\"", "\"locale\":\"en\""),
                Map.of("Idempotency-Key", "adjuster-order-1"));
        assertEquals(201, placed.status(), placed.body());
        assertEquals("14.90", placed.json().get("total").get("amount").asText());
        assertEquals(3, CommerceFixtures.count(app, ORDER_ADJUSTMENT), "two promos and the shipping cap, frozen");
        String subject = CommerceFixtures.dsl(app).select(EMAIL_OUTBOX.SUBJECT).from(EMAIL_OUTBOX)
                .where(EMAIL_OUTBOX.REFERENCE.eq(placed.json().get("number").asText())).fetchOne(EMAIL_OUTBOX.SUBJECT);
        assertTrue(subject.contains("order") && subject.contains("confirmed"), "English e-mail: " + subject);
    }

    @Test
    void aDiscountLargerThanTheCartNeverMakesANegativeTotal() {
        long v = CommerceFixtures.product(app, "ADJ-2", 1000, 10);
        app.app().commerce().cartAdjusters().register("test", cart -> List.of(
                new CartAdjustment("promo", "HUGE", "Huge", -1_000_000, CartAdjustment.Target.ITEMS)));
        JsonNode cart = app.http().get("/api/v1/carts/" + cartWith(v, 2)).json();
        assertEquals("0.00", cart.get("total").get("amount").asText());
        assertEquals("0.00", cart.get("taxIncluded").get("amount").asText());
        assertEquals("20.00", cart.get("discount").get("amount").asText());
    }

    @Test
    void destinationVatIsAppliedForAnotherCountry() {
        long v = CommerceFixtures.product(app, "ADJ-3", 1990, 10);
        String token = cartWith(v, 1);
        JsonNode de = app.http().get("/api/v1/carts/" + token + "?country=DE").json();
        assertEquals("19.73", de.get("lines").get(0).get("unitPrice").get("amount").asText());
        assertEquals(400, app.http().get("/api/v1/carts/" + token + "?country=US").status());
        assertEquals(400, app.http().get("/api/v1/carts/" + token + "?country=fr'").status());
        JsonNode pickup = app.http().get("/api/v1/carts/" + token + "?shippingMethod=pickup").json();
        assertEquals("0.00", pickup.get("shipping").get("amount").asText());
    }
}
