package io.brique.synonyms;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How rules and queries are compared: folded words (lower case, no accents, split on anything but
 * letters, digits and {@code /}), with English plural endings dropped from words of four letters or
 * more, so {@code sofas} meets a rule on {@code sofa} and {@code couches} one on {@code couch}. The engine's own analysis (stemming, units) then
 * applies to the words the rule puts in the query.
 */
final class Terms {

    private Terms() {
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String t = Normalizer.normalize(text.replace("œ", "oe").replace("æ", "ae"), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        for (String w : t.split("[^\\p{L}\\p{N}/]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** A word without its plural ending: -ies to -y, -ches -shes -xes -zes -sses lose -es, else a final -s goes. */
    static String key(String word) {
        int n = word.length();
        if (n < 4 || !word.endsWith("s") || word.endsWith("ss")) {
            return word;
        }
        if (n > 4 && word.endsWith("ies")) {
            return word.substring(0, n - 3) + "y";
        }
        if (word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes") || word.endsWith("zes")
                || word.endsWith("sses")) {
            return word.substring(0, n - 2);
        }
        return word.substring(0, n - 1);
    }

    static String key(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(key(w));
        }
        return sb.toString();
    }
}
