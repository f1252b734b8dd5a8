package io.brique.core.catalog;

import static io.brique.core.db.jooq.Tables.VARIANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Product pages are cached per node, but never show stale stock, and changes reach every node. */
@Tag("db")
class ProductCacheTest {

    static final String HEADER = String.join(",", ProductImportService.COLUMNS) + "\n";

    static HttpSession.Response importCsv(TestApp app, String token, String csv) {
        return app.http().send("POST", "/api/v1/imports/products", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + token));
    }

    @Test
    void changesReachTheCachedPagesOfEveryNode() {
        try (TestApp a = TestApp.start(Map.of("demo.enabled", "true"));
                TestApp b = TestApp.startOn(a.dbConfig(), Map.of())) {
            String token = a.apiToken();
            String line = "cache-1,active,Bol en grès,Stoneware bowl,,,arts-de-la-table,,standard,CACHE-1,,,%s,,EUR,%d,\n";
            assertEquals(200, importCsv(a, token, HEADER + line.formatted("19.90", 5)).status());
            b.app().catalog().catalog().catalogChanged(); // node B's category tree (the import made no new category)

            HttpSession.Response first = b.http().get("/fr/p/bol-en-gres");
            assertEquals(200, first.status());
            assertTrue(first.body().contains("19,90"), "cached on node B");

            // Stock is always read fresh: no event needed.
            a.app().core().db().dsl().update(VARIANT).set(VARIANT.STOCK_RESERVED, 5)
                    .where(VARIANT.SKU.eq("CACHE-1")).execute();
            assertTrue(b.http().get("/fr/p/bol-en-gres").body().contains("Rupture de stock"), "sold out at once");

            // A price change made through node A reaches node B's cache through the event.
            assertEquals(200, importCsv(a, token, HEADER + line.formatted("17.00", 5)).status());
            a.drainEvents();
            b.drainEvents();
            String page = b.http().get("/fr/p/bol-en-gres").body();
            assertTrue(page.contains("17,00"), "node B shows the new price");
            assertFalse(page.contains("19,90"));
        }
    }
}
