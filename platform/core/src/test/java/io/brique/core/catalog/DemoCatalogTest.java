package io.brique.core.catalog;

import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class DemoCatalogTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("demo.enabled", "true"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void demoCatalogIsLargeAndConsistent() {
        DSLContext dsl = app.app().core().db().dsl();
        int active = dsl.fetchCount(PRODUCT, PRODUCT.STATUS.eq("active"));
        assertTrue(active >= 300, "active products: " + active);
        // Every active product has a French and an English text and at least one variant priced above zero.
        int withBoth = dsl.fetchCount(DSL.select(PRODUCT_TRANSLATION.PRODUCT_ID).from(PRODUCT_TRANSLATION)
                .where(PRODUCT_TRANSLATION.LOCALE.in("fr", "en")).and(PRODUCT_TRANSLATION.NAME.ne(""))
                .and(PRODUCT_TRANSLATION.DESCRIPTION.isNotNull())
                .groupBy(PRODUCT_TRANSLATION.PRODUCT_ID).having(DSL.count().eq(2)));
        assertEquals(active, withBoth);
        int priced = dsl.fetchCount(DSL.selectDistinct(VARIANT.PRODUCT_ID).from(VARIANT)
                .where(VARIANT.PRICE_MINOR.gt(0L)).and(VARIANT.STATUS.eq("active")));
        assertEquals(active, priced);
        int skus = dsl.fetchCount(VARIANT);
        int distinct = dsl.fetchCount(DSL.selectDistinct(VARIANT.SKU).from(VARIANT));
        assertEquals(skus, distinct);
        assertTrue(skus > active, "variants with options");
        // Some stock situations of each kind.
        assertTrue(dsl.fetchCount(VARIANT, VARIANT.STOCK_ON_HAND.eq(0)) > 0);
        assertTrue(dsl.fetchCount(VARIANT, VARIANT.STOCK_ON_HAND.between(1, 4)) > 0);
        assertTrue(dsl.fetchCount(VARIANT, VARIANT.COMPARE_AT_MINOR.isNotNull()) > 0);
        // The tree: 6 top categories with subcategories, in the navigation.
        assertEquals(6, app.app().catalog().catalog().categories().roots().size());
        assertEquals(6, app.app().catalog().catalog().navigation("fr").size());
    }

    @Test
    void demoStorefrontPagesRender() {
        HttpSession http = app.http();
        HttpSession.Response home = http.get("/fr/");
        assertEquals(200, home.status());
        assertTrue(home.body().contains("/fr/c/vetements"), "navigation");
        HttpSession.Response cat = http.get("/fr/c/vetements?sort=price_desc&page=2");
        assertEquals(200, cat.status(), cat.body());
        HttpSession.Response en = http.get("/en/c/clothing");
        assertEquals(200, en.status());
        String slug = app.app().core().db().dsl().select(PRODUCT_TRANSLATION.SLUG).from(PRODUCT_TRANSLATION)
                .where(PRODUCT_TRANSLATION.LOCALE.eq("en")).limit(1).fetchOne(PRODUCT_TRANSLATION.SLUG);
        HttpSession.Response p = http.get("/en/p/" + slug);
        assertEquals(200, p.status(), p.body());
        assertTrue(p.body().contains("incl. VAT"));
        HttpSession.Response svg = http.get("/media/placeholder/1.svg");
        assertEquals(200, svg.status());
        assertTrue(svg.header("Content-Type").startsWith("image/svg+xml"));
        assertTrue(svg.body().startsWith("<svg"));
        assertEquals(404, http.get("/media/placeholder/999999.svg").status());
        assertEquals(404, http.get("/media/placeholder/abc.svg").status());
        HttpSession.Response s = http.get("/fr/search?q=chemise+lin");
        assertEquals(200, s.status());
        assertTrue(s.body().contains("/fr/p/"), "search finds demo products");
    }
}
