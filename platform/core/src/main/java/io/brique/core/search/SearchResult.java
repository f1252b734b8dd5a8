package io.brique.core.search;

import io.brique.core.catalog.Views.ProductSummary;
import java.util.List;

/**
 * One page of matching products, the total, the query actually run, the facets of all matching
 * products, the rules (expansions) that fired, named as their rewriter named them, and whether the
 * results include partial matches ({@code relaxed}: fewer than a page of products matched most of the
 * words, so products matching some of them follow, best first); {@code exactMatches} is how many
 * results, the first ones, match most of the words (0 when none does, the total when not relaxed).
 */
public record SearchResult(String query, List<ProductSummary> items, long total, int page, int size,
        SearchFacets facets, List<String> rulesFired, boolean relaxed, long exactMatches) {

    public SearchResult {
        items = List.copyOf(items);
        facets = facets == null ? SearchFacets.NONE : facets;
        rulesFired = rulesFired == null ? List.of() : List.copyOf(rulesFired);
    }

    public static SearchResult empty(String query, int page, int size) {
        return new SearchResult(query, List.of(), 0, page, size, SearchFacets.NONE, List.of(), false, 0);
    }

    public int pageCount() {
        return total == 0 ? 0 : (int) ((total + size - 1) / size);
    }
}
