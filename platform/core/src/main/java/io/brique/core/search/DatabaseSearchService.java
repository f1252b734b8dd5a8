package io.brique.core.search;

import io.brique.api.search.SearchQuery;
import io.brique.core.catalog.CatalogService;
import io.brique.core.catalog.ListingQuery;
import io.brique.core.catalog.Views.Page;
import io.brique.core.catalog.Views.ProductSummary;
import io.brique.core.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Search in the database: the query is folded (case and accents) and split into words; a product
 * matches when every word occurs in its folded name, description or brand in the locale. Rewriter
 * alternatives are tried in order when the main query finds nothing.
 */
public final class DatabaseSearchService implements SearchService {

    /** More words than this add nothing but cost (one EXISTS each). */
    static final int MAX_TOKENS = 8;

    private final CatalogService catalog;
    private final SearchRewriters rewriters;

    public DatabaseSearchService(CatalogService catalog, SearchRewriters rewriters) {
        this.catalog = catalog;
        this.rewriters = rewriters;
    }

    @Override
    public SearchResult search(SearchRequest request) {
        if (request.text().length() > MAX_QUERY_LENGTH) {
            throw new ValidationException("q", "error.too_long");
        }
        SearchQuery rewritten = rewriters.apply(SearchQuery.of(request.text(), request.locale()));
        List<String> candidates = new ArrayList<>();
        candidates.add(rewritten.text());
        candidates.addAll(rewritten.alternatives());
        SearchResult last = null;
        for (String text : candidates) {
            List<String> tokens = TextNormalizer.tokens(text == null ? "" : text);
            if (tokens.isEmpty()) {
                continue;
            }
            if (tokens.size() > MAX_TOKENS) {
                tokens = tokens.subList(0, MAX_TOKENS);
            }
            ListingQuery q = new ListingQuery(request.locale(), request.categoryIds(), tokens, request.brandSlugs(),
                    request.minPriceMinor(), request.maxPriceMinor(), request.inStockOnly(), Map.of(), request.sort(),
                    request.page(), request.size());
            Page<ProductSummary> page = catalog.list(q);
            last = new SearchResult(text, page.items(), page.total(), request.page(), request.size(), List.of());
            if (page.total() > 0) {
                return last;
            }
        }
        return last != null ? last
                : new SearchResult(request.text(), List.of(), 0, request.page(), request.size(), List.of());
    }
}
