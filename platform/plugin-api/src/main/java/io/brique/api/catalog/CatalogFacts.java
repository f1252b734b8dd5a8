package io.brique.api.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Read-only facts about the shop's products for plugins that reason about the catalog
 * (recommendations, feeds): category, brand, attributes, title, active, in stock, price. Obtained with
 * {@code PluginContext.catalog()} (since SDK 1.2). Reads go to the database: call it off the request
 * path (training jobs, admin pages) and keep what you need in memory.
 */
public interface CatalogFacts {

    /** The largest page {@link #activeIds} returns. */
    int MAX_PAGE = 10_000;

    /** The facts of the given products in {@code locale} (unknown ids are left out), in no particular order. */
    List<Product> products(Collection<Long> ids, String locale);

    /** Ids of active products greater than {@code afterId}, ascending, at most {@code limit} ({@link #MAX_PAGE}). */
    List<Long> activeIds(long afterId, int limit);

    /**
     * One product: {@code categoryIds} are its categories (main first), {@code attributes} code to value
     * in the asked locale, {@code priceMinor} the cheapest active variant (minor units of {@code currency}).
     */
    record Product(long id, String title, boolean active, boolean inStock, List<Long> categoryIds, Long brandId,
            String brand, Map<String, String> attributes, long priceMinor, String currency) {
        public Product {
            categoryIds = categoryIds == null ? List.of() : List.copyOf(categoryIds);
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }
}
