package io.brique.api.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A shopper's search as it reaches the search engine: the text, its locale, optional whole-query
 * alternatives (tried in order when the text finds nothing) and optional {@link Expansion}s (since SDK
 * 1.1): other ways to say a part of the text, which the engine adds to the query as a synonym graph,
 * so a product matching either the words typed or one of their expansions is found.
 */
public record SearchQuery(String text, String locale, List<String> alternatives, List<Expansion> expansions) {

    public SearchQuery {
        alternatives = List.copyOf(alternatives);
        expansions = expansions == null ? List.of() : List.copyOf(expansions);
    }

    /** The SDK 1.0 form: no expansions. */
    public SearchQuery(String text, String locale, List<String> alternatives) {
        this(text, locale, alternatives, List.of());
    }

    public static SearchQuery of(String text, String locale) {
        return new SearchQuery(text, locale, List.of(), List.of());
    }

    /** This query with more expansions (after the existing ones). */
    public SearchQuery withExpansions(List<Expansion> more) {
        List<Expansion> all = new ArrayList<>(expansions);
        all.addAll(more);
        return new SearchQuery(text, locale, alternatives, all);
    }

    /**
     * Where the words {@code from} occur in the query (as consecutive words, compared after the
     * engine's analysis: case, accents, plurals), products matching the words {@code to} (all of them,
     * a multi-word {@code to} preferably as a phrase) match too. {@code weight} in (0, 1] scales their
     * score: 1 for a true synonym, lower (e.g. 0.5) for a correction or a looser term that must rank
     * below exact matches. {@code rule} names the rule that fired (shown by testers, may be null).
     */
    public record Expansion(String from, String to, double weight, String rule) {
        public Expansion {
            if (from == null || from.isBlank() || to == null || to.isBlank()) {
                throw new IllegalArgumentException("expansion needs from and to words");
            }
            if (!(weight > 0 && weight <= 1)) {
                throw new IllegalArgumentException("expansion weight must be in (0, 1]");
            }
        }
    }
}
