package io.brique.crm.identity;

import java.util.Map;

/**
 * Street addresses and postcodes for matching: folded, common street-type abbreviations expanded
 * (English and French), house number split from the street, postcodes without spaces in upper case.
 */
public final class Addresses {
    private Addresses() {}

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("st", "street"), Map.entry("str", "street"), Map.entry("rd", "road"),
            Map.entry("ave", "avenue"), Map.entry("av", "avenue"), Map.entry("pl", "place"),
            Map.entry("cres", "crescent"), Map.entry("cct", "circuit"), Map.entry("dr", "drive"),
            Map.entry("ln", "lane"), Map.entry("ct", "court"), Map.entry("blvd", "boulevard"),
            Map.entry("bd", "boulevard"), Map.entry("bld", "boulevard"), Map.entry("hwy", "highway"),
            Map.entry("sq", "square"), Map.entry("tce", "terrace"), Map.entry("pde", "parade"),
            Map.entry("fbg", "faubourg"), Map.entry("chem", "chemin"), Map.entry("imp", "impasse"),
            Map.entry("rte", "route"), Map.entry("all", "allee"), Map.entry("n", "north"),
            Map.entry("s", "south"), Map.entry("e", "east"), Map.entry("w", "west"));

    /** Folded street with abbreviations expanded; the house number stays where it was. */
    public static String street(String street) {
        String f = Text.fold(street);
        if (f.isEmpty()) return "";
        String[] words = f.split(" ");
        StringBuilder b = new StringBuilder(f.length() + 8);
        for (String w : words) {
            if (!b.isEmpty()) b.append(' ');
            b.append(WORDS.getOrDefault(w, w));
        }
        return b.toString();
    }

    /** The leading house number of an address ("12 bis rue ..." gives "12"), or "". */
    public static String houseNumber(String foldedStreet) {
        int i = 0;
        while (i < foldedStreet.length() && Character.isDigit(foldedStreet.charAt(i))) i++;
        return foldedStreet.substring(0, i);
    }

    /** The street without its leading number and number suffix ("12 bis rue x" gives "rue x"). */
    public static String withoutNumber(String foldedStreet) {
        String s = foldedStreet;
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        if (i == 0) return s;
        s = s.substring(i).strip();
        for (String suffix : new String[] {"bis ", "ter ", "a ", "b "}) {
            if (s.startsWith(suffix)) return s.substring(suffix.length());
        }
        return s;
    }

    /** Upper case, no spaces or dashes ("sw1a 1aa" gives "SW1A1AA"). */
    public static String postcode(String postcode) {
        if (postcode == null) return "";
        StringBuilder b = new StringBuilder();
        for (char c : postcode.strip().toCharArray()) {
            if (Character.isLetterOrDigit(c)) b.append(Character.toUpperCase(c));
        }
        return b.toString();
    }
}
