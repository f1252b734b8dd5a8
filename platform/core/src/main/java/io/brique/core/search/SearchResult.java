package io.brique.core.search;

import io.brique.core.catalog.Views.ProductSummary;
import java.util.List;

/**
 * One page of matching products, the total, the query actually run, the facets of all matching
 * products, the rules (expansions) that fired, named as their rewriter named them, and whether the
 * results are partial matches ({@code relaxed}: nothing matched most of the words, so products
 * matching some of them are shown, best first).
 */
public record SearchResult(String query, List<ProductSummary> items, long total, int page, int size,
        SearchFacets facets, List<String> rulesFired, boolean relaxed) {

    public SearchResult {
        items = List.copyOf(items);
        facets = facets == null ? SearchFacets.NONE : facets;
        rulesFired = rulesFired == null ? List.of() : List.copyOf(rulesFired);
    }

    public static SearchResult empty(String query, int page, int size) {
        return new SearchResult(query, List.of(), 0, page, size, SearchFacets.NONE, List.of(), false);
    }

    public int pageCount() {
        return total == 0 ? 0 : (int) ((total + size - 1) / size);
    }
}
