package io.brique.core.search;

import java.util.List;

/**
 * What the search index holds for one visible product in one locale: searchable text (title, brand,
 * category path names, attribute values, description) and the values used to filter, facet and sort.
 * Prices are the cheapest active variant's, in minor units.
 */
public record SearchDocument(long productId, String locale, String title, String brandSlug, String brandName,
        List<String> categoryPath, List<Long> categoryIds, List<String> attributes, String description,
        long priceMinor, boolean inStock, long createdEpochMillis) {

    public SearchDocument {
        categoryPath = categoryPath == null ? List.of() : List.copyOf(categoryPath);
        categoryIds = categoryIds == null ? List.of() : List.copyOf(categoryIds);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        title = title == null ? "" : title;
        description = description == null ? "" : description;
    }

    /** A product known only by its title (evaluation on title-only datasets). */
    public static SearchDocument titleOnly(long id, String locale, String title) {
        return new SearchDocument(id, locale, title, null, null, List.of(), List.of(), List.of(), "", 0, true, 0);
    }
}
