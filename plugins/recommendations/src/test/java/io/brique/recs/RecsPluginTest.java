package io.brique.recs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import io.brique.testkit.BriqueTestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The brick in a real shop: orders placed over HTTP are learnt from, a training makes "bought
 * together" appear on the product page and in the JSON API with its reason; the admin pages work;
 * disabling the plugin empties the slots at once and enabling it serves the stored model at once.
 */
@Tag("db")
class RecsPluginTest {

    static final String ID = "recommendations";

    BriqueTestServer shop;

    @BeforeEach
    void start() {
        // generous budgets: this suite checks what is shown, not speed, on a busy shared 2-core machine
        // (a slot over budget renders nothing, by design)
        shop = BriqueTestServer.start(Map.of("plugins.slot-budget", "3s", "recommendations.budget", "2s"));
        shop.installFolder(Path.of("target/classes"));
        shop.enable(ID);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    static String checkoutJson(String email) {
        return """
                {"email":"%s","address":{"firstName":"Ada","lastName":"Lovelace","line1":"1 rue de Rivoli",
                "postcode":"75001","city":"Paris","country":"FR","phone":"+33 1 23 45 67 89"},
                "shippingMethod":"home","paymentMethod":"bank_transfer","locale":"en"}""".formatted(email);
    }

    private long variant(BriqueTestServer.Product p) {
        return shop.brique().core().db().dsl().resultQuery("SELECT id FROM variant WHERE product_id = ?", p.id())
                .fetchOne(0, Long.class);
    }

    private void order(String email, BriqueTestServer.Product... products) {
        HttpSession http = shop.http();
        String token = http.postJson("/api/v1/carts", "").json().get("token").asText();
        for (BriqueTestServer.Product p : products) {
            assertEquals(200, http.postJson("/api/v1/carts/" + token + "/lines", "{\"variantId\":" + variant(p)
                    + ",\"quantity\":1}").status());
        }
        HttpSession.Response r = http.postJson("/api/v1/carts/" + token + "/checkout", checkoutJson(email),
                Map.of("Idempotency-Key", "k-" + email.replaceAll("[^a-z0-9]", "-")));
        assertEquals(201, r.status(), r.body());
    }

    private String api(long productId) {
        HttpSession.Response r = shop.http().get("/api/v1/recommendations?placement=product&productIds=" + productId
                + "&limit=4&locale=en");
        assertEquals(200, r.status(), r.body());
        return r.body();
    }

    @Test
    void ordersTrainBoughtTogetherShownOnTheProductPageAndApiThenToggleOffAndOn() {
        BriqueTestServer.Product mug = shop.createProduct("recs-mug", "Mug", "12.00");
        BriqueTestServer.Product saucer = shop.createProduct("recs-saucer", "Saucer", "6.00");
        BriqueTestServer.Product teapot = shop.createProduct("recs-teapot", "Teapot", "30.00");
        shop.createProduct("recs-lamp", "Lamp", "40.00");
        order("a@example.com", mug, saucer);
        order("b@example.com", mug, saucer);
        order("c@example.com", mug, saucer, teapot);
        shop.drainEvents();
        HttpSession admin = shop.adminHttp();
        HttpSession.Response trained = admin.postForm("/admin/plugins/recommendations/train", Map.of());
        assertEquals(303, trained.status(), trained.body());

        String page = shop.http().get(mug.urlEn()).body();
        assertTrue(page.contains("class=\"recommendations\""), page);
        assertTrue(page.contains("Bought together 3 times"), page);
        assertTrue(page.contains("data-product-id=\"" + saucer.id() + "\""));
        assertFalse(page.contains("data-product-id=\"" + mug.id() + "\""), "never the product itself");
        assertTrue(shop.http().get(mug.urlFr()).body().contains("Achetés ensemble 3 fois"));
        String json = api(mug.id());
        assertTrue(json.indexOf("\"id\":" + saucer.id()) < json.indexOf("\"id\":" + teapot.id()), json);

        HttpSession.Response status = admin.get("/admin/plugins/recommendations/");
        assertEquals(200, status.status());
        assertTrue(status.body().contains("Train now") || status.body().contains("Entraîner"), status.body());
        HttpSession.Response preview = admin.get("/admin/plugins/recommendations/preview?placement=product&productId="
                + mug.id());
        assertEquals(200, preview.status());
        assertTrue(preview.body().contains("Saucer") && preview.body().contains("3"), preview.body());

        shop.disable(ID);
        assertFalse(shop.http().get(mug.urlEn()).body().contains("class=\"recommendations\""),
                "disabling empties the slots at once");
        assertFalse(api(mug.id()).contains("\"id\":" + saucer.id()));

        shop.enable(ID);
        assertTrue(api(mug.id()).contains("\"id\":" + saucer.id()), "the stored model serves at once");
    }

    @Test
    void rulesAndAdminPagesValidateInput() {
        BriqueTestServer.Product mug = shop.createProduct("rule-mug", "Mug", "12.00");
        BriqueTestServer.Product saucer = shop.createProduct("rule-saucer", "Saucer", "6.00");
        order("r@example.com", mug, saucer);
        shop.drainEvents();
        HttpSession admin = shop.adminHttp();
        assertEquals(303, admin.postForm("/admin/plugins/recommendations/train", Map.of()).status());
        assertTrue(api(mug.id()).contains("\"id\":" + saucer.id()));
        for (Map<String, String> bad : java.util.List.of(Map.of("kind", "hide", "productId", "1"),
                Map.of("kind", "ban", "productId", "x"), Map.of("kind", "boost", "productId", "1", "factor", "-2"),
                Map.of("kind", "pin", "productId", "1", "placement", "footer"))) {
            HttpSession.Response r = admin.postForm("/admin/plugins/recommendations/rules/add", bad);
            assertEquals(400, r.status(), bad + " -> " + r.body());
        }
        assertEquals(303, admin.postForm("/admin/plugins/recommendations/rules/add", Map.of("kind", "ban", "productId",
                Long.toString(saucer.id()), "placement", "")).status());
        assertFalse(api(mug.id()).contains("\"id\":" + saucer.id()), "banned at once");
        assertEquals(400, admin.get("/admin/plugins/recommendations/preview?placement=nowhere").status());
        assertEquals(400, admin.get("/admin/plugins/recommendations/preview?productId=abc").status());
        for (String p : java.util.List.of("/", "/preview", "/experiments", "/evaluation")) {
            HttpSession.Response r = admin.get("/admin/plugins/recommendations" + p);
            assertEquals(200, r.status(), p);
            assertFalse(r.body().contains("??recs."), p + " has a missing text: " + r.body());
        }
        int anonymous = shop.http().get("/admin/plugins/recommendations/").status();
        assertTrue(anonymous == 302 || anonymous == 303, "anonymous visitors are sent to the login page: " + anonymous);
    }

    @Test
    void anExperimentSplitsVisitorsStickilyAndReportsPerVariant() {
        BriqueTestServer.Product mug = shop.createProduct("exp-mug", "Mug", "12.00");
        BriqueTestServer.Product saucer = shop.createProduct("exp-saucer", "Saucer", "6.00");
        order("e@example.com", mug, saucer);
        shop.drainEvents();
        HttpSession admin = shop.adminHttp();
        assertEquals(303, admin.postForm("/admin/plugins/recommendations/train", Map.of()).status());
        Map<String, String> settings = new java.util.HashMap<>();
        for (var setting : new RecsSettings().settings()) { // the whole form, as the admin console sends it
            settings.put(setting.key(), setting.defaultValue());
        }
        settings.putAll(Map.of("experiment.placement", "product", "experiment.strategy_b", "none",
                "experiment.percent_b", "50"));
        shop.saveSettings(ID, settings);
        int shown = 0;
        for (int v = 0; v < 40; v++) {
            String url = "/api/v1/recommendations?placement=product&productIds=" + mug.id() + "&visitorId=v" + v;
            boolean a = shop.http().get(url).json().get("items").size() > 0;
            assertEquals(a, shop.http().get(url).json().get("items").size() > 0, "the same visitor, the same variant");
            shown += a ? 1 : 0;
        }
        assertTrue(shown > 8 && shown < 32, "about half of 40 visitors see variant A: " + shown);
        HttpSession.Response report = admin.get("/admin/plugins/recommendations/experiments");
        assertEquals(200, report.status());
        String body = report.body();
        assertTrue(body.contains("slot-product:bought-together-vs-none"), body);
        assertTrue(body.contains(">" + (2 * shown) + "<") && body.contains(">" + (2 * (40 - shown)) + "<"),
                "impressions per variant: " + body);
    }
}
