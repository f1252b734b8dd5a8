package io.brique.api.search;

import java.util.List;

/** A shopper's search as it reaches the search engine: the text, its locale, and optional expansions. */
public record SearchQuery(String text, String locale, List<String> alternatives) {

    public SearchQuery {
        alternatives = List.copyOf(alternatives);
    }

    public static SearchQuery of(String text, String locale) {
        return new SearchQuery(text, locale, List.of());
    }
}
