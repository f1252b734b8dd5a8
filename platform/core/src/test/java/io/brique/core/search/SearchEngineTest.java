package io.brique.core.search;

import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.brique.api.event.Events;
import io.brique.core.catalog.CatalogFixture;
import io.brique.core.catalog.ProductImportService;
import io.brique.core.testing.TestApp;
import io.brique.testing.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Lucene search through real HTTP: relevance, typos, facets, sorting, paging, autocomplete, freshness. */
@Tag("db")
class SearchEngineTest {

    static final String HEADER = String.join(",", ProductImportService.COLUMNS) + "\n";
    static TestApp app;
    static CatalogFixture f;
    static String token;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        f = CatalogFixture.load(app.app());
        token = app.apiToken();
        HttpSession.Response r = importCsv(HEADER
                + "claw-hammer,active,Marteau arrache-clou,Claw hammer 16 oz,,Steel claw hammer,home,Stanley,standard,"
                + "CH-1,,,14.90,,EUR,8,\n"
                + "hammer-drill,active,Perceuse à percussion,Cordless hammer drill 18V,,Drills brick,home,Makita,"
                + "standard,HD-1,,,129.00,,EUR,0,\n"
                + "hamper,active,Panier à linge,Laundry hamper,,Wicker basket,home,Wicker Co,standard,HP-1,,,"
                + "29.00,,EUR,2,\n"
                + "copper-pipe,active,Tube cuivre 1/2 po,Copper pipe 1/2 in. x 10 ft.,,Type M,home,Mueller,"
                + "standard,CP-1,,,22.50,,EUR,5,\n"
                + "stud,active,Montant 2x4,Stud 2 in. x 4 in. x 8 ft.,,Whitewood,home,,standard,ST-1,,,"
                + "3.98,,EUR,100,\n");
        assertEquals(200, r.status(), r.body());
        assertEquals(5, r.json().get("created").asInt(), r.body());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpSession.Response importCsv(String csv) {
        return app.http().send("POST", "/api/v1/imports/products", "text/csv; charset=utf-8",
                csv.getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + token));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode api(String q, String extra) {
        HttpSession.Response r = app.http().get("/api/v1/products?locale=en&q=" + enc(q) + extra);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("items").forEach(i -> out.add(i.get("name").asText()));
        return out;
    }

    @Test
    void exactMatchesRankAboveTyposAndTyposStillFind() {
        List<String> hammer = names(api("hammer", ""));
        assertEquals(3, hammer.size(), hammer.toString());
        assertEquals("Laundry hamper", hammer.get(2), "the typo neighbour ranks last: " + hammer);
        assertTrue(hammer.subList(0, 2).containsAll(List.of("Claw hammer 16 oz", "Cordless hammer drill 18V")));
        assertEquals(List.of("Claw hammer 16 oz"), names(api("claw hamer", "")).subList(0, 1),
                "a typo still finds the claw hammer first");
        assertEquals("Cordless hammer drill 18V", names(api("cordles drils", "")).getFirst());
    }

    @Test
    void unitsNumbersAndFieldsMatter() {
        assertEquals("Copper pipe 1/2 in. x 10 ft.", names(api("1/2\" copper pipe", "")).getFirst());
        assertEquals(List.of("Copper pipe 1/2 in. x 10 ft."), names(api("pipe copper 1/2", "&sort=name")),
                "only products with all the words when not sorted by relevance");
        assertEquals("Copper pipe 1/2 in. x 10 ft.", names(api("copper pipe 1/2 inch", "")).getFirst());
        assertEquals(List.of("Stud 2 in. x 4 in. x 8 ft."), names(api("2x4", "")));
        assertEquals(List.of("Cordless hammer drill 18V"), names(api("makita", "")), "brand field");
        assertTrue(names(api("brick", "")).contains("Cordless hammer drill 18V"), "description field");
        assertEquals("Linen shirt", names(api("shirt linen", "")).getFirst(), "attributes and title");
        assertEquals(List.of("Perceuse à percussion"), names(app.http().get("/api/v1/products?locale=fr&q="
                + enc("perceuses")).json()), "French plural");
    }

