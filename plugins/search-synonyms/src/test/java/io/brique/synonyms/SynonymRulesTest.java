package io.brique.synonyms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.search.SearchQuery;
import io.brique.api.search.SearchQuery.Expansion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynonymRulesTest {

    static List<SynonymRule> parse(String text) {
        SolrFormat.Parsed p = SolrFormat.parse(text);
        assertEquals(List.of(), p.errors());
        return p.rules();
    }

    static List<String> expand(SynonymEngine e, String q) {
        return e.expansions(q).stream().map(x -> x.from() + ">" + x.to() + "@" + x.weight()).toList();
    }

    @Test
    void solrAndElasticsearchFormat() {
        List<SynonymRule> rules = parse("""
                # comment line

                sofa, couch, settee
                ps5 => playstation 5
                i-pod, i pod => ipod   # trailing comment
                a\\, b, c
                hamer => hammer # correction
                toliet => toilet # correction weight=0.4
                """);
        assertEquals(6, rules.size());
        assertEquals(SynonymRule.Type.MULTI_WAY, rules.get(0).type());
        assertEquals(List.of("sofa", "couch", "settee"), rules.get(0).from());
        assertEquals(SynonymRule.Type.ONE_WAY, rules.get(1).type());
        assertEquals(List.of("playstation 5"), rules.get(1).to());
        assertEquals(List.of("i-pod", "i pod"), rules.get(2).from());
        assertEquals(List.of("a, b", "c"), rules.get(3).from(), "escaped comma");
        assertEquals(SynonymRule.Type.CORRECTION, rules.get(4).type());
        assertEquals(SynonymRule.CORRECTION_WEIGHT, rules.get(4).weight());
        assertEquals(0.4, rules.get(5).weight());
        // export then import gives the same rules
        assertEquals(rules, parse(SolrFormat.write(rules)));
    }

    @Test
    void badFilesAreRejectedLineByLine() {
        SolrFormat.Parsed p = SolrFormat.parse("sofa, couch\nlonely\n=> x\na => b => c\nx, , y\nok => fine\n"
                + "a => b # correction weight=7\n" + "z".repeat(3000) + "\nbin\u0000ary\n");
        List<Integer> lines = p.errors().stream().map(SolrFormat.LineError::line).toList();
        assertEquals(List.of(2, 3, 4, 5, 7, 8, 9), lines, p.errors().toString());
        assertEquals(2, p.rules().size());
    }

    @Test
    void expansionsMultiWayOneWayPhrasesAndWeights() {
        SynonymEngine e = new SynonymEngine(parse("""
                sofa, couch
                ps5 => playstation 5
                hamer => hammer # correction
                deck over, deckover
                """));
        assertEquals(List.of("sofa>couch@1.0"), expand(e, "Sofa"));
        assertEquals(List.of("couches>sofa@1.0"), expand(e, "leather couches"), "plural meets the rule");
        assertEquals(List.of("ps5>playstation 5@1.0"), expand(e, "PS5 games"));
        assertEquals(List.of(), expand(e, "playstation 5"), "one way only");
        assertEquals(List.of("hamer>hammer@0.6"), expand(e, "claw hamer"), "corrections rank below exact");
        assertEquals(List.of("deck over>deckover@1.0"), expand(e, "behr deck over stain"), "phrase");
        assertEquals(List.of("deckover>deck over@1.0"), expand(e, "deckover"));
        SearchQuery q = e.expand(SearchQuery.of("sofa", "en"));
        assertEquals("sofa", q.text(), "the words typed are kept");
        assertEquals(1, q.expansions().size());
        assertTrue(q.expansions().getFirst().rule().contains("sofa, couch"), "the rule is named");
        assertEquals(SearchQuery.of("chair", "en"), e.expand(SearchQuery.of("chair", "en")));
    }

    @Test
    void tenThousandRulesStillOneLookupPerSpan() {
        List<SynonymRule> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(new SynonymRule(i, SynonymRule.Type.MULTI_WAY, List.of("word" + i, "alt" + i + " phrase"),
                    List.of(), 1.0));
        }
        many.add(new SynonymRule(10_001, SynonymRule.Type.MULTI_WAY, List.of("sofa", "couch"), List.of(), 1.0));
        SynonymEngine e = new SynonymEngine(many);
        assertEquals(10_001, e.size());
        assertEquals(List.of("word9999>alt9999 phrase@1.0", "sofa>couch@1.0"), expand(e, "word9999 sofa"));
        assertEquals(List.of("alt5 phrase>word5@1.0"), expand(e, "alt5 phrase"));
    }

    @Test
    void rulesValidateTheirTerms() {
        assertThrows(IllegalArgumentException.class, () -> new SynonymRule(0, SynonymRule.Type.MULTI_WAY,
                List.of("one"), List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new SynonymRule(0, SynonymRule.Type.ONE_WAY,
                List.of("a"), List.of("b"), 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Expansion("a", " ", 1, null));
    }
}
