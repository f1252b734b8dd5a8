package io.brique.core.commerce;

import static io.brique.core.db.jooq.Tables.CART;
import static io.brique.core.db.jooq.Tables.CART_LINE;
import static io.brique.core.db.jooq.Tables.CUSTOMER;
import static io.brique.core.db.jooq.Tables.ORDERS;
import static io.brique.core.db.jooq.Tables.STOCK_MOVEMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bad input anywhere gives a clear 4xx, never a 500 and never a partial write. */
@Tag("db")
class BadInputTest {

    static TestApp app;
    static long variant;
    static long inactive;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        variant = CommerceFixtures.product(app, "BAD-1", 1500, 3);
        inactive = CommerceFixtures.product(app, "BAD-OFF", 1500, 3, "standard", "draft");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private String cart(HttpSession http) {
        return http.postJson("/api/v1/carts", "").json().get("token").asText();
    }

    private void status(int expected, HttpSession.Response r) {
        assertEquals(expected, r.status(), r.body());
        assertNotEquals(500, r.status());
    }

    @Test
    void cartApiRefusesBadLines() {
        HttpSession http = app.http();
        String t = cart(http);
        String lines = "/api/v1/carts/" + t + "/lines";
        status(400, http.postJson(lines, "{\"variantId\":" + variant + ",\"quantity\":"));
        status(400, http.postJson(lines, "[1,2]"));
        status(400, http.postJson(lines, "{\"variantId\":" + variant + ",\"quantity\":\"two\"}"));
        status(400, http.postJson(lines, "{\"variantId\":" + variant + ",\"quantity\":1,\"price\":1}"));
        status(415, http.send("POST", lines, "text/plain", "{}".getBytes(StandardCharsets.UTF_8), Map.of()));
        status(400, http.postJson(lines, "{\"variantId\":" + variant + ",\"quantity\":0}"));
        status(400, http.postJson(lines, "{\"variantId\":" + variant + ",\"quantity\":-1}"));
        status(400, http.postJson(lines, "{\"variantId\":" + variant + ",\"quantity\":1000}"));
        status(400, http.postJson(lines, "{\"variantId\":" + variant + ",\"quantity\":99999999999}"));
        status(400, http.postJson(lines, "{\"quantity\":1}"));
        status(400, http.postJson(lines, "{\"sku\":\"" + "X".repeat(300) + "\",\"quantity\":1}"));
        status(404, http.postJson(lines, "{\"variantId\":987654,\"quantity\":1}"));
        status(404, http.postJson(lines, "{\"sku\":\"NOPE\",\"quantity\":1}"));
        HttpSession.Response off = http.postJson(lines, "{\"variantId\":" + inactive + ",\"quantity\":1}");
        status(409, off);
        assertEquals("unavailable", off.json().get("code").asText());
        HttpSession.Response tooMany = http.postJson(lines, "{\"variantId\":" + variant + ",\"quantity\":4}");
        status(409, tooMany);
        assertEquals("out_of_stock", tooMany.json().get("code").asText());
        assertEquals(0, CommerceFixtures.dsl(app).fetchCount(CART_LINE));

        status(200, http.postJson(lines, "{\"sku\":\"BAD-1\",\"quantity\":2}"));
        status(409, http.postJson(lines, "{\"sku\":\"BAD-1\",\"quantity\":2}"));
        status(400, http.sendJson("PUT", lines + "/" + variant, "{\"quantity\":0}", Map.of()));
        status(400, http.sendJson("PUT", lines + "/" + variant, "{}", Map.of()));
        status(404, http.sendJson("PUT", lines + "/abc", "{\"quantity\":1}", Map.of()));
        status(404, http.sendJson("PUT", lines + "/" + inactive, "{\"quantity\":1}", Map.of()));
        status(404, http.sendJson("DELETE", lines + "/987654", null, Map.of()));
        assertEquals(2, CommerceFixtures.dsl(app).select(CART_LINE.QUANTITY).from(CART_LINE).fetchOne(CART_LINE.QUANTITY));

        status(404, http.get("/api/v1/carts/" + UUID.randomUUID()));
        status(404, http.get("/api/v1/carts/not-a-token"));
        status(404, http.get("/api/v1/carts/%27%20or%201=1"));
        status(404, http.postJson("/api/v1/carts/" + UUID.randomUUID() + "/lines", "{\"variantId\":1,\"quantity\":1}"));
    }

