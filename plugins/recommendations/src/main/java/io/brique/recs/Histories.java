package io.brique.recs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each customer bought and what each customer or visitor viewed lately, in memory for the request
 * path: rebuilt from the stored events when a model is loaded, then appended by the event listener.
 * Arrays are replaced, never changed, so readers need no lock.
 */
final class Histories {

    static final int MAX_PURCHASES = 100;
    static final int MAX_VIEWS = 30;
    /** Keys kept for views (visitors come and go): the oldest are dropped beyond this. */
    static final int MAX_VIEWERS = 200_000;

    private final Map<Long, long[]> purchases = new ConcurrentHashMap<>();
    private final Map<String, long[]> views = new ConcurrentHashMap<>();

    long[] purchases(Long customerId) {
        return customerId == null ? new long[0] : purchases.getOrDefault(customerId, new long[0]);
    }

    long[] views(String key) {
        return key == null ? new long[0] : views.getOrDefault(key, new long[0]);
    }

    void bought(long customerId, long productId) {
        purchases.compute(customerId, (k, old) -> append(old, productId, MAX_PURCHASES));
    }

    void viewed(String key, long productId) {
        if (key == null) {
            return;
        }
        if (views.size() >= MAX_VIEWERS && !views.containsKey(key)) {
            views.keySet().stream().findAny().ifPresent(views::remove); // crude bound: memory over precision
        }
        views.compute(key, (k, old) -> append(old, productId, MAX_VIEWS));
    }

    /** Takes the content rebuilt from the stored events (after a training or a model load). */
    void replaceWith(Histories fresh) {
        purchases.clear();
        purchases.putAll(fresh.purchases);
        views.clear();
        views.putAll(fresh.views);
    }

    int customers() {
        return purchases.size();
    }

    /** Appends, moving a repeated product to the end, keeping the last {@code max}. */
    static long[] append(long[] old, long productId, int max) {
        if (old == null) {
            return new long[] {productId};
        }
        long[] out = new long[Math.min(max, old.length + 1)];
        int k = out.length - 1;
        out[k--] = productId;
        for (int i = old.length - 1; i >= 0 && k >= 0; i--) {
            if (old[i] != productId) {
                out[k--] = old[i];
            }
        }
        return k < 0 ? out : java.util.Arrays.copyOfRange(out, k + 1, out.length);
    }

    /** The key of a shopper for views and experiments: the customer when signed in, else the visitor. */
    static String key(Long customerId, String visitorId) {
        return customerId != null ? "c:" + customerId : visitorId != null && !visitorId.isBlank() ? "v:" + visitorId
                : null;
    }
}
