package io.brique.crm.identity;

import java.text.Normalizer;
import java.util.Locale;

/** Folding helpers shared by the normalisers: accents, case, punctuation and spaces. */
public final class Text {
    private Text() {}

    /** Lower case, accents removed, ligatures expanded, anything but letters and digits turned into one space. */
    public static String fold(String s) {
        if (s == null) return "";
        String t = s.strip();
        if (t.isEmpty()) return "";
        t = t.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae").replace("ß", "ss");
        t = Normalizer.normalize(t, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(t.length());
        boolean space = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) continue;
            if (Character.isLetterOrDigit(c)) {
                if (space && !b.isEmpty()) b.append(' ');
                space = false;
                b.append(c);
            } else {
                space = true;
            }
        }
        return b.toString();
    }

    /** The folded text without spaces: "Le Goff" and "Legoff" compare equal. */
    public static String compact(String s) {
        return fold(s).replace(" ", "");
    }

    public static String digits(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') b.append(c);
        }
        return b.toString();
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
