package io.brique.loyalty;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The reward catalogue: a reward costs points and gives a single-use code of its own (hidden) promotion:
 * a coupon (fixed amount), a free product (that product's unit price when it is in the cart) or free
 * shipping. A claim spends the points on the ledger and creates the code in ONE transaction under the
 * customer's ledger lock, keyed by the form's idempotency key: no double spend, no code without points.
 */
public final class RewardService {

    public static final List<String> KINDS = List.of("coupon", "free_product", "free_shipping");

    public record Reward(long id, String name, String kind, long costPoints, long promoId, boolean active,
            long amountMinor, Long productId) {
    }

    public record Claim(long id, long rewardId, String rewardName, String code, long points, boolean used,
            java.time.Instant createdAt) {
    }

    private final Jdbc db;
    private final Clock clock;
    private final LedgerService ledger;
    private final PromoService promos;
    private final PricingCache cache;

    RewardService(Jdbc db, Clock clock, LedgerService ledger, PromoService promos, PricingCache cache) {
        this.db = db;
        this.clock = clock;
        this.ledger = ledger;
        this.promos = promos;
        this.cache = cache;
    }

    /** Creates a reward and its promotion together; fields are validated ("field: message"). */
    public long create(String name, String kind, long costPoints, long amountMinor, Long productId) {
        if (name == null || name.isBlank() || name.length() > 120) {
            throw new LoyaltyException("invalid", "name: required, at most 120 characters");
        }
        if (!KINDS.contains(kind)) {
            throw new LoyaltyException("invalid", "kind: one of " + KINDS);
        }
        if (costPoints < 1 || costPoints > LedgerService.MAX_POINTS) {
            throw new LoyaltyException("invalid", "cost_points: between 1 and " + LedgerService.MAX_POINTS);
        }
        if ("coupon".equals(kind) && (amountMinor < 1 || amountMinor > 100_000_000L)) {
            throw new LoyaltyException("invalid", "amount: between 0.01 and 1,000,000.00");
        }
        if ("free_product".equals(kind) && productId == null) {
            throw new LoyaltyException("invalid", "product_id: required for a free product");
        }
        String promoKind = switch (kind) {
            case "coupon" -> "fixed";
            case "free_product" -> "free_product";
            default -> "free_shipping";
        };
        PromoService.Promo p = new PromoService.Promo(0, name.trim(), promoKind, "coupon".equals(kind) ? amountMinor : 0, 0,
                null, null, productId == null ? Set.of() : Set.of(productId), Set.of(), null, null, false, null, true, 0,
                true, null);
        return db.tx(c -> {
            long rewardId = Jdbc.insert(c, "INSERT INTO " + db.t("reward") + " (name, kind, cost_points, promo_id, active,"
                    + " created_at) VALUES (?, ?, ?, 0, TRUE, ?)", name.trim(), kind, costPoints, clock.instant());
            long promoId = promos.createIn(c, p, null, null, rewardId);
            Jdbc.update(c, "UPDATE " + db.t("reward") + " SET promo_id = ? WHERE id = ?", promoId, rewardId);
            return rewardId;
        });
    }

    /** Withdraws a reward from the catalogue (codes already claimed stay valid) or puts it back. */
    public void setActive(long id, boolean active) {
        reward(id);
        db.tx(c -> {
            Jdbc.update(c, "UPDATE " + db.t("reward") + " SET active = ? WHERE id = ?", active, id);
            cache.bumpIn(c);
            return null;
        });
    }

    public Reward reward(long id) {
        Reward r = db.read(c -> one(c, id));
        if (r == null) {
            throw new LoyaltyException("not_found", "no reward " + id);
        }
        return r;
    }

    private Reward one(Connection c, long id) throws SQLException {
        return Jdbc.one(c, select() + " WHERE r.id = ?", RewardService::row, id);
    }

    private static final String SELECT_COLUMNS = "SELECT r.id, r.name, r.kind, r.cost_points, r.promo_id, r.active,"
            + " p.amount, p.product_ids FROM ";
    private String select() {
        return SELECT_COLUMNS + db.t("reward") + " r JOIN " + db.t("promo") + " p ON p.id = r.promo_id";
    }

    private static Reward row(java.sql.ResultSet rs) throws SQLException {
        String products = rs.getString(8);
        Long product = products == null || products.isBlank() ? null : Long.parseLong(products.split(",")[0].trim());
        return new Reward(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getBoolean(6),
                rs.getLong(7), product);
    }

    /** The catalogue: active rewards only for shoppers, all for the merchant. */
    public List<Reward> rewards(boolean activeOnly) {
        return db.read(c -> Jdbc.list(c, select() + (activeOnly ? " WHERE r.active = TRUE" : "")
                + " ORDER BY r.cost_points, r.id LIMIT 200", RewardService::row));
    }

    /**
     * Claims a reward: spends its cost and creates its single-use code, once per {@code key}; a replay
     * returns the first claim. Refused ({@code insufficient_points}) when the balance is short.
     */
    public Claim claim(long customerId, long rewardId, String key) {
        if (key == null || !key.matches("^[A-Za-z0-9-]{8,64}$")) {
            throw new LoyaltyException("invalid", "the form is stale: reload the page");
        }
        String idem = "claim:" + customerId + ":" + key;
        return ledger.write(customerId, c -> {
            Claim existing = claimIn(c, idem);
            if (existing != null) {
                return existing;
            }
            Reward r = Jdbc.one(c, select() + " WHERE r.id = ?", RewardService::row, rewardId);
            if (r == null || !r.active()) {
                throw new LoyaltyException("not_found", "this reward is no longer offered");
            }
            long spend = ledger.spendIn(c, customerId, r.costPoints(), "spend", "reward:" + r.id(), idem, "customer",
                    "reward " + r.name());
            String code = PromoService.randomCode("RW");
            Jdbc.update(c, "INSERT INTO " + db.t("code") + " (code, promo_id, usage_limit, used) VALUES (?, ?, 1, 0)", code,
                    r.promoId());
            Jdbc.update(c, "INSERT INTO " + db.t("reward_claim") + " (customer_id, reward_id, code, points,"
                    + " spend_movement_id, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", customerId, r.id(),
                    code, r.costPoints(), spend, idem, clock.instant());
            return claimIn(c, idem);
        });
    }

    private Claim claimIn(Connection c, String idem) throws SQLException {
        return Jdbc.one(c, claims() + " WHERE k.idempotency_key = ?", RewardService::claimRow, idem);
    }

    /** The customer's claimed rewards, newest first, with whether the code was used. */
    public List<Claim> claims(long customerId) {
        return db.read(c -> Jdbc.list(c, claims() + " WHERE k.customer_id = ? ORDER BY k.id DESC LIMIT 100",
                RewardService::claimRow, customerId));
    }

    private String claims() {
        return "SELECT k.id, k.reward_id, r.name, k.code, k.points, o.used, k.created_at FROM " + db.t("reward_claim")
                + " k JOIN " + db.t("reward") + " r ON r.id = k.reward_id JOIN " + db.t("code") + " o ON o.code = k.code";
    }

    private static Claim claimRow(java.sql.ResultSet rs) throws SQLException {
        return new Claim(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6) > 0,
                Jdbc.instant(rs, "created_at"));
    }
}
