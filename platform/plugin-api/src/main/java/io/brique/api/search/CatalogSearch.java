package io.brique.api.search;

import java.util.List;

/**
 * The shop's catalog search as a plugin may call it (since SDK 1.1), e.g. a synonyms tester comparing
 * results with and without expansions. The query runs exactly as given: its text, its locale and its
 * expansions; the registered {@link SearchQueryRewriter}s are NOT applied.
 */
public interface CatalogSearch {

    record Hit(long productId, String name, String url) {
    }

    /** The first {@code limit} hits, the total, whether they are partial matches, the expansions that fired. */
    record Result(long total, List<Hit> hits, boolean partial, List<String> rulesFired) {
        public Result {
            hits = List.copyOf(hits);
            rulesFired = List.copyOf(rulesFired);
        }
    }

    Result search(SearchQuery query, int limit);
}
