package io.brique.crm.identity;

import java.util.Locale;
import java.util.Map;

/**
 * Phone numbers to E.164 ("+33612345678") with a default country for national numbers. A small
 * table of countries, not libphonenumber: enough to make "06 12 34 56 78", "+33 6 12 34 56 78" and
 * "0033612345678" the same key.
 */
public final class Phones {
    private Phones() {}

    /** Country calling codes, and whether the national trunk prefix 0 is dropped in E.164. */
    private record Country(String code, boolean dropsTrunkZero, int nationalDigits) {}

    private static final Map<String, Country> COUNTRIES = Map.ofEntries(
            Map.entry("FR", new Country("33", true, 10)),
            Map.entry("BE", new Country("32", true, 0)),
            Map.entry("CH", new Country("41", true, 10)),
            Map.entry("LU", new Country("352", false, 0)),
            Map.entry("DE", new Country("49", true, 0)),
            Map.entry("ES", new Country("34", false, 9)),
            Map.entry("IT", new Country("39", false, 0)),
            Map.entry("NL", new Country("31", true, 10)),
            Map.entry("GB", new Country("44", true, 11)),
            Map.entry("IE", new Country("353", true, 0)),
            Map.entry("US", new Country("1", false, 10)),
            Map.entry("CA", new Country("1", false, 10)),
            Map.entry("AU", new Country("61", true, 10)));

    public static boolean knownCountry(String country) {
        return country != null && COUNTRIES.containsKey(country.toUpperCase(Locale.ROOT));
    }

    /** E.164 form, or null when the input has too few or too many digits to be a phone number. */
    public static String e164(String phone, String defaultCountry) {
        if (phone == null) return null;
        String s = phone.strip();
        String digits = Text.digits(s);
        if (digits.isEmpty()) return null;
        String international;
        if (s.startsWith("+")) {
            international = digits;
        } else if (digits.startsWith("00")) {
            international = digits.substring(2);
        } else {
            Country c = defaultCountry == null ? null : COUNTRIES.get(defaultCountry.toUpperCase(Locale.ROOT));
            if (c == null) {
                international = digits;
            } else if (c.code.equals("1")) {
                international = digits.length() == 11 && digits.startsWith("1") ? digits : "1" + digits;
            } else if (digits.startsWith("0") && c.dropsTrunkZero) {
                international = c.code + digits.substring(1);
            } else if (digits.startsWith(c.code) && c.nationalDigits > 0
                    && digits.length() == c.code.length() + c.nationalDigits - 1) {
                international = digits; // "33612345678" typed without the plus
            } else {
                international = c.code + digits;
            }
        }
        // "+33 (0)6 12..." keeps a trunk zero after the country code: drop it
        for (Country c : COUNTRIES.values()) {
            if (c.dropsTrunkZero && international.startsWith(c.code + "0")) {
                international = c.code + international.substring(c.code.length() + 1);
                break;
            }
        }
        if (international.length() < 8 || international.length() > 15) return null;
        return "+" + international;
    }
}
