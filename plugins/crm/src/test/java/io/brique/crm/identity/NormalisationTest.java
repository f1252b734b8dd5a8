package io.brique.crm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class NormalisationTest {

    @Test
    void emailsIgnoreCaseEverywhereButDotsAndPlusTagsOnlyAtGmail() {
        assertEquals("jeandupont@gmail.com", Emails.canonical(" Jean.Dupont+promo@GMail.com "));
        assertEquals("jeandupont@gmail.com", Emails.canonical("jean.dupont@googlemail.com"));
        assertEquals("jean.dupont+promo@orange.fr", Emails.canonical("Jean.Dupont+promo@Orange.FR"));
        assertNull(Emails.canonical("jean.dupont"));
        assertNull(Emails.canonical("jean @x.fr"));
        assertNull(Emails.canonical("@gmail.com"));
        assertNull(Emails.canonical("+tag@gmail.com"));
    }

    @Test
    void phonesBecomeE164WithTheDefaultCountry() {
        assertEquals("+33612345678", Phones.e164("06 12 34 56 78", "FR"));
        assertEquals("+33612345678", Phones.e164("+33 6 12 34 56 78", "GB"));
        assertEquals("+33612345678", Phones.e164("0033 (0)6.12.34.56.78", "FR"));
        assertEquals("+33612345678", Phones.e164("33612345678", "FR"));
        assertEquals("+447911123456", Phones.e164("07911 123456", "GB"));
        assertEquals("+13125551234", Phones.e164("(312) 555-1234", "US"));
        assertEquals("+13125551234", Phones.e164("1 312 555 1234", "US"));
        assertEquals("+390612345678", Phones.e164("06 1234 5678", "IT"), "Italy keeps its leading zero");
        assertNull(Phones.e164("12", "FR"));
        assertNull(Phones.e164("call me", "FR"));
    }

    @Test
    void namesFoldAccentsCaseAndKnowNicknames() {
        assertEquals("elodie le goff", Names.fold(" ÉLODIE  Le-Goff "));
        assertEquals("oeuvray", Names.fold("Œuvray"));
        assertEquals("robert", Names.canonicalGiven("bob"));
        assertEquals("emmanuel", Names.canonicalGiven("manu"));
        assertEquals("katherine", Names.canonicalGiven("cathy"));
        assertEquals("zoe", Names.canonicalGiven(Names.fold("Zoé")), "unknown names stay themselves");
    }

    @Test
    void birthDatesInTheUsualShapesAndNothingImpossible() {
        LocalDate d = LocalDate.of(1980, 5, 21);
        assertEquals(d, BirthDates.parse("19800521"));
        assertEquals(d, BirthDates.parse("1980-05-21"));
        assertEquals(d, BirthDates.parse("21/05/1980"));
        assertNull(BirthDates.parse("31/02/1980"));
        assertNull(BirthDates.parse("1980-13-01"));
        assertNull(BirthDates.parse("yesterday"));
        assertNull(BirthDates.parse("10000101"));
    }

    @Test
    void addressesExpandAbbreviationsAndSplitTheHouseNumber() {
        String s = Addresses.street("12 bis, Av. Jean-Jaurès");
        assertEquals("12 bis avenue jean jaures", s);
        assertEquals("12", Addresses.houseNumber(s));
        assertEquals("avenue jean jaures", Addresses.withoutNumber(s));
        assertEquals("SW1A1AA", Addresses.postcode(" sw1a 1aa"));
        PersonNormalizer n = new PersonNormalizer("FR");
        NormalizedPerson p = n.normalize(new PersonRecord("1", "account", "Jean-Pierre", "Le Goff", "JP.LeGoff@gmail.com",
                "06 12 34 56 78", null, "5 rue de la Paix", null, "Paris", "75 002", "FR", "1970-01-02"));
        assertEquals("jeanpierre", p.given());
        assertEquals("jeanpierre", p.givenCanonical());
        assertEquals("legoff", p.family());
        assertEquals("jplegoff@gmail.com", p.email());
        assertEquals("+33612345678", p.phone());
        assertEquals("5", p.houseNumber());
        assertEquals("rue de la paix", p.street());
        assertEquals("75002", p.postcode());
    }

    @Test
    void similarityMeasures() {
        assertEquals(1.0, Similarity.jaroWinkler("martha", "martha"));
        assertEquals(0.961, Similarity.jaroWinkler("martha", "marhta"), 0.001);
        assertEquals(0.840, Similarity.jaroWinkler("dwayne", "duane"), 0.001);
        assertEquals(0.0, Similarity.jaroWinkler("abc", ""));
        assertEquals(1, Similarity.editDistance("1980", "1908"));
        assertEquals(1, Similarity.editDistance("ab", "ba"));
        assertEquals(3, Similarity.editDistance("kitten", "sitting"));
        assertEquals("R163", Similarity.soundex("robert"));
        assertEquals("R163", Similarity.soundex("rupert"));
        assertEquals("A261", Similarity.soundex("ashcraft"));
        assertEquals("T522", Similarity.soundex("tymczak"));
        assertTrue(Similarity.soundex("").isEmpty());
    }
}
