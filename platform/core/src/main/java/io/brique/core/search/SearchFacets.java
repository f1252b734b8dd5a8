package io.brique.core.search;

import java.util.List;

/**
 * Facets of a search: counts among all matching products by category, brand, price range and
 * availability. {@code key} is what the filter takes (category slug, brand slug, "min-max" as the
 * decimal amounts the minPrice and maxPrice filters take, a side empty when open); {@code label} is what the shopper reads.
 */
public record SearchFacets(List<Bucket> categories, List<Bucket> brands, List<Bucket> prices, long inStock) {

    public static final SearchFacets NONE = new SearchFacets(List.of(), List.of(), List.of(), 0);

    public SearchFacets {
        categories = List.copyOf(categories);
        brands = List.copyOf(brands);
        prices = List.copyOf(prices);
    }

    public record Bucket(String key, String label, long count, boolean selected) {
    }

    public boolean isEmpty() {
        return categories.isEmpty() && brands.isEmpty() && prices.isEmpty() && inStock == 0;
    }
}
