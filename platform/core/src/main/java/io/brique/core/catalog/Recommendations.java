package io.brique.core.catalog;

import io.brique.api.recommendation.RecommendationProvider;
import io.brique.api.recommendation.RecommendationProvider.Recommendation;
import io.brique.core.catalog.Views.ProductSummary;
import io.brique.core.plugin.ExtensionRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks the enabled recommendation providers (plugins) for products to show in a placement, each call
 * guarded and time-boxed by the registry: a slow or failing provider gives nothing, never an error.
 * The answers are merged (first provider first, each product once, never a product of the context),
 * and only active products the catalog can show are kept.
 */
public final class Recommendations {

    /** Placements the storefront asks for, and the slot each one fills. */
    public static final Map<String, String> SLOT_OF_PLACEMENT = Map.of("product", "product.bottom", "cart",
            "cart.bottom", "home", "home.main", "confirmation", "order.confirmation");

    public static final int MAX_LIMIT = 50;

    /** A product to show and why. */
    public record Item(ProductSummary product, String reason, double score) {
    }

    private final ExtensionRegistry registry;
    private final CatalogService catalog;
    private final Duration budget;

    public Recommendations(ExtensionRegistry registry, CatalogService catalog, Duration budget) {
        this.registry = registry;
        this.catalog = catalog;
        this.budget = budget;
    }

    /** Whether any provider is enabled (when none, pages skip the work entirely). */
    public boolean active() {
        return !registry.entries(RecommendationProvider.class).isEmpty();
    }

    public List<Item> recommend(String placement, String lang, Long customerId, String visitorId,
            List<Long> productIds, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_LIMIT));
        var request = new RecommendationProvider.Request(placement, lang, customerId, visitorId, productIds, n);
        Set<Long> context = new HashSet<>(productIds);
        Map<Long, Recommendation> merged = new LinkedHashMap<>();
        for (ExtensionRegistry.Entry<RecommendationProvider> e : registry.entries(RecommendationProvider.class)) {
            List<Recommendation> got = registry.call(e, "recommend:" + placement, budget, p -> p.recommend(request),
                    List.of());
            if (got == null) {
                continue;
            }
            for (Recommendation r : got) {
                if (r != null && !context.contains(r.productId()) && merged.size() < n) {
                    merged.putIfAbsent(r.productId(), r);
                }
            }
            if (merged.size() >= n) {
                break;
            }
        }
        if (merged.isEmpty()) {
            return List.of();
        }
        List<ProductSummary> shown = catalog.summaries(new ArrayList<>(merged.keySet()), lang);
        List<Item> out = new ArrayList<>(shown.size());
        for (ProductSummary s : shown) {
            Recommendation r = merged.get(s.id());
            out.add(new Item(s, r.reason(), r.score()));
        }
        return out;
    }
}
