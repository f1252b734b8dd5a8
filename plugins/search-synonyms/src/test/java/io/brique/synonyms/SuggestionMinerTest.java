package io.brique.synonyms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.synonyms.SuggestionMiner.Click;
import io.brique.synonyms.SuggestionMiner.Search;
import io.brique.synonyms.SuggestionMiner.Suggestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuggestionMinerTest {

    final SuggestionMiner miner = new SuggestionMiner();

    @Test
    void alignsTheDifferingWords() {
        assertArrayEquals(new String[] {"toliet", "toilet"}, SuggestionMiner.align("toliet seat", "Toilet seats"));
        assertArrayEquals(new String[] {"ps5", "playstation 5"}, SuggestionMiner.align("ps5 console",
                "playstation 5 console"));
        assertNull(SuggestionMiner.align("sofa", "sofas"), "same words");
        assertNull(SuggestionMiner.align("sofa", "sofa bed"), "an added word is a refinement, not a synonym");
        assertEquals(2, SuggestionMiner.editDistance("toliet", "toilet"));
    }

    @Test
    void zeroResultReformulationsThatLeadToAClickBecomeCorrections() {
        List<Search> searches = new ArrayList<>();
        List<Click> clicks = new ArrayList<>();
        // three shoppers type "toliet ..." (nothing), then the right word and click
        for (String s : List.of("s1", "s2", "s3")) {
            searches.add(new Search(s, 1000, "toliet seat", 0));
            searches.add(new Search(s, 20_000, "toilet seat", 12));
            clicks.add(new Click(s, 25_000, 7));
        }
        // one shopper only: not enough support
        searches.add(new Search("s4", 1000, "vynil plank", 0));
        searches.add(new Search("s4", 9000, "vinyl plank", 3));
        clicks.add(new Click("s4", 9500, 8));
        // reformulated but never clicked: no evidence
        searches.add(new Search("s5", 1000, "faucett", 0));
        searches.add(new Search("s5", 5000, "faucet", 40));
        searches.add(new Search("s6", 1000, "faucett", 0));
        searches.add(new Search("s6", 5000, "faucet", 40));
        // too late to be a reformulation of the same need
        searches.add(new Search("s7", 0, "sheetrock", 0));
        searches.add(new Search("s7", 3_600_000, "drywall", 10));
        clicks.add(new Click("s7", 3_600_500, 9));
        List<Suggestion> found = miner.mine(searches, clicks, Set.of());
        assertEquals(1, found.size(), found.toString());
        Suggestion s = found.getFirst();
        assertEquals(SynonymRule.Type.CORRECTION, s.type());
        assertEquals("toliet", s.from());
        assertEquals("toilet", s.to());
        assertEquals(3, s.sessions());
        assertEquals(0.6, s.confidence(), 1e-9);
        assertTrue(s.evidence().contains("“toliet seat” (0 results) then “toilet seat” (clicked)"), s.evidence());
        assertEquals(List.of(), miner.mine(searches, clicks, Set.of(s.key())), "rejected ones do not come back");
    }

    @Test
    void queriesClickingTheSameProductsBecomeMultiWay() {
        List<Search> searches = new ArrayList<>();
        List<Click> clicks = new ArrayList<>();
        searches.add(new Search("a", 0, "leather sofa", 5));
        clicks.add(new Click("a", 10, 42));
        searches.add(new Search("b", 0, "leather couch", 5));
        clicks.add(new Click("b", 10, 42));
        searches.add(new Search("c", 0, "leather couch", 5));
        clicks.add(new Click("c", 10, 42));
        assertEquals(List.of(), miner.mine(searches, clicks, Set.of()), "one sofa session is not enough");
        searches.add(new Search("d", 0, "leather sofa", 5));
        clicks.add(new Click("d", 10, 42));
        List<Suggestion> found = miner.mine(searches, clicks, Set.of());
        assertEquals(1, found.size(), found.toString());
        assertEquals(SynonymRule.Type.MULTI_WAY, found.getFirst().type());
        assertEquals(Set.of("sofa", "couch"), Set.of(found.getFirst().from(), found.getFirst().to()));
        assertEquals(4, found.getFirst().sessions());
        assertEquals("sofa, couch", SuggestionMiner.asRules(found).getFirst().toSolr().replace("couch, sofa",
                "sofa, couch"));
    }

    @Test
    void spellingVariantsOfTheCatalogVocabulary() {
        java.util.Map<String, Integer> vocabulary = java.util.Map.of("ridgid", 40, "rigid", 3, "faucet", 120,
                "hammer", 50, "hamper", 45, "tape", 30, "bracket", 60, "brackets", 20);
        List<Search> searches = new ArrayList<>();
        for (String session : List.of("a", "b", "c")) {
            searches.add(new Search(session, 0, "kitchen faucit", 0));
            searches.add(new Search(session, 1, "tpae measure", 0));
        }
        searches.add(new Search("a", 2, "hamer", 3));
        searches.add(new Search("b", 2, "hamer", 3));
        searches.add(new Search("a", 3, "brakcet", 0));
        searches.add(new Search("d", 3, "wallpaperz", 0));
        List<Suggestion> found = miner.spellingVariants(searches, vocabulary, Set.of());
        List<String> rules = found.stream().map(x -> x.from() + " => " + x.to()).toList();
        assertEquals(List.of("faucit => faucet", "tpae => tape"), rules,
                "hamer is as close to hammer as to hamper (no safe correction); brakcet: one session; "
                        + "kitchen and measure are not compared (no close catalog word)");
        Suggestion faucet = found.getFirst();
        assertEquals(SynonymRule.Type.CORRECTION, faucet.type());
        assertEquals(3, faucet.sessions());
        assertTrue(faucet.confidence() > found.get(1).confidence(), "faucet is in more product names than tape");
        assertTrue(faucet.evidence().contains("3 sessions") && faucet.evidence().contains("120 product names"),
                faucet.evidence());
        assertEquals(List.of("tpae => tape"), miner.spellingVariants(searches, vocabulary, Set.of(faucet.key()))
                .stream().map(x -> x.from() + " => " + x.to()).toList(), "a rejected suggestion does not come back");
    }
}
