package io.brique.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.search.SearchQuery;
import io.brique.core.catalog.CatalogFixture;
import io.brique.core.catalog.Views;
import io.brique.core.error.ValidationException;
import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class SearchTest {

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

    @AfterEach
    void clearRewriters() {
        app.app().catalog().searchRewriters().unregisterOwner("test");
    }

    private static Set<Long> find(String text, String lang) {
        SearchResult r = app.app().catalog().search().search(SearchRequest.of(text, lang, 1));
        return Set.copyOf(r.items().stream().map(Views.ProductSummary::id).toList());
    }

    @Test
    void caseAndAccentInsensitive() {
        assertEquals(Set.of(f.ecruShirt), find("ÉCRUE", "fr"));
        assertEquals(Set.of(f.ecruShirt), find("ecrue", "fr"));
        assertEquals(Set.of(f.bowl), find("gres", "fr"));
        assertEquals(Set.of(f.linenShirt), find("élégante", "fr"), "description is searched");
        assertEquals(Set.of(f.woolJumper, f.bowl), find("beta", "en"), "brand is searched");
    }

    @Test
    void everyTokenMustMatch() {
        assertEquals(Set.of(f.linenShirt, f.ecruShirt), find("chemise", "fr"), "hidden products never match");
        SearchResult linen = app.app().catalog().search().search(SearchRequest.of("chemise lin", "fr", 1));
        assertEquals(f.linenShirt, linen.items().getFirst().id());
        assertEquals(1, linen.exactMatches(), "one product has both words");
        assertTrue(linen.relaxed() && linen.total() > 1, "fewer than a page: partial matches follow, flagged");
        SearchResult partial = app.app().catalog().search().search(SearchRequest.of("chemise laine", "fr", 1));
        assertTrue(partial.relaxed(), "no product has both words: partial matches, flagged");
        assertEquals(0, partial.exactMatches());
        assertEquals(3, partial.total());
        SearchResult sorted = app.app().catalog().search().search(new SearchRequest("chemise lin", "fr", null,
                List.of(), null, null, false, io.brique.core.catalog.ListingQuery.Sort.PRICE_ASC, 1, 24));
        assertFalse(sorted.relaxed(), "sorted by price: only products with all the words");
        assertEquals(Set.of(f.linenShirt), sorted.items().stream().map(i -> i.id()).collect(
                java.util.stream.Collectors.toSet()));
        assertEquals(f.linenShirt, app.app().catalog().search().search(SearchRequest.of("linen shirt", "en", 1))
                .items().getFirst().id());
        assertEquals(Set.of(), find("linen shirt", "fr"), "locale matters");
    }

    @Test
    void wildcardsAreLiteral() {
        assertEquals(Set.of(), find("%", "fr"));
        assertEquals(Set.of(), find("_", "fr"));
        // Words are split on punctuation and underscores: "ch" and "mise" are two words no product has.
        assertEquals(Set.of(), find("ch_mise", "fr"));
        assertEquals(Set.of(), find("", "fr"));
        assertThrows(ValidationException.class, () -> find("x".repeat(201), "fr"));
    }

    @Test
    void throwingRewriterIsSkippedAndOthersApply() {
        var rewriters = app.app().catalog().searchRewriters();
        rewriters.register("test", q -> {
            throw new IllegalStateException("boom");
        });
        rewriters.register("test", q -> q.text().equals("bowl") ? new SearchQuery("stoneware", q.locale(),
                List.of()) : q);
        assertEquals(Set.of(f.linenShirt), find("linen", "en"));
        assertEquals(Set.of(f.bowl), find("bowl", "en"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "brique_plugin_failures_total\\{hook=\"search-rewriter\",plugin=\"test\"} ([0-9.]+)")
                .matcher(app.http().get("/metrics").body());
        assertTrue(m.find(), "failures are counted against the owner");
        assertTrue(Double.parseDouble(m.group(1)) >= 2);
    }

    @Test
    void hugeExpansionGraphsNeverFail() {
        // every word expands to long phrases: far beyond Lucene's clause limit once typos are added
        app.app().catalog().searchRewriters().register("test", q -> {
            List<SearchQuery.Expansion> many = new java.util.ArrayList<>();
            for (String w : q.text().split(" ")) {
                for (int i = 0; i < 10; i++) {
                    many.add(new SearchQuery.Expansion(w, "alpha beta gamma delta epsilon zeta eta theta iota kappa "
                            + "lambda mu " + i, 1.0, "r" + i));
                }
            }
            return q.withExpansions(many);
        });
        String text = "chemise lin elegante legere pour ete coton epais pull laine chaud bol";
        SearchResult r = app.app().catalog().search().search(SearchRequest.of(text, "fr", 1));
        assertTrue(r.total() >= 0);
        assertEquals(200, app.http().get("/fr/search?q=" + text.replace(' ', '+')).status());
        assertEquals(200, app.http().get("/api/v1/search/suggest?locale=fr&q=" + text.replace(' ', '+')).status());
        assertEquals(Set.of(f.linenShirt), find("chemise lin", "fr"), "expansions that match nothing change nothing");
    }

    @Test
    void alternativesAreTriedWhenTheQueryFindsNothing() {
        app.app().catalog().searchRewriters().register("test", q -> new SearchQuery(q.text(), q.locale(),
                List.of("pull")));
        assertEquals(Set.of(f.woolJumper), find("tricot", "fr"));
    }

    @Test
    void searchPage() {
        HttpSession.Response r = app.http().get("/fr/search?q=Chemise+%C3%A9crue");
        assertEquals(200, r.status());
        assertTrue(r.body().contains("Chemise écrue"));
        assertTrue(r.body().contains("value=\"Chemise écrue\""), "query kept in the header box");
        HttpSession.Response none = app.http().get("/en/search?q=zzzz");
        assertEquals(200, none.status());
        assertTrue(none.body().contains("No products match"), none.body());
        HttpSession.Response empty = app.http().get("/en/search");
        assertEquals(200, empty.status());
        assertEquals(400, app.http().get("/en/search?q=" + "a".repeat(201)).status());
        HttpSession.Response api = app.http().get("/api/v1/products?q=chemise&locale=fr&sort=price_desc");
        assertEquals(f.ecruShirt, api.json().get("items").get(0).get("id").asLong());
        assertEquals(2, api.json().get("total").asInt());
    }

    @Test
    void tokens() {
        assertEquals(List.of("chemise", "ecrue", "l", "ete"), TextNormalizer.tokens("Chemise  ÉCRUE, l’été!"));
        assertEquals(" coeur bleu ", TextNormalizer.document("Cœur", "bleu"));
    }
}
