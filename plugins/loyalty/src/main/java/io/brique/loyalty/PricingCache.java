package io.brique.loyalty;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * What cart pricing ({@code adjust}, 250 ms budget, on every cart view) reads from memory instead of the
 * database: promotion definitions and each customer's balance and tier.
 *
 * <ul>
 * <li>Promotions are reloaded when {@code loyalty_generation} changed (bumped in the transaction of every
 * promotion change, read at most once a second: a primary-key read) or after {@code pricing_cache_seconds}.
 * A change is therefore seen within about a second on every node, at once by the instance that made it.
 * Their use counters may be a little stale here: the exact, atomic check is the reservation at placement.</li>
 * <li>A customer's balance is kept with the id of their last movement: movements are append-only, so
 * {@code MAX(id)} (an index read) unchanged means the balance is unchanged. The tier, which also depends
 * on the rolling window, is recomputed at most once a minute or when a movement was added.</li>
 * </ul>
 */
final class PricingCache {

    record Customer(long lastMovementId, long available, String tier, long atNanos) {
    }

    private static final long GENERATION_CHECK_NANOS = 1_000_000_000L;
    private static final long TIER_NANOS = 60_000_000_000L;
    private static final int MAX_CUSTOMERS = 100_000;

    private final Jdbc db;
    private final IntSupplier ttlSeconds;
    private volatile Map<Long, PromoService.Promo> promos;
    private volatile long generation = -1;
    private volatile long generationCheckedAt;
    private volatile long loadedAt;
    private final Map<Long, Customer> customers = new ConcurrentHashMap<>();

    PricingCache(Jdbc db, IntSupplier ttlSeconds) {
        this.db = db;
        this.ttlSeconds = ttlSeconds;
    }

    /** Bumps the generation inside a change's transaction, and forgets this instance's copy. */
    void bumpIn(java.sql.Connection c) throws SQLException {
        Jdbc.update(c, "UPDATE " + db.t("generation") + " SET generation = generation + 1 WHERE id = 1");
        promos = null;
    }

    /** The promotion, as of at most about a second ago (null when unknown). */
    PromoService.Promo promo(long id) {
        return current().get(id);
    }

    private Map<Long, PromoService.Promo> current() {
        long now = System.nanoTime();
        Map<Long, PromoService.Promo> p = promos;
        boolean expired = now - loadedAt > ttlSeconds.getAsInt() * 1_000_000_000L;
        if (p != null && !expired && now - generationCheckedAt < GENERATION_CHECK_NANOS) {
            return p;
        }
        long g = db.read(c -> Jdbc.number(c, "SELECT generation FROM " + db.t("generation") + " WHERE id = 1"));
        generationCheckedAt = now;
        if (p != null && !expired && g == generation) {
            return p;
        }
        List<PromoService.Promo> all = db.read(c -> Jdbc.list(c, "SELECT * FROM " + db.t("promo"), PromoService::promo));
        Map<Long, PromoService.Promo> fresh = new HashMap<>();
        all.forEach(x -> fresh.put(x.id(), x));
        promos = Map.copyOf(fresh);
        generation = g;
        loadedAt = now;
        return promos;
    }

    /** The customer's available balance and tier; {@code compute} runs only when a movement was added or a minute passed. */
    Customer customer(long customerId, java.util.function.Supplier<Customer> compute) {
        long last = db.read(c -> Jdbc.number(c, "SELECT COALESCE(MAX(id), 0) FROM " + db.t("movement")
                + " WHERE customer_id = ?", customerId));
        long now = System.nanoTime();
        Customer c = customers.get(customerId);
        if (c != null && c.lastMovementId() == last && now - c.atNanos() < TIER_NANOS) {
            return c;
        }
        Customer fresh = compute.get();
        if (customers.size() > MAX_CUSTOMERS) {
            customers.clear();
        }
        Customer stored = new Customer(last, fresh.available(), fresh.tier(), now);
        customers.put(customerId, stored);
        return stored;
    }
}
