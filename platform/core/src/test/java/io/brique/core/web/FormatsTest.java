package io.brique.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatsTest {

    /** French formatting uses (narrow) no-break spaces; compare with plain spaces. */
    private static String plain(String s) {
        return s.replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    @Test
    void eurosPerLocale() {
        Formats fr = new Formats(Locale.FRENCH, ZoneId.of("Europe/Paris"));
        Formats en = new Formats(Locale.ENGLISH, ZoneId.of("Europe/Paris"));
        assertEquals("19,90 €", plain(fr.money(1990, "EUR")));
        assertEquals("1 234,50 €", plain(fr.money(123450, "EUR")));
        assertEquals("€19.90", en.money(1990, "EUR"));
        assertEquals("-€0.01", en.money(-1, "EUR"));
    }

    @Test
    void vatRates() {
        assertEquals("5,5 %", plain(new Formats(Locale.FRENCH, ZoneId.of("UTC")).percent(550)));
        assertEquals("20%", new Formats(Locale.ENGLISH, ZoneId.of("UTC")).percent(2000));
    }
}
