package io.brique.core.search;

import io.brique.core.catalog.Views.Facet;
import io.brique.core.catalog.Views.ProductSummary;
import java.util.List;

/** One page of matching products, the total, the query actually run, and facets when the engine has them. */
public record SearchResult(String query, List<ProductSummary> items, long total, int page, int size,
        List<Facet> facets) {

    public SearchResult {
        items = List.copyOf(items);
        facets = facets == null ? List.of() : List.copyOf(facets);
    }

    public int pageCount() {
        return total == 0 ? 0 : (int) ((total + size - 1) / size);
    }
}
