package io.brique.core.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a product listing asks for: a category subtree and/or a product-id restriction, filters,
 * sort and page. Prices are tax-included minor units. Built and validated by the web layer.
 */
public record ListingQuery(String lang, Set<Long> categoryIds, List<String> textTokens, List<String> brandSlugs,
        Long minPriceMinor, Long maxPriceMinor, boolean inStockOnly, Map<String, List<String>> attributes, Sort sort,
        int page, int size) {

    public static final int DEFAULT_SIZE = 24;
    public static final int MAX_SIZE = 100;

    public ListingQuery {
        categoryIds = categoryIds == null ? null : Set.copyOf(categoryIds);
        textTokens = textTokens == null ? List.of() : List.copyOf(textTokens);
        brandSlugs = brandSlugs == null ? List.of() : List.copyOf(brandSlugs);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        sort = sort == null ? Sort.FEATURED : sort;
        if (page < 1) {
            throw new IllegalArgumentException("page starts at 1");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size 1.." + MAX_SIZE);
        }
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    public ListingQuery withCategories(Set<Long> ids) {
        return new ListingQuery(lang, ids, textTokens, brandSlugs, minPriceMinor, maxPriceMinor, inStockOnly,
                attributes, sort, page, size);
    }

    public ListingQuery withTokens(List<String> tokens) {
        return new ListingQuery(lang, categoryIds, tokens, brandSlugs, minPriceMinor, maxPriceMinor, inStockOnly,
                attributes, sort, page, size);
    }

    public static ListingQuery simple(String lang, int page, int size) {
        return new ListingQuery(lang, null, List.of(), List.of(), null, null, false, Map.of(), Sort.FEATURED, page,
                size);
    }

    /** Listing orders. {@code FEATURED} puts products in stock first, then the merchant's order. */
    public enum Sort {
        FEATURED("featured"), PRICE_ASC("price_asc"), PRICE_DESC("price_desc"), NAME("name"), NEWEST("newest");

        private final String param;

        Sort(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }

        public static java.util.Optional<Sort> parse(String s) {
            for (Sort v : values()) {
                if (v.param.equals(s)) {
                    return java.util.Optional.of(v);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
