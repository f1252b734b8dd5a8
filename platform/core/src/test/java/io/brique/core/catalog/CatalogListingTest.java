package io.brique.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Listings through the public API and the service: category subtree, filters, sort, paging, errors. */
@Tag("db")
class CatalogListingTest {

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

    private static List<Long> ids(String query) {
        HttpSession.Response r = app.http().get("/api/v1/products?" + query);
        assertEquals(200, r.status(), r.body());
        List<Long> out = new ArrayList<>();
        r.json().get("items").forEach(i -> out.add(i.get("id").asLong()));
        return out;
    }

    @Test
    void categoryIncludesDescendantsAndSecondaryCategoriesButNotHiddenProducts() {
        assertEquals(Set.of(f.linenShirt, f.woolJumper, f.ecruShirt), Set.copyOf(ids("category=vetements")));
        assertEquals(Set.of(f.linenShirt, f.ecruShirt), Set.copyOf(ids("category=shirts&locale=en")));
        assertEquals(Set.of(f.ecruShirt, f.bowl), Set.copyOf(ids("category=maison")));
        CategoryTree tree = app.app().catalog().catalog().categories();
        assertEquals(Set.of(f.clothing, f.shirts), tree.withDescendants(f.clothing));
    }

    @Test
    void filters() {
        assertEquals(Set.of(f.linenShirt, f.ecruShirt), Set.copyOf(ids("category=vetements&brand=alpha")));
        assertEquals(Set.of(f.woolJumper, f.ecruShirt), Set.copyOf(ids("category=vetements&minPrice=20")));
        assertEquals(List.of(f.linenShirt), ids("category=vetements&maxPrice=19.90"));
        assertEquals(Set.of(f.linenShirt, f.ecruShirt), Set.copyOf(ids("category=vetements&inStock=true")));
        assertEquals(List.of(f.bowl), ids("brand=beta&inStock=true"));
        // Filterable attributes (storefront form) go through the service.
        ListingQuery q = new ListingQuery("fr", null, List.of(), List.of(), null, null, false,
                java.util.Map.of("material", List.of("Lin")), null, 1, 24);
        assertEquals(List.of(f.linenShirt), app.app().catalog().catalog().list(q).items().stream()
                .map(Views.ProductSummary::id).toList());
    }

    @Test
    void sorts() {
        assertEquals(List.of(f.bowl, f.linenShirt, f.ecruShirt, f.woolJumper), ids("sort=price_asc"));
        assertEquals(List.of(f.woolJumper, f.ecruShirt, f.linenShirt, f.bowl), ids("sort=price_desc"));
        assertEquals(List.of(f.bowl, f.ecruShirt, f.woolJumper, f.linenShirt), ids("sort=newest"));
        assertEquals(List.of(f.ecruShirt, f.linenShirt, f.bowl, f.woolJumper), ids("sort=name&locale=en"));
        // Featured: in stock first, the sold-out jumper last.
        List<Long> featured = ids("");
        assertEquals(f.woolJumper, featured.getLast());
        assertEquals(4, featured.size());
    }

    @Test
    void pagingAndPageBeyondTheEnd() {
        HttpSession.Response r = app.http().get("/api/v1/products?sort=price_asc&size=3&page=2");
        JsonNode body = r.json();
        assertEquals(4, body.get("total").asInt());
        assertEquals(2, body.get("pageCount").asInt());
        assertEquals(1, body.get("items").size());
        assertEquals(f.woolJumper, body.get("items").get(0).get("id").asLong());
        HttpSession.Response beyond = app.http().get("/api/v1/products?page=99");
        assertEquals(200, beyond.status());
        assertEquals(0, beyond.json().get("items").size());
        assertEquals(4, beyond.json().get("total").asInt());
    }

    @Test
    void moneyIsExactDecimalStrings() {
        JsonNode item = app.http().get("/api/v1/products?category=maison&sort=price_desc").json().get("items").get(0);
        assertEquals(f.ecruShirt, item.get("id").asLong());
        assertEquals("29.90", item.get("price").get("amount").asText());
        assertEquals("EUR", item.get("price").get("currency").asText());
        assertEquals("39.90", item.get("compareAtPrice").get("amount").asText());
        assertEquals(10, item.get("available").asInt(), "on hand minus reserved");
    }

