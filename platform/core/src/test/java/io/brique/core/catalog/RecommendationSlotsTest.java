package io.brique.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.catalog.CatalogFacts;
import io.brique.api.recommendation.RecommendationProvider;
import io.brique.core.plugin.ExtensionRegistry;
import io.brique.core.testing.TestApp;
import io.brique.testing.HttpSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The core calls the enabled recommendation providers in the storefront slots and the JSON API:
 * tiles with reasons, only active products, never the page's own product; a failing or slow provider
 * gives an empty block and a 200; no provider, no block. Plus the read-only catalog facts for plugins.
 */
@Tag("db")
class RecommendationSlotsTest {

    static TestApp app;
    static CatalogFixture f;
    static ExtensionRegistry registry;
    static final List<RecommendationProvider.Request> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        // generous budgets on a busy shared machine (over budget renders nothing, by design); the slow
        // provider below sleeps well beyond them
        app = TestApp.start(Map.of("plugins.slot-budget", "3s", "recommendations.budget", "1s"));
        f = CatalogFixture.load(app.app());
        registry = app.app().core().extensions();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void clear() {
        registry.unregisterOwner("recs-test");
        seen.clear();
    }

    private void provide(RecommendationProvider p) {
        registry.register("recs-test", RecommendationProvider.class, p);
    }

    private void fixed() {
        provide(req -> {
            seen.add(req);
            return List.of(new RecommendationProvider.Recommendation(f.woolJumper, 3.0, "Bought together 37 times"),
                    new RecommendationProvider.Recommendation(f.draftShirt, 2.0, "draft: never shown"),
                    new RecommendationProvider.Recommendation(f.linenShirt, 1.5, "the page's own product"),
                    new RecommendationProvider.Recommendation(f.bowl, 1.0, "Similar category and brand"));
        });
    }

    @Test
    void productPageShowsTilesWithReasons() {
        fixed();
        String html = app.http().get("/en/p/linen-shirt").body();
        assertTrue(html.contains("class=\"recommendations\""), html);
        assertTrue(html.contains("Bought together 37 times") && html.contains("Similar category and brand"));
        assertTrue(html.contains("data-product-id=\"" + f.woolJumper + "\""));
        assertFalse(html.contains("draft: never shown"), "inactive products are never shown");
        assertFalse(html.contains("data-product-id=\"" + f.linenShirt + "\""), "never the page's own product");
        assertTrue(app.http().get("/fr/p/chemise-en-lin").body().contains("Vous aimerez aussi"));
        RecommendationProvider.Request req = seen.stream().filter(r -> r.placement().equals("product")).findFirst()
                .orElseThrow();
        assertEquals(List.of(f.linenShirt), req.productIds());
        assertEquals(RecommendationSlots.TILES, req.limit());
    }

    @Test
    void homePageAndApi() {
        fixed();
        assertTrue(app.http().get("/en/").body().contains("data-placement=\"home\""));
        HttpSession.Response r = app.http().get("/api/v1/recommendations?placement=product&productIds="
                + f.linenShirt + "&limit=3&locale=fr&visitorId=v-1");
        assertEquals(200, r.status(), r.body());
        var items = r.json().get("items");
        assertEquals(2, items.size(), r.body());
        assertEquals(f.woolJumper, items.get(0).get("product").get("id").asLong());
        assertEquals("Bought together 37 times", items.get(0).get("reason").asText());
        assertEquals("v-1", seen.getLast().visitorId());
        assertEquals("fr", seen.getLast().locale());
    }

    @Test
    void badInputIs400() {
        fixed();
        for (String q : List.of("placement=nowhere", "placement=product&productIds=1,x", "placement=product&limit=0",
                "placement=product&limit=abc", "placement=product&locale=de", "placement=home&visitorId=%3Cscript%3E",
                "placement=product&productIds=-4", "")) {
            HttpSession.Response r = app.http().get("/api/v1/recommendations?" + q);
            assertEquals(400, r.status(), q + " -> " + r.body());
        }
    }

    @Test
    void failingOrSlowProviderGivesAnEmptyBlockNotAnError() {
        provide(req -> {
            throw new IllegalStateException("boom");
        });
        HttpSession.Response r = app.http().get("/en/p/linen-shirt");
        assertEquals(200, r.status());
        assertFalse(r.body().contains("class=\"recommendations\""));
        registry.unregisterOwner("recs-test");
        provide(req -> {
            try {
                Thread.sleep(6_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(new RecommendationProvider.Recommendation(f.woolJumper, 1, "late"));
        });
        long t0 = System.nanoTime();
        HttpSession.Response slow = app.http().get("/api/v1/recommendations?placement=home");
        assertEquals(200, slow.status());
        assertEquals(0, slow.json().get("items").size());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "the budget cuts the slow provider off");
    }

    @Test
    void noProviderNoBlock() {
        assertFalse(app.http().get("/en/p/linen-shirt").body().contains("class=\"recommendations\""));
        assertEquals(0, app.http().get("/api/v1/recommendations?placement=home").json().get("items").size());
    }

    @Test
    void catalogFactsForPlugins() {
        CatalogFacts facts = registry.entries(CatalogFacts.class).getFirst().extension();
        List<Long> active = facts.activeIds(0, 100);
        assertTrue(active.contains(f.linenShirt) && active.contains(f.bowl));
        assertFalse(active.contains(f.draftShirt));
        assertEquals(List.of(active.get(1)), facts.activeIds(active.get(0), 1));
        Map<Long, CatalogFacts.Product> byId = new java.util.HashMap<>();
        facts.products(List.of(f.linenShirt, f.draftShirt, 999_999L), "en").forEach(p -> byId.put(p.id(), p));
        assertEquals(2, byId.size(), "unknown ids are left out");
        CatalogFacts.Product linen = byId.get(f.linenShirt);
        assertEquals("Linen shirt", linen.title());
        assertTrue(linen.active() && linen.inStock());
        assertTrue(linen.categoryIds().contains(f.shirts), linen.toString());
        assertTrue(linen.brandId() != null && linen.brand() != null);
        assertFalse(linen.attributes().isEmpty(), linen.toString());
        assertEquals("EUR", linen.currency());
        assertFalse(byId.get(f.draftShirt).active());
    }
}
