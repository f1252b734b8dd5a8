package io.brique.core.catalog;

import io.brique.core.catalog.Views.ProductView;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Product pages in memory, per product and language, with the slug-to-id lookups. Entries go when
 * the product changes (a {@code product.changed} event reaches every node), when the catalog is
 * reloaded, and at the latest after a time to live; stock is never taken from here. Bounded: past
 * {@code maxEntries} the cache starts over rather than growing.
 */
public final class ProductViewCache {

    private record Entry(ProductView view, long expiresAt) {
    }

    private final Map<String, Entry> views = new ConcurrentHashMap<>();
    private final Map<String, Long> slugs = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttlMillis;
    private final int maxEntries;

    public ProductViewCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
    }

    private static String key(long id, String lang) {
        return lang + ':' + id;
    }

    public ProductView get(long id, String lang) {
        if (ttlMillis <= 0) {
            return null;
        }
        Entry e = views.get(key(id, lang));
        if (e == null) {
            return null;
        }
        if (e.expiresAt() < clock.millis()) {
            views.remove(key(id, lang));
            return null;
        }
        return e.view();
    }

    public void put(ProductView view) {
        if (ttlMillis <= 0) {
            return;
        }
        if (views.size() >= maxEntries) {
            views.clear();
        }
        views.put(key(view.id(), view.locale()), new Entry(view, clock.millis() + ttlMillis));
    }

    public Long idBySlug(String lang, String slug) {
        return ttlMillis <= 0 ? null : slugs.get(lang + ':' + slug);
    }

    public void putSlug(String lang, String slug, long id) {
        if (ttlMillis <= 0) {
            return;
        }
        if (slugs.size() >= maxEntries) {
            slugs.clear();
        }
        slugs.put(lang + ':' + slug, id);
    }

    public void evict(long productId) {
        String suffix = ":" + productId;
        views.keySet().removeIf(k -> k.endsWith(suffix));
        slugs.values().removeIf(id -> id == productId);
    }

    public void clear() {
        views.clear();
        slugs.clear();
    }
}
