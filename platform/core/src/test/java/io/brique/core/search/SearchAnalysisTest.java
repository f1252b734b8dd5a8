package io.brique.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.search.SearchQuery.Expansion;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

class SearchAnalysisTest {

    private static final Analyzer EN = SearchAnalysis.analyzer("en");
    private static final Analyzer FR = SearchAnalysis.analyzer("fr");

    private static List<String> en(String s) {
        return SearchAnalysis.terms(EN, s);
    }

    private static List<String> fr(String s) {
        return SearchAnalysis.terms(FR, s);
    }

    @Test
    void englishStemsFoldsAndDropsStopWords() {
        assertEquals(List.of("hammer", "drill"), en("The Hammer Drills"));
        assertEquals(List.of("cafe", "tabl"), en("Café TABLES"));
        assertEquals(en("light bulb"), en("lights bulbs"));
        assertEquals(en("lowe paint"), en("Lowe's paint"), "possessive removed");
    }

    @Test
    void frenchElisionAccentsStopWordsAndLightStemming() {
        assertEquals(fr("ete"), fr("l’été"));
        assertEquals(fr("l'été"), fr("ÉTÉ"));
        assertEquals(List.of("chemis", "lin"), fr("Chemise en lin"));
        assertEquals(fr("chemises"), fr("chemise"), "plural");
        assertEquals(fr("coeur"), fr("Cœur"));
    }

    @Test
    void unitsAndFractionsHaveOneSpelling() {
        List<String> inch = en("1/2 in. copper pipe");
        assertEquals(List.of("1_2", "inch", "copper", "pipe"), inch);
        assertEquals(inch, en("1/2 inch copper pipe"));
        assertEquals(inch, en("1/2\" copper pipe"));
        assertEquals(inch, en("1/2in copper pipes"));
        assertEquals(en("5 gal bucket"), en("5-gal. bucket"));
        assertEquals(en("5 gal bucket"), en("5 gallon buckets"));
        assertEquals(en("10 ft"), en("10 feet"));
        assertEquals(en("10 ft"), en("10'"));
        assertEquals(en("100 sqft"), en("100 sq. ft."));
        assertEquals(en("12 volt"), en("12V"));
        assertEquals(en("60 watt"), en("60-Watt"));
        assertEquals(List.of("2", "x", "4", "2x4", "stud"), en("2 x 4 stud"));
        assertTrue(en("2 in. x 4 in. x 8 ft. stud").contains("2x4"), "dimension token from a title");
        assertTrue(en("2x4").contains("2x4"));
        assertEquals(List.of("2", "1", "printer"), en("2 in 1 printer"), "'in' before a number is not inches");
        assertEquals(fr("10 mm vis"), fr("10 millimètres vis"));
    }

    @Test
    void underscoresAndQuerySyntaxAreText() {
        assertEquals(List.of("ch", "mise"), fr("ch_mise"));
        assertEquals(List.of("titl", "b"), en("title:(a OR b*"), "Lucene syntax is plain words");
        assertEquals(List.of(), en("* ? ~ ( ) \" :"));
    }

    @Test
    void queryNeedsMostWordsAndExpansionsAreAGraph() {
        assertEquals(1, SearchQueries.minimumShouldMatch(1));
        assertEquals(2, SearchQueries.minimumShouldMatch(2));
        assertEquals(2, SearchQueries.minimumShouldMatch(3));
        assertEquals(3, SearchQueries.minimumShouldMatch(4));
        assertEquals(3, SearchQueries.minimumShouldMatch(5));
        SearchQueries.Built b = SearchQueries.build(EN, "cheap ps5 console",
                List.of(new Expansion("ps5", "playstation 5", 1.0, "r1"),
                        new Expansion("cheap console", "budget", 1.0, "r2"),
                        new Expansion("sofa", "couch", 1.0, "r3")), SearchQueries.Options.SEARCH);
        assertEquals(List.of("r1"), b.applied().stream().map(Expansion::rule).toList(),
                "only expansions whose words occur fire; overlapping cheap..console is not contiguous");
        String q = b.query().toString();
        assertTrue(q.contains("title:playstat") && q.contains("title:5"), q);
        SearchQueries.Built none = SearchQueries.build(EN, "   ", List.of(), SearchQueries.Options.SEARCH);
        assertEquals(null, none.query());
    }

    /** The catalog's words decide: a word no title holds is corrected more freely, or split in two. */
    @Test
    void unknownWordsAreCorrectedOrSplitWithTheCatalogVocabulary() {
        try (SearchIndex index = SearchIndex.inMemory(EN)) {
            List<String> titles = List.of("Chrome shower head", "Rain shower head with arm", "Door knob in brass",
                    "Entry door knob set", "Shower door seal", "Door stop", "Knob cabinet pull", "Shower curtain",
                    "Head lamp", "Outdoor ceiling fan", "Outdoor wall light", "Garage door opener", "Fan blade",
                    "Shower head filter", "Brass door knob", "Glass door knob", "Hex head bolt", "Flat head screw", "Shower caddy", "Knob kit");
            List<SearchDocument> docs = new java.util.ArrayList<>();
            for (int i = 0; i < titles.size(); i++) {
                docs.add(SearchDocument.titleOnly(i + 1, "en", titles.get(i)));
            }
            index.replaceAll(docs);
            java.util.function.Function<String, List<Long>> search = q -> {
                SearchQueries.Built b = SearchQueries.build(EN, q, List.of(), SearchQueries.Options.SEARCH,
                        index.vocabulary());
                SearchQueries.Built partial = SearchQueries.build(EN, q, List.of(),
                        SearchQueries.Options.SEARCH.relax(), index.vocabulary());
                // as the service does with fewer than a page of results: partial matches after the others
                return index.search(SearchQueries.exactFirst(b, partial).query(), null, 0, 10, false).ids();
            };
            assertEquals(0, index.vocabulary().titles("showerhead"));
            assertEquals(List.of(1L, 2L, 14L), search.apply("showerhead").stream().limit(3).sorted().toList(),
                    "no title has showerhead: shower head, as a phrase");
            assertTrue(search.apply("doorknob").containsAll(List.of(3L, 4L, 15L, 16L)));
            assertEquals(10L, search.apply("out door fan").getFirst(), "out door also finds Outdoor, first");
            assertEquals(5L, search.apply("shower dor seal").getFirst(), "1 edit");
            assertEquals(12L, search.apply("garage door opner").getFirst());
            assertEquals(List.of(), SearchQueries.build(EN, "showerhead", List.of(), SearchQueries.Options.SEARCH)
                    .applied(), "no vocabulary (Vocabulary.NONE): no split, no error");
        }
    }
}
