package io.brique.core.search;

import io.brique.core.catalog.ListingQuery;
import java.util.List;
import java.util.Set;

/**
 * A search: text in a locale, optional filters (category subtree, brands, price range in minor
 * units tax-included, in stock only), sort and page (1-based).
 */
public record SearchRequest(String text, String locale, Set<Long> categoryIds, List<String> brandSlugs,
        Long minPriceMinor, Long maxPriceMinor, boolean inStockOnly, ListingQuery.Sort sort, int page, int size) {

    public SearchRequest {
        text = text == null ? "" : text.trim();
        categoryIds = categoryIds == null ? null : Set.copyOf(categoryIds);
        brandSlugs = brandSlugs == null ? List.of() : List.copyOf(brandSlugs);
        sort = sort == null ? ListingQuery.Sort.FEATURED : sort;
    }

    public static SearchRequest of(String text, String locale, int page) {
        return new SearchRequest(text, locale, null, List.of(), null, null, false, null, page,
                ListingQuery.DEFAULT_SIZE);
    }
}