    @Test
    void checkoutApiRefusesBadInputWithoutWritingAnything() {
        HttpSession http = app.http();
        String t = cart(http);
        http.postJson("/api/v1/carts/" + t + "/lines", "{\"variantId\":" + variant + ",\"quantity\":1}");
        String url = "/api/v1/carts/" + t + "/checkout";
        String good = CommerceFixtures.checkoutJson("x@example.com", "home", null, "bank_transfer", "FR");
        int orders = CommerceFixtures.count(app, ORDERS);
        int movements = CommerceFixtures.count(app, STOCK_MOVEMENT);
        status(400, http.postJson(url, good));
        HttpSession.Response missingKey = http.postJson(url, good);
        assertTrue(missingKey.body().contains("Idempotency-Key"));
        Map<String, String> key = Map.of("Idempotency-Key", "bad-input-key-1");
        status(400, http.postJson(url, "{not json", key));
        status(415, http.send("POST", url, "application/x-www-form-urlencoded", "a=b".getBytes(), key));
        status(400, http.postJson(url, good.replace("Ada", "A".repeat(300)), key));
        status(400, http.postJson(url, good.replace("x@example.com", "not-an-email"), key));
        status(400, http.postJson(url, good.replace("\"FR\"", "\"US\""), key));
        status(400, http.postJson(url, good.replace("\"home\"", "\"drone\""), key));
        status(400, http.postJson(url, good.replace("bank_transfer", "bitcoin"), key));
        status(400, http.postJson(url, CommerceFixtures.checkoutJson("x@example.com", "home", null, "pay_in_store", "FR"), key));
        status(400, http.postJson(url, CommerceFixtures.checkoutJson("x@example.com", "pickup", "NOPE", "pay_in_store", "FR"), key));
        status(400, http.postJson(url, good, Map.of("Idempotency-Key", "short")));
        status(400, http.postJson(url, good, Map.of("Idempotency-Key", "x".repeat(101))));
        status(404, http.postJson("/api/v1/carts/" + UUID.randomUUID() + "/checkout", good, key));
        assertEquals(orders, CommerceFixtures.count(app, ORDERS));
        assertEquals(movements, CommerceFixtures.count(app, STOCK_MOVEMENT));
        assertEquals(0, CommerceFixtures.reserved(app, variant));
        assertEquals("active", CommerceFixtures.dsl(app).select(CART.STATUS).from(CART).where(CART.TOKEN.eq(t))
                .fetchOne(CART.STATUS));

        // An empty cart cannot be ordered.
        String empty = cart(http);
        HttpSession.Response r = http.postJson("/api/v1/carts/" + empty + "/checkout", good,
                Map.of("Idempotency-Key", "empty-cart-key"));
        status(409, r);
        assertEquals("cart_empty", r.json().get("code").asText());
    }

    @Test
    void storefrontFormsRefuseBadInput() {
        HttpSession http = app.http();
        status(400, http.postForm("/fr/cart/add", Map.of("variantId", "abc", "quantity", "1")));
        status(400, http.postForm("/fr/cart/add", Map.of("quantity", "1")));
        status(400, http.postForm("/fr/cart/add", Map.of("variantId", String.valueOf(variant), "quantity", "1e3")));
        HttpSession.Response zero = http.postForm("/fr/cart/add", Map.of("variantId", String.valueOf(variant), "quantity", "0"));
        assertEquals("/fr/cart?flash=quantity", zero.location());
        HttpSession.Response unknown = http.postForm("/fr/cart/add", Map.of("variantId", "99999", "quantity", "1"));
        assertEquals("/fr/cart?flash=not_found", unknown.location());
        assertTrue(http.get("/fr/cart?flash=not_found").body().contains("Ce produit est introuvable."));
        status(403, http.postFormRaw("/fr/cart/add", Map.of("variantId", String.valueOf(variant), "quantity", "1")));
        status(400, http.postForm("/fr/account/login", Map.of("email", "x".repeat(300), "password", "y")));
        status(404, http.get("/xx/cart"));
        assertEquals(0, CommerceFixtures.dsl(app).fetchCount(CART_LINE, CART_LINE.VARIANT_ID.eq(variant)
                .and(CART_LINE.QUANTITY.gt(2))));
    }

    @Test
    void customerApiValidatesAndThrottlesLogins() {
        HttpSession http = app.http();
        status(400, http.postJson("/api/v1/customers", "{\"email\":\"a@example.com\",\"password\":\"short\"}"));
        status(400, http.postJson("/api/v1/customers", "{\"email\":\"nope\",\"password\":\"long enough pw\"}"));
        status(400, http.postJson("/api/v1/customers", "{\"email\":\"a@example.com\",\"password\":\"long enough pw\","
                + "\"firstName\":\"" + "F".repeat(101) + "\"}"));
        HttpSession.Response ok = http.postJson("/api/v1/customers",
                "{\"email\":\"Throttle@Example.com\",\"password\":\"long enough pw\",\"firstName\":\"Tom\"}");
        status(201, ok);
        assertEquals("throttle@example.com", ok.json().get("email").asText());
        assertTrue(!ok.body().contains("argon2"), "the hash never leaves the server");
        HttpSession.Response dup = http.postJson("/api/v1/customers",
                "{\"email\":\"THROTTLE@example.com\",\"password\":\"long enough pw\"}");
        status(400, dup);
        assertEquals(1, CommerceFixtures.dsl(app).fetchCount(CUSTOMER, CUSTOMER.EMAIL.eq("throttle@example.com")));
        String hash = CommerceFixtures.dsl(app).select(CUSTOMER.PASSWORD_HASH).from(CUSTOMER)
                .where(CUSTOMER.EMAIL.eq("throttle@example.com")).fetchOne(CUSTOMER.PASSWORD_HASH);
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);

        status(401, http.get("/api/v1/customers"));
        String token = app.apiToken();
        var found = http.get("/api/v1/customers?q=THROTTLE", Map.of("Authorization", "Bearer " + token)).json();
        assertEquals(1, found.get("total").asInt());
        status(404, http.get("/api/v1/customers/999999", Map.of("Authorization", "Bearer " + token)));
        status(404, http.get("/api/v1/customers/abc", Map.of("Authorization", "Bearer " + token)));

        HttpSession web = app.http();
        for (int i = 0; i < 5; i++) {
            HttpSession.Response r = web.postForm("/en/account/login", Map.of("email", "throttle@example.com",
                    "password", "wrong password " + i));
            status(400, r);
            assertTrue(r.body().contains("Wrong e-mail or password."));
        }
        HttpSession.Response blocked = web.postForm("/en/account/login", Map.of("email", "throttle@example.com",
                "password", "long enough pw"));
        status(400, blocked);
        assertTrue(blocked.body().contains("Too many failed attempts"), "the right password is refused too while throttled");
        // Unknown e-mails get the same generic message.
        HttpSession.Response unknown = web.postForm("/en/account/login", Map.of("email", "ghost@example.com",
                "password", "whatever123"));
        assertTrue(unknown.body().contains("Wrong e-mail or password."));
    }
}
