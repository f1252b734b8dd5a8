package io.brique.core.catalog;

import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Storefront pages in French and English: prices, stock, forms, breadcrumb, 404s, events. */
@Tag("db")
class StorefrontPagesTest {

    static TestApp app;
    static CatalogFixture f;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        f = CatalogFixture.load(app.app());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void productPageInFrench() {
        HttpSession.Response r = app.http().get("/fr/p/chemise-en-lin");
        assertEquals(200, r.status());
        String html = r.body();
        assertTrue(html.contains("<h1>Chemise en lin</h1>"), html);
        assertTrue(html.contains("19,90\u00a0€") || html.contains("19,90\u202f€") || html.contains("19,90 €"), html);
        assertTrue(html.contains("TTC"));
        assertTrue(html.contains("Plus que 5 en stock"), "5 left is low stock");
        assertTrue(html.contains("action=\"/fr/cart/add\""));
        assertTrue(html.contains("name=\"variantId\""));
        assertTrue(html.contains("name=\"quantity\""));
        assertTrue(HttpSession.csrfFromPage(html) != null, "CSRF field in the form");
        assertTrue(html.contains("value=\"" + f.linenShirtVariantS + "\""));
        assertTrue(html.contains("Matière") && html.contains("Lin"));
        assertTrue(html.contains("href=\"/fr/c/vetements\"") && html.contains("href=\"/fr/c/chemises\""), "breadcrumb");
        assertTrue(html.contains("href=\"/en/p/linen-shirt\""), "alternate language link");
        assertTrue(html.contains("alt=\"Chemise en lin\""));
        assertFalse(html.contains("??"), "no missing texts");
    }

    @Test
    void productPageInEnglishWithCompareAtPrice() {
        HttpSession.Response r = app.http().get("/en/p/ecru-shirt");
        assertEquals(200, r.status());
        String html = r.body();
        assertTrue(html.contains("€29.90"), html);
        assertTrue(html.contains("€39.90"));
        assertTrue(html.contains("<s class=\"was\">"));
        assertTrue(html.contains("incl. VAT"));
        assertTrue(html.contains("In stock"));
        assertTrue(html.contains("href=\"/fr/p/chemise-ecrue\""));
        assertFalse(html.contains("??"));
    }

    @Test
    void soldOutProduct() {
        String html = app.http().get("/en/p/wool-jumper").body();
        assertTrue(html.contains("Out of stock"));
        assertTrue(html.contains("disabled"), "add button disabled");
    }

    @Test
    void unknownOrHiddenProductsAndCategoriesAre404() {
        assertEquals(404, app.http().get("/fr/p/nope").status());
        assertEquals(404, app.http().get("/fr/p/linen-shirt").status(), "English slug on the French site");
        assertEquals(404, app.http().get("/fr/p/chemise-brouillon").status(), "draft");
        assertEquals(404, app.http().get("/fr/p/chemise-fantome").status(), "no active variant");
        assertEquals(404, app.http().get("/en/c/vetements").status());
        assertEquals(404, app.http().get("/de/c/clothing").status());
        assertTrue(app.http().get("/en/c/nope").body().contains("This page does not exist"));
    }

    @Test
    void slotsRenderEmptyWithoutPlugins() {
        String html = app.http().get("/fr/p/chemise-en-lin").body();
        assertFalse(html.contains("th:"), "no unprocessed Thymeleaf");
        assertFalse(html.contains("product.below-price"));
    }

    @Test
    void categoryPageWithFiltersSortAndPagination() {
        HttpSession.Response r = app.http().get("/fr/c/vetements?size=1&brand=alpha&sort=price_asc");
        assertEquals(200, r.status(), r.body());
        String html = r.body();
        assertTrue(html.contains("<h1>Vêtements</h1>"));
        assertTrue(html.contains("2 produits"), html);
        assertTrue(html.contains("Chemise en lin"));
        assertFalse(html.contains("Chemise écrue</h3>"), "second product is on page 2");
        assertTrue(html.contains("aria-current=\"page\""));
        assertTrue(html.contains("page=2"));
        assertTrue(html.contains("brand=alpha&amp;") || html.contains("brand=alpha&"), "links keep filters");
        assertTrue(html.contains("name=\"minPrice\""));
        assertTrue(html.contains("value=\"price_asc\" selected"), html);
        assertTrue(html.contains("Chemises"), "subcategory link");
        HttpSession.Response en = app.http().get("/en/c/clothing?inStock=true");
        assertTrue(en.body().contains("2 products"), en.body());
        assertEquals(400, app.http().get("/fr/c/vetements?minPrice=abc").status());
        assertEquals(400, app.http().get("/fr/c/vetements?page=-1").status());
        HttpSession.Response beyond = app.http().get("/fr/c/vetements?page=50");
        assertEquals(200, beyond.status());
    }

    @Test
    void homeShowsCategoriesProductsAndNavigation() {
        String html = app.http().get("/en/").body();
        assertTrue(html.contains("href=\"/en/c/clothing\""));
        assertTrue(html.contains("href=\"/en/c/home\""));
        assertTrue(html.contains("Linen shirt"));
        assertTrue(html.contains("Stoneware bowl"), "each department is in the selection");
        assertFalse(html.contains("Draft shirt"));
    }

    @Test
    void pageViewsAreRecordedAsEvents() throws Exception {
        app.http().get("/fr/p/chemise-en-lin");
        app.http().get("/fr/c/vetements");
        app.http().get("/fr/search?q=chemise");
        var dsl = app.app().core().db().dsl();
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            if (dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.eq("product.viewed")
                    .and(OUTBOX_EVENT.AGGREGATE_ID.eq(Long.toString(f.linenShirt)))) > 0
                    && dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.eq("product_list.viewed")) > 0
                    && dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.eq("search.performed")) > 0) {
                String payload = dsl.select(OUTBOX_EVENT.PAYLOAD).from(OUTBOX_EVENT)
                        .where(OUTBOX_EVENT.TYPE.eq("search.performed")).limit(1).fetchOne(OUTBOX_EVENT.PAYLOAD);
                assertTrue(payload.contains("chemise"), payload);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("observations not recorded within 5 s");
    }
}