    @Test
    void facetsSortingAndPaging() {
        JsonNode all = api("hammer", "");
        JsonNode facets = all.get("facets");
        assertEquals(3, all.get("total").asInt());
        assertEquals(2, facets.get("inStock").asInt(), "drill is sold out");
        List<String> brands = new ArrayList<>();
        facets.get("brands").forEach(b -> brands.add(b.get("key").asText() + "=" + b.get("count").asInt()));
        assertTrue(brands.contains("makita=1") && brands.contains("stanley=1"), brands.toString());
        assertEquals("home", facets.get("categories").get(0).get("key").asText());
        assertEquals(3, facets.get("categories").get(0).get("count").asInt());
        List<String> prices = new ArrayList<>();
        facets.get("prices").forEach(p -> prices.add(p.get("key").asText() + "=" + p.get("count").asInt()));
        assertEquals(List.of("10.00-24.99=1", "25.00-49.99=1", "100.00-249.99=1"), prices);

        assertEquals(List.of("Claw hammer 16 oz", "Laundry hamper", "Cordless hammer drill 18V"),
                names(api("hammer", "&sort=price_asc")));
        assertEquals("Cordless hammer drill 18V", names(api("hammer", "&sort=price_desc")).getFirst());
        assertEquals(List.of("Cordless hammer drill 18V"), names(api("hammer", "&brand=makita")));
        assertEquals(List.of("Laundry hamper"), names(api("hammer", "&minPrice=25&maxPrice=49.99")));
        assertEquals(2, api("hammer", "&inStock=true").get("total").asInt());
        assertEquals(0, api("hammer", "&category=clothing").get("total").asInt());
        JsonNode p2 = api("hammer", "&sort=price_asc&size=1&page=2");
        assertEquals(List.of("Laundry hamper"), names(p2));
        assertEquals(3, p2.get("pageCount").asInt());
        assertEquals(0, api("hammer", "&page=99").get("items").size());

        HttpSession.Response page = app.http().get("/en/search?q=hammer&brand=stanley");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Claw hammer 16 oz"));
        assertFalse(page.body().contains("Cordless hammer drill"), "brand filter on the page");
        assertTrue(page.body().contains("Makita") || page.body().contains("Stanley"), "brand facet shown");
    }

    @Test
    void aPlacedOrderRefreshesTheStockFlagOfItsProducts() {
        assertEquals(200, importCsv(HEADER + "chisel,active,Ciseau,Wood chisel,,,home,,standard,WC-1,,,"
                + "7.00,,EUR,1,\n").status());
        assertEquals(1, api("chisel", "&inStock=true").get("total").asInt());
        // the checkout reserved the last one (no product.changed), then announced the order
        app.app().core().db().txRun(tx -> {
            long pid = tx.dsl().select(PRODUCT_TRANSLATION.PRODUCT_ID).from(PRODUCT_TRANSLATION)
                    .where(PRODUCT_TRANSLATION.NAME.eq("Wood chisel")).fetchOne(PRODUCT_TRANSLATION.PRODUCT_ID);
            tx.dsl().update(io.brique.core.db.jooq.Tables.VARIANT)
                    .set(io.brique.core.db.jooq.Tables.VARIANT.STOCK_RESERVED, 1)
                    .where(io.brique.core.db.jooq.Tables.VARIANT.SKU.eq("WC-1")).execute();
            app.app().core().events().publish(tx, new Events.OrderPlaced(1, "T-1", "web", null, "a@example.com",
                    "EUR", 700, 0, 0, 0, 700, null, null,
                    List.of(new Events.OrderLine(1, pid, "WC-1", "Wood chisel", 1, 700, 700, 2000))));
        });
        app.drainEvents();
        assertEquals(0, api("chisel", "&inStock=true").get("total").asInt());
        assertEquals(1, api("chisel", "").get("total").asInt());
    }

