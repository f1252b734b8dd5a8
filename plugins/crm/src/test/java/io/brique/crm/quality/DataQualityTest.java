package io.brique.crm.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataQualityTest {
    private final DataQuality quality = new DataQuality("FR");

    @Test
    void emailDomainTypos() {
        assertEquals("jean@gmail.com", quality.email("jean@gmial.com").orElseThrow().suggested());
        assertEquals("jean@hotmail.fr", quality.email("jean@hotmial.fr").orElseThrow().suggested());
        assertEquals("jean@gmail.com", quality.email("jean@gmail.con").orElseThrow().suggested());
        assertEquals("jean@orange.fr", quality.email("jean@orange.fe").orElseThrow().suggested());
        assertEquals("quality.email.domain", quality.email("jean@yahooo.fr").orElseThrow().messageKey());
        assertTrue(quality.email("jean@gmail.com").isEmpty());
        assertTrue(quality.email("jean@brique.io").isEmpty(), "an unknown but plausible domain is left alone");
        Suggestion invalid = quality.email("jean.gmail.com").orElseThrow();
        assertNull(invalid.suggested());
        assertEquals("quality.email.invalid", invalid.messageKey());
    }

    @Test
    void phonesNamesAndPostcodes() {
        assertEquals("+33612345678", quality.phone("06 12 34 56 78", null).orElseThrow().suggested());
        assertTrue(quality.phone("+33612345678", null).isEmpty());
        assertEquals("quality.phone.invalid", quality.phone("12", null).orElseThrow().messageKey());
        assertEquals("Jean-Pierre", quality.name("givenName", "JEAN-PIERRE").orElseThrow().suggested());
        assertEquals("Marie de la Fontaine", quality.name("familyName", "marie DE LA FONTAINE".toLowerCase()).orElseThrow().suggested());
        assertEquals("O'Brien", quality.name("familyName", "o'brien").orElseThrow().suggested());
        assertTrue(quality.name("familyName", "McDonald").isEmpty(), "mixed case is the customer's choice");
        assertEquals("SW1A 1AA", quality.postcode("sw1a1aa", "GB").orElseThrow().suggested());
        assertEquals("75002", quality.postcode("75 002", "FR").orElseThrow().suggested());
        assertEquals("quality.postcode.invalid", quality.postcode("7500", "FR").orElseThrow().messageKey());
        assertTrue(quality.postcode("75002", null).isEmpty());
        List<Suggestion> all = quality.check("a@gmial.com", "0612345678", "MARIE", "Curie", "750", "FR");
        assertEquals(List.of("email", "phone", "givenName", "postcode"), all.stream().map(Suggestion::field).toList());
    }
}
