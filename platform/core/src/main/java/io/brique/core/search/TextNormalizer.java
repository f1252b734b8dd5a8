package io.brique.core.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Folds text for matching: lower case, accents removed, ligatures expanded, punctuation as spaces. */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static String fold(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String t = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE").replace("ß", "ss");
        t = Normalizer.normalize(t, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return t.toLowerCase(Locale.ROOT);
    }

    /** Folded words of a query: split on anything that is not a letter or digit; duplicates kept once. */
    public static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String w : fold(s).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** The text stored for searching: folded words separated by single spaces, with spaces at both ends. */
    public static String document(String... parts) {
        StringBuilder sb = new StringBuilder(" ");
        for (String p : parts) {
            for (String w : fold(p).split("[^\\p{L}\\p{N}]+")) {
                if (!w.isEmpty()) {
                    sb.append(w).append(' ');
                }
            }
        }
        return sb.toString();
    }
}