    @Test
    void aCancelledOrderPutsItsProductsBackInStock() {
        assertEquals(200, importCsv(HEADER + "block-plane,active,Rabot,Block plane,,,home,,standard,BP-1,,,"
                + "25.00,,EUR,1,\n").status());
        assertEquals(1, api("block plane", "&inStock=true").get("total").asInt());
        long variant = app.app().core().db().dsl().select(io.brique.core.db.jooq.Tables.VARIANT.ID)
                .from(io.brique.core.db.jooq.Tables.VARIANT).where(io.brique.core.db.jooq.Tables.VARIANT.SKU.eq("BP-1"))
                .fetchOne(io.brique.core.db.jooq.Tables.VARIANT.ID);
        HttpSession http = app.http();
        String cart = http.postJson("/api/v1/carts", "").json().get("token").asText();
        assertEquals(200, http.postJson("/api/v1/carts/" + cart + "/lines",
                "{\"variantId\":" + variant + ",\"quantity\":1}").status());
        HttpSession.Response placed = http.postJson("/api/v1/carts/" + cart + "/checkout",
                io.brique.core.commerce.CommerceFixtures.checkoutJson("plane@example.com", "home", null,
                        "bank_transfer", "FR"), Map.of("Idempotency-Key", "plane-" + cart));
        assertEquals(201, placed.status(), placed.body());
        app.drainEvents();
        assertEquals(0, api("block plane", "&inStock=true").get("total").asInt(), "the last one is reserved");
        assertEquals(0, api("block plane", "").get("facets").get("inStock").asInt());
        HttpSession.Response cancelled = app.http().postJson("/api/v1/orders/" + placed.json().get("number").asText()
                + "/transitions", "{\"to\":\"cancelled\",\"note\":\"t\"}", Map.of("Authorization", "Bearer " + token));
        assertEquals(200, cancelled.status(), cancelled.body());
        app.drainEvents();
        assertEquals(1, api("block plane", "&inStock=true").get("total").asInt(), "released by the cancellation");
        assertEquals(1, api("block plane", "").get("facets").get("inStock").asInt());
    }

