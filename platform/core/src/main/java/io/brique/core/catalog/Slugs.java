package io.brique.core.catalog;

import io.brique.core.search.TextNormalizer;

/** URL slugs from names: folded, lower case, words joined by hyphens. */
public final class Slugs {

    private Slugs() {
    }

    public static String of(String text, int max) {
        String s = TextNormalizer.fold(text).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() > max) {
            s = s.substring(0, max).replaceAll("-+$", "");
        }
        return s;
    }
}