    @Test
    void badParametersAre400NamingTheField() {
        String[][] cases = {{"size=101", "size"}, {"size=0", "size"}, {"page=abc", "page"}, {"page=0", "page"},
            {"minPrice=-1", "minPrice"}, {"minPrice=1.999", "minPrice"}, {"maxPrice=1e5", "maxPrice"},
            {"minPrice=20&maxPrice=10", "maxPrice"}, {"inStock=maybe", "inStock"}, {"sort=cheapest", "sort"},
            {"locale=de", "locale"}, {"category=nope", "category"}, {"q=" + "x".repeat(201), "q"},
            {"brand=" + "b".repeat(300), "brand"}};
        for (String[] c : cases) {
            HttpSession.Response r = app.http().get("/api/v1/products?" + c[0]);
            assertEquals(400, r.status(), c[0] + " -> " + r.body());
            assertTrue(r.header("Content-Type").startsWith("application/problem+json"));
            boolean named = false;
            for (JsonNode e : r.json().get("errors")) {
                named |= e.get("field").asText().equals(c[1]);
            }
            assertTrue(named, c[0] + " names " + c[1] + ": " + r.body());
        }
    }

    @Test
    void productByIdAndUnknownIds() {
        HttpSession.Response r = app.http().get("/api/v1/products/" + f.linenShirt + "?locale=en");
        assertEquals(200, r.status());
        JsonNode p = r.json();
        assertEquals("Linen shirt", p.get("name").asText());
        assertEquals("/en/p/linen-shirt", p.get("url").asText());
        assertEquals(2, p.get("variants").size());
        assertEquals("19.90", p.get("variants").get(0).get("price").get("amount").asText());
        assertEquals("S", p.get("variants").get(0).get("options").get("size").asText());
        assertEquals("Material", p.get("attributes").get(0).get("label").asText());
        assertEquals("Shirts", p.get("breadcrumb").get(1).get("name").asText());
        assertEquals(404, app.http().get("/api/v1/products/999999").status());
        assertEquals(404, app.http().get("/api/v1/products/abc").status());
        assertEquals(404, app.http().get("/api/v1/products/-3").status());
        assertEquals(404, app.http().get("/api/v1/products/" + f.draftShirt).status(), "draft is hidden");
        assertEquals(404, app.http().get("/api/v1/products/" + f.ghostShirt).status(), "no active variant");
        assertEquals(400, app.http().get("/api/v1/products/" + f.linenShirt + "?locale=xx").status());
    }

    @Test
    void categoryTree() {
        JsonNode r = app.http().get("/api/v1/categories?locale=en").json();
        JsonNode cats = r.get("categories");
        assertEquals(2, cats.size());
        assertEquals("Clothing", cats.get(0).get("name").asText());
        assertEquals("shirts", cats.get(0).get("children").get(0).get("slug").asText());
        assertEquals("/en/c/home", cats.get(1).get("url").asText());
        assertEquals(400, app.http().get("/api/v1/categories?locale=zz").status());
    }

    @Test
    void summariesCarryBrandImageAndCheapestPrice() {
        CatalogService svc = app.app().catalog().catalog();
        Views.Page<Views.ProductSummary> page = svc.list(ListingQuery.simple("fr", 1, 24));
        assertEquals(4, page.items().size());
        Views.ProductSummary ecru = page.items().stream().filter(s -> s.id() == f.ecruShirt).findFirst().orElseThrow();
        assertEquals("Alpha", ecru.brand());
        assertEquals("/media/placeholder/" + f.ecruShirt + ".svg", ecru.imageUrl());
        assertFalse(ecru.multiplePrices());
        assertNull(page.items().stream().filter(s -> s.id() == f.bowl).findFirst().orElseThrow().compareAtMinor());
    }

    /** Counts the SQL statements the current thread runs inside {@code work}. */
    private static int queries(Runnable work) {
        org.jooq.Configuration cfg = app.app().core().db().dsl().configuration();
        org.jooq.ExecuteListenerProvider[] before = cfg.executeListenerProviders();
        Thread me = Thread.currentThread();
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        cfg.set(new org.jooq.impl.DefaultExecuteListenerProvider(new org.jooq.ExecuteListener() {
            @Override
            public void executeStart(org.jooq.ExecuteContext ctx) {
                if (Thread.currentThread() == me) {
                    n.incrementAndGet();
                }
            }
        }));
        try {
            work.run();
        } finally {
            cfg.set(before);
        }
        return n.get();
    }

    @Test
    void noQueryPerProduct() {
        CatalogService svc = app.app().catalog().catalog();
        int one = queries(() -> assertEquals(1, svc.list(ListingQuery.simple("fr", 1, 1)).items().size()));
        int four = queries(() -> assertEquals(4, svc.list(ListingQuery.simple("fr", 1, 24)).items().size()));
        assertEquals(one, four, "the query count does not grow with the page size");
        assertTrue(four <= 5, "count, ids, texts, variants, images: " + four);
        int detail = queries(() -> svc.product(f.linenShirt, "fr"));
        assertTrue(detail <= 6, "product detail queries: " + detail);
    }
}
