package io.brique.crm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Worked examples: a small base where the duplicates are known, resolved without labels. */
class ResolverTest {
    private static final String[] GIVEN = {"marie", "pierre", "sophie", "lucas", "camille", "hugo", "lea", "louis",
            "chloe", "nathan", "emma", "jules", "manon", "arthur", "ines", "paul", "julie", "theo", "sarah", "tom"};
    private static final String[] FAMILY = {"martin", "bernard", "dubois", "thomas", "robert", "richard", "petit",
            "durand", "leroy", "moreau", "simon", "laurent", "lefebvre", "michel", "garcia", "david", "bertrand",
            "roux", "vincent", "fournier", "morel", "girard", "andre", "mercier", "dupont", "lambert", "bonnet"};

    /** 400 distinct people; then the first 40 again with typical mistakes. */
    static List<PersonRecord> base() {
        Random r = new Random(1);
        List<PersonRecord> list = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String g = GIVEN[r.nextInt(GIVEN.length)], f = FAMILY[r.nextInt(FAMILY.length)];
            list.add(new PersonRecord("c" + i, "account", g, f, g + "." + f + i + "@mail.fr",
                    String.format("06%08d", r.nextInt(100_000_000)), null, (1 + r.nextInt(90)) + " rue " + FAMILY[r.nextInt(FAMILY.length)],
                    null, "Lyon", String.format("69%03d", r.nextInt(10)), "FR",
                    String.format("19%02d-%02d-%02d", 40 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28))));
        }
        for (int i = 0; i < 40; i++) {
            PersonRecord p = list.get(i);
            String g = p.givenName(), f = p.familyName(), email = p.email(), phone = p.phone(), dob = p.birthDate();
            switch (i % 4) {
                case 0 -> { f = f.toUpperCase(); email = null; }                      // guest order, name in capitals
                case 1 -> { g = f; f = p.givenName(); phone = "+33 " + phone.substring(1); } // swapped names
                case 2 -> { f = f.substring(0, 2) + f.charAt(3) + f.charAt(2) + f.substring(4); email = email.toUpperCase(); }
                default -> { dob = dob.substring(0, 5) + dob.substring(8) + "-" + dob.substring(5, 7); phone = null; }
            }
            list.add(new PersonRecord("d" + i, "guest-order", g, f, email, phone, null, p.street(), null, p.city(),
                    p.postcode(), "FR", dob.matches("\\d{4}-\\d{2}-\\d{2}") && Integer.parseInt(dob.substring(5, 7)) <= 12 ? dob : p.birthDate()));
        }
        return list;
    }

    @Test
    void findsTheKnownDuplicatesWithoutLabelsAndNothingElse() {
        List<PersonRecord> records = base();
        BatchResolver.Result result = BatchResolver.defaults("FR").resolve(records);
        int truePositives = 0, falsePositives = 0;
        for (int p = 0; p < result.pairCount(); p++) {
            if (result.probability(p) < Thresholds.DEFAULT.review()) continue;
            String a = records.get(result.left()[p]).id(), b = records.get(result.right()[p]).id();
            if (a.substring(1).equals(b.substring(1))) truePositives++;
            else falsePositives++;
        }
        assertEquals(40, truePositives, "every duplicate found");
        assertEquals(0, falsePositives, "no two different people linked");
        assertTrue(result.pairCount() < records.size() * 20L, "blocking compared " + result.pairCount() + " pairs");
    }

    @Test
    void incrementalCheckFindsTheEarlierAccountAtOnce() {
        List<PersonRecord> records = base();
        MatchModel model = BatchResolver.defaults("FR").resolve(records).model();
        IncrementalResolver incremental = new IncrementalResolver(new PersonNormalizer("FR"), model, 0.5, 500);
        for (PersonRecord r : records.subList(0, 400)) incremental.add(r);
        PersonRecord first = records.get(0);
        List<IncrementalResolver.Match> matches = incremental.add(new PersonRecord("new", "account", "Bob", first.familyName(),
                first.email().toUpperCase(), null, null, null, null, null, first.postcode(), "FR", first.birthDate()));
        assertFalse(matches.isEmpty());
        assertEquals("c0", matches.get(0).id());
        Evidence evidence = Evidence.of(matches.get(0).pattern(), model);
        assertEquals(0, evidence.items().get(Feature.EMAIL.ordinal()).level(), "e-mail compared case-insensitively");
        assertEquals(Feature.MISSING, evidence.items().get(Feature.PHONE.ordinal()).level());
        assertTrue(evidence.items().get(Feature.EMAIL.ordinal()).weight() > 0);
        assertTrue(incremental.add(new PersonRecord("other", "account", "Zacharie", "Quintard", "zq@ex.fr", null, null,
                null, null, null, "13001", "FR", "2001-01-01")).isEmpty());
    }

    @Test
    void namesSwappedAndNicknamesAgree() {
        PersonNormalizer n = new PersonNormalizer("FR");
        NormalizedPerson a = n.normalize(PersonRecord.of("a", "Robert", "Martin", null));
        NormalizedPerson b = n.normalize(PersonRecord.of("b", "Martin", "Robert", null));
        NormalizedPerson c = n.normalize(PersonRecord.of("c", "Bob", "Martin", null));
        long ab = Comparator.compare(a, b), ac = Comparator.compare(a, c);
        assertEquals(0, Comparator.level(ab, Feature.GIVEN_NAME.ordinal()));
        assertEquals(0, Comparator.level(ab, Feature.FAMILY_NAME.ordinal()));
        assertEquals(1, Comparator.level(ac, Feature.GIVEN_NAME.ordinal()), "nickname level");
        assertEquals(Feature.MISSING, Comparator.level(ac, Feature.BIRTH_DATE.ordinal()));
        assertTrue(Blocking.keys(a).stream().anyMatch(Blocking.keys(b)::contains), "swapped names share a block");
    }

    @Test
    void birthDateLevels() {
        PersonNormalizer n = new PersonNormalizer("FR");
        NormalizedPerson a = n.normalize(new PersonRecord("a", null, null, null, null, null, null, null, null, null, null, null, "1980-05-07"));
        NormalizedPerson swapped = n.normalize(new PersonRecord("b", null, null, null, null, null, null, null, null, null, null, null, "1980-07-05"));
        NormalizedPerson typo = n.normalize(new PersonRecord("c", null, null, null, null, null, null, null, null, null, null, null, "1981-05-07"));
        NormalizedPerson far = n.normalize(new PersonRecord("d", null, null, null, null, null, null, null, null, null, null, null, "1955-12-30"));
        int f = Feature.BIRTH_DATE.ordinal();
        assertEquals(1, Comparator.level(Comparator.compare(a, swapped), f));
        assertEquals(1, Comparator.level(Comparator.compare(a, typo), f));
        assertEquals(3, Comparator.level(Comparator.compare(a, far), f));
    }

    @Test
    void oversizedBlocksAreDroppedSoPairsStayBounded() {
        BlockIndex index = new BlockIndex(3);
        for (int i = 0; i < 5; i++) index.add(i, List.of("common", "k" + i));
        List<Integer> found = new ArrayList<>();
        index.candidates(99, List.of("common", "k2"), r -> true, found::add);
        assertEquals(List.of(2), found);
        assertEquals(1, index.oversizedBlocks());
    }

    @Test
    void modelRoundTripsThroughPropertiesAndRejectsNonsense() {
        MatchModel model = BatchResolver.defaults("FR").resolve(base()).model();
        Properties p = model.toProperties();
        MatchModel copy = MatchModel.fromProperties(p);
        long pattern = Comparator.compare(new PersonNormalizer("FR").normalize(base().get(0)),
                new PersonNormalizer("FR").normalize(base().get(400)));
        assertEquals(model.weight(pattern), copy.weight(pattern), 1e-3);
        p.setProperty("m.EMAIL", "0.5,2");
        assertThrows(IllegalArgumentException.class, () -> MatchModel.fromProperties(p));
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(0.9, 0.5));
        assertEquals(Thresholds.Decision.REVIEW, Thresholds.DEFAULT.decide(0.7));
        assertEquals(Thresholds.Decision.AUTO_LINK, Thresholds.DEFAULT.decide(0.995));
        assertEquals(Thresholds.Decision.DISTINCT, Thresholds.DEFAULT.decide(0.1));
    }
}