    @Test
    void startUpServesFromTheDatabaseWhileTheIndexIsBuilt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        List<Runnable> deferred = new ArrayList<>();
        var catalog = app.app().catalog();
        try (LuceneSearchService node = new LuceneSearchService(dir, List.of("en"), catalog.catalog(),
                catalog.searchRewriters(), new SearchDocuments(app.app().core().db(), catalog.catalog()::categories),
                new PopularQueries(), deferred::add)) {
            assertEquals(1, deferred.size(), "no index in the folder: a rebuild is scheduled, start-up goes on");
            assertTrue(node.degraded("en"));
            SearchResult early = node.search(SearchRequest.of("claw hammer", "en", 1));
            assertEquals(List.of("Claw hammer 16 oz"), early.items().stream().map(i -> i.name()).toList(),
                    "the database search answers meanwhile");
            assertEquals(0, node.search(SearchRequest.of("claw hamer", "en", 1)).total(), "no typo tolerance meanwhile");
            assertTrue(node.suggest("ham", "en", 5).products().isEmpty());
            deferred.getFirst().run();
            assertFalse(node.degraded("en"));
            assertTrue(node.awaitStartupRebuild(java.time.Duration.ofSeconds(1)));
            assertEquals("Claw hammer 16 oz", node.search(SearchRequest.of("claw hamer", "en", 1)).items().getFirst().name(),
                    "the index serves once built");
        }
    }

    @Test
    void autocompleteProductsCategoriesAndPopularQueries() {
        assertEquals(200, app.http().get("/en/search?q=copper+pipe").status());
        assertEquals(200, app.http().get("/en/search?q=copper+pipe").status());
        assertEquals(200, app.http().get("/en/search?q=zzzz+nothing").status());
        app.drainEvents();
        JsonNode s = app.http().get("/api/v1/search/suggest?locale=en&q=cop").json();
        assertEquals("Copper pipe 1/2 in. x 10 ft.", s.get("products").get(0).get("name").asText());
        assertEquals("copper pipe", s.get("queries").get(0).asText(), "popular queries that found products");
        JsonNode none = app.http().get("/api/v1/search/suggest?locale=en&q=zzz").json();
        assertEquals(0, none.get("queries").size(), "queries without results are never suggested");
        JsonNode cat = app.http().get("/api/v1/search/suggest?locale=fr&q=chem").json();
        assertEquals("Chemises", cat.get("categories").get(0).get("name").asText());
        assertTrue(cat.get("products").size() >= 2, "chem... completes to chemise products");
    }

    @Test
    void badInputNeverFails() {
        for (String q : List.of("title:(a OR", "*", "?", "\"", "a AND OR NOT", "~2^3", "\\", "[a TO z]",
                "\u0000\u0001\uFFFF", "<script>alert(1)</script>", "' OR 1=1 --", "x".repeat(200))) {
            assertEquals(200, app.http().get("/en/search?q=" + enc(q)).status(), q);
            assertEquals(200, app.http().get("/api/v1/products?locale=en&q=" + enc(q)).status(), q);
            assertEquals(200, app.http().get("/api/v1/search/suggest?locale=en&q=" + enc(q)).status(), q);
        }
        String huge = enc("x ".repeat(5000));
        assertEquals(400, app.http().get("/en/search?q=" + huge).status());
        assertEquals(400, app.http().get("/api/v1/products?locale=en&q=" + huge).status());
        assertEquals(400, app.http().get("/api/v1/search/suggest?locale=en&q=" + huge).status());
        assertEquals(400, app.http().get("/api/v1/search/suggest?locale=xx&q=a").status());
        assertEquals(0, api("*", "").get("total").asInt(), "* is not a wildcard");
    }

    @Test
    void productChangesReachEveryNodesIndex() {
        assertEquals(200, importCsv(HEADER + "rake,active,Râteau,Garden rake,,,home,,standard,RK-1,,,"
                + "12.00,,EUR,4,\n").status());
        TestApp second = TestApp.startOn(app.dbConfig(), Map.of());
        try {
            assertEquals(1, second.http().get("/api/v1/products?locale=en&q=rake").json().get("total").asInt(),
                    "a new node builds its index from the database");
            // A change made elsewhere (here straight in the database, with its event): both nodes follow.
            long id = app.app().core().db().tx(tx -> {
                long pid = tx.dsl().select(PRODUCT_TRANSLATION.PRODUCT_ID).from(PRODUCT_TRANSLATION)
                        .where(PRODUCT_TRANSLATION.NAME.eq("Garden rake")).fetchOne(PRODUCT_TRANSLATION.PRODUCT_ID);
                tx.dsl().update(PRODUCT_TRANSLATION).set(PRODUCT_TRANSLATION.NAME, "Rattan leaf rake")
                        .where(PRODUCT_TRANSLATION.PRODUCT_ID.eq(pid)).and(PRODUCT_TRANSLATION.LOCALE.eq("en"))
                        .execute();
                app.app().core().events().publish(tx, new Events.ProductChanged(pid, "updated"));
                return pid;
            });
            app.drainEvents();
            second.drainEvents();
            for (TestApp node : List.of(app, second)) {
                JsonNode r = node.http().get("/api/v1/products?locale=en&q=rattan").json();
                assertEquals(1, r.get("total").asInt());
                assertEquals(id, r.get("items").get(0).get("id").asLong());
            }
            // Imported on the first node: searchable there at once, and on the second after the events.
            assertEquals(200, importCsv(HEADER + "trowel,active,Truelle,Pointing trowel,,,home,,standard,TR-1,,,"
                    + "9.90,,EUR,4,\n").status());
            assertEquals(1, api("trowel", "").get("total").asInt());
            second.drainEvents();
            assertEquals(1, second.http().get("/api/v1/products?locale=en&q=trowel").json().get("total").asInt());
            // Hidden (draft): gone from the index everywhere.
            assertEquals(200, importCsv(HEADER + "trowel,draft,Truelle,Pointing trowel,,,home,,standard,TR-1,,,"
                    + "9.90,,EUR,4,\n").status());
            assertEquals(0, api("trowel", "").get("total").asInt());
            second.drainEvents();
            assertEquals(0, second.http().get("/api/v1/products?locale=en&q=trowel").json().get("total").asInt());
        } finally {
            second.close();
        }
        assertNotEquals(0, app.app().catalog().search().index("en").documentCount());
    }
}
