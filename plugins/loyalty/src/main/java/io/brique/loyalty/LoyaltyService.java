package io.brique.loyalty;

import io.brique.api.cart.AdjustmentRefused;
import io.brique.api.cart.CartAdjustment;
import io.brique.api.cart.CartSnapshot;
import io.brique.api.event.Events;
import io.brique.api.plugin.PluginContext;
import io.brique.loyalty.LoyaltySettings.Programme;
import io.brique.loyalty.LoyaltySettings.Tier;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The programme: earning from orders and actions, tiers, redemption and code use at checkout
 * (reservations), reversal on cancellation and refund. Writes go through {@link LedgerService} and
 * {@link PromoService}; every step is idempotent (events come at least once).
 */
public final class LoyaltyService {

    public static final String POINTS_PREFIX = "POINTS-";
    public static final String SOURCE_POINTS = "loyalty-points";
    public static final String SOURCE_CODE = "loyalty-code";
    public static final String SOURCE_TIER = "loyalty-tier";

    /** A shopper's loyalty summary. */
    public record Summary(long customerId, long available, long pending, String tier, long windowPoints,
            Tier next, long redeemValueMinorPerPoint100) {
    }

    /** What a reservation holds. */
    public record Reservation(String orderNumber, Long customerId, String email, long points, Long spendMovementId,
            String code, Long promoId, String status, Instant createdAt) {
    }

    private final PluginContext context;
    private final Jdbc db;
    private final LedgerService ledger;
    private final PromoService promos;
    private final LoyaltyMessages messages;
    private final Segments segments;
    private final PricingCache cache;
    private final RewardService rewards;

    public LoyaltyService(PluginContext context) {
        this.context = context;
        this.db = new Jdbc(context.dataSource(), context.tablePrefix());
        this.ledger = new LedgerService(db, context.clock());
        this.segments = Segments.of(context);
        this.cache = new PricingCache(db, () -> programme().cacheSeconds());
        this.promos = new PromoService(db, context.clock(), segments, cache);
        this.rewards = new RewardService(db, context.clock(), ledger, promos, cache);
        this.messages = new LoyaltyMessages(context, db);
    }

    public RewardService rewards() {
        return rewards;
    }

    public LoyaltyMessages messages() {
        return messages;
    }

    public LedgerService ledger() {
        return ledger;
    }

    public PromoService promos() {
        return promos;
    }

    public Programme programme() {
        return Programme.of(context.settings());
    }

    Instant now() {
        return context.clock().instant();
    }

    // ------------------------------------------------------------------------------------------ tiers

    /** Points earned from orders over the tier window, net of reversals. */
    public long windowPoints(long customerId, Programme p) {
        Instant since = now().minus(Duration.ofDays(p.tierWindowDays()));
        return db.read(c -> Math.max(0, Jdbc.number(c, "SELECT COALESCE(SUM(points), 0) FROM " + db.t("lot")
                + " WHERE customer_id = ? AND source = 'order' AND created_at >= ?", customerId, since)
                - Jdbc.number(c, "SELECT COALESCE(SUM(-(points + pending_points) + shortfall), 0) FROM "
                        + db.t("movement") + " WHERE customer_id = ? AND kind = 'reverse' AND created_at >= ?",
                        customerId, since)));
    }

    public Tier tier(long customerId, Programme p) {
        return p.tierFor(windowPoints(customerId, p));
    }

    public Summary summary(long customerId) {
        Programme p = programme();
        LedgerService.Balance b = ledger.balance(customerId);
        long window = windowPoints(customerId, p);
        Tier tier = p.tierFor(window);
        Tier next = p.tiers().stream().filter(t -> t.threshold() > window).findFirst().orElse(null);
        return new Summary(customerId, b.available(), b.pending(), tier == null ? null : tier.name(), window, next,
                p.redeemPointsPerEuro());
    }

    // ------------------------------------------------------------------------------------------ earning

    /** A campaign as the merchant sees it. */
    public record CampaignRow(long id, String name, int multiplierPct, Long categoryId, String segment, Instant startsAt,
            Instant endsAt, boolean active) {
    }

    /** Active campaigns at this instant for this customer (segment-restricted ones only when they match). */
    public List<EarningRules.Campaign> campaigns(Instant at, Long customerId) {
        return campaignRows().stream().filter(r -> r.active() && !r.startsAt().isAfter(at) && r.endsAt().isAfter(at))
                .filter(r -> r.segment() == null || segments.matches(r.segment(), customerId))
                .map(r -> new EarningRules.Campaign(r.name(), r.multiplierPct(), r.categoryId())).toList();
    }

    public List<CampaignRow> campaignRows() {
        return db.read(c -> Jdbc.list(c, "SELECT * FROM " + db.t("campaign") + " ORDER BY starts_at DESC, id DESC LIMIT 500",
                rs -> {
                    long cat = rs.getLong("category_id");
                    Long category = rs.wasNull() ? null : cat;
                    return new CampaignRow(rs.getLong("id"), rs.getString("name"), rs.getInt("multiplier_pct"), category,
                            rs.getString("segment"), Jdbc.instant(rs, "starts_at"), Jdbc.instant(rs, "ends_at"),
                            rs.getBoolean("active"));
                }));
    }

    public long createCampaign(String name, int multiplierPct, Long categoryId, Instant startsAt, Instant endsAt) {
        return saveCampaign(null, new CampaignRow(0, name, multiplierPct, categoryId, null, startsAt, endsAt, true));
    }

    /** Creates ({@code id} null) or edits a campaign, validated field by field ("field: message"). */
    public long saveCampaign(Long id, CampaignRow r) {
        if (r.name() == null || r.name().isBlank() || r.name().length() > 120) {
            throw new LoyaltyException("invalid", "name: required, at most 120 characters");
        }
        if (r.multiplierPct() < 100 || r.multiplierPct() > 1000) {
            throw new LoyaltyException("invalid", "multiplier_pct: between 100 and 1000 percent");
        }
        if (r.startsAt() == null) {
            throw new LoyaltyException("invalid", "starts_at: required");
        }
        if (r.endsAt() == null || !r.endsAt().isAfter(r.startsAt())) {
            throw new LoyaltyException("invalid", "ends_at: the end must be after the start");
        }
        Segments.validate(r.segment());
        String segment = r.segment() == null || r.segment().isBlank() ? null : r.segment().trim();
        if (id == null) {
            return db.tx(c -> Jdbc.insert(c, "INSERT INTO " + db.t("campaign") + " (name, multiplier_pct, category_id,"
                    + " starts_at, ends_at, segment, active) VALUES (?, ?, ?, ?, ?, ?, ?)", r.name().trim(), r.multiplierPct(),
                    r.categoryId(), r.startsAt(), r.endsAt(), segment, r.active()));
        }
        int n = db.tx(c -> Jdbc.update(c, "UPDATE " + db.t("campaign") + " SET name = ?, multiplier_pct = ?, category_id = ?,"
                + " starts_at = ?, ends_at = ?, segment = ?, active = ? WHERE id = ?", r.name().trim(), r.multiplierPct(),
                r.categoryId(), r.startsAt(), r.endsAt(), segment, r.active(), id));
        if (n == 0) {
            throw new LoyaltyException("not_found", "no campaign " + id);
        }
        return id;
    }

    /**
     * An order was placed: remembered, its reservation confirmed, its points credited (pending until
     * the return window ends), and the first-order bonus. Idempotent.
     */
    public void orderPlaced(Events.OrderPlaced o, Instant placedAt) {
        Programme p = programme();
        String email = o.email() == null ? null : o.email().toLowerCase(Locale.ROOT);
        boolean first = db.tx(c -> {
            if (Jdbc.number(c, "SELECT COUNT(*) FROM " + db.t("order") + " WHERE order_number = ?", o.number()) > 0) {
                return false;
            }
            boolean none = o.customerId() != null && Jdbc.number(c, "SELECT COUNT(*) FROM " + db.t("order")
                    + " WHERE customer_id = ?", o.customerId()) == 0;
            Jdbc.update(c, "INSERT INTO " + db.t("order") + " (order_number, customer_id, email, currency, total_minor,"
                    + " earned, status, placed_at) VALUES (?, ?, ?, ?, ?, 0, 'placed', ?)", o.number(), o.customerId(),
                    email, o.currency(), o.totalMinor(), placedAt);
            return none;
        });
        confirmReservation(o.number());
        if (o.customerId() == null) {
            return;
        }
        ledger.ensureAccount(o.customerId(), email);
        Tier tier = tier(o.customerId(), p);
        long points = EarningRules.points(o, p, tier == null ? 100 : tier.multiplierPct(), campaigns(placedAt, o.customerId()));
        Instant availableAt = placedAt.plus(Duration.ofDays(p.returnWindowDays()));
        Instant expiresAt = p.expiryDays() == 0 ? null : availableAt.plus(Duration.ofDays(p.expiryDays()));
        if (points > 0) {
            ledger.earn(new LedgerService.Earn(o.customerId(), points, "order", o.number(), "order:" + o.number(),
                    availableAt, expiresAt, "system", "order " + o.number()));
            db.tx(c -> Jdbc.update(c, "UPDATE " + db.t("order") + " SET earned = ? WHERE order_number = ?", points,
                    o.number()));
        }
        if (first) {
            bonus(o.customerId(), "first_order", "bonus:first_order:" + o.customerId(), availableAt);
        }
        updateTier(o.customerId(), p);
    }

    /** A bonus for an action, once per key; returns the points given (0 when off or already given). */
    public long bonus(long customerId, String action, String key, Instant availableAt) {
        Programme p = programme();
        long points = p.bonus(action);
        if (points <= 0) {
            return 0;
        }
        Instant start = availableAt == null ? now() : availableAt;
        Instant expiresAt = p.expiryDays() == 0 ? null : start.plus(Duration.ofDays(p.expiryDays()));
        ledger.earn(new LedgerService.Earn(customerId, points, "bonus_" + action, null, key, start, expiresAt, "system",
                action));
        return points;
    }

    public void customerRegistered(Events.CustomerRegistered e) {
        ledger.ensureAccount(e.customerId(), e.email() == null ? null : e.email().toLowerCase(Locale.ROOT));
        if (e.locale() != null && e.locale().matches("^[a-z]{2}$")) {
            db.tx(c -> Jdbc.update(c, "UPDATE " + db.t("account") + " SET locale = ? WHERE customer_id = ?", e.locale(),
                    e.customerId()));
        }
        bonus(e.customerId(), "signup", "bonus:signup:" + e.customerId(), null);
        if (e.consentMarketing()) {
            bonus(e.customerId(), "newsletter", "bonus:newsletter:" + e.customerId(), null);
        }
    }

    /** Birthday bonuses of today (run daily): once per customer and year. */
    public int birthdays() {
        LocalDate today = LocalDate.ofInstant(now(), ZoneOffset.UTC);
        String mmdd = String.format(Locale.ROOT, "%02d-%02d", today.getMonthValue(), today.getDayOfMonth());
        List<Long> ids = db.read(c -> Jdbc.list(c, "SELECT customer_id FROM " + db.t("account")
                + " WHERE birthday = ? AND anonymised = FALSE", rs -> rs.getLong(1), mmdd));
        ids.forEach(id -> bonus(id, "birthday", "bonus:birthday:" + id + ":" + today.getYear(), null));
        return ids.size();
    }

    public void setBirthday(long customerId, String mmdd) {
        if (mmdd == null || !mmdd.matches("^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")) {
            throw new LoyaltyException("invalid", "birthday: MM-DD");
        }
        ledger.ensureAccount(customerId, null);
        db.tx(c -> Jdbc.update(c, "UPDATE " + db.t("account") + " SET birthday = ? WHERE customer_id = ?", mmdd,
                customerId));
    }

    /**
     * Stores the customer's current tier; an upgrade (to a tier with a higher threshold than the stored
     * one, above the entry tier) records a tier_upgrade message in the same transaction.
     */
    void updateTier(long customerId, Programme p) {
        Tier t = tier(customerId, p);
        String name = t == null ? null : t.name();
        int change = db.tx(c -> {
            String before = Jdbc.one(c, "SELECT tier FROM " + db.t("account") + " WHERE customer_id = ? FOR UPDATE",
                    rs -> rs.getString(1), customerId);
            if (java.util.Objects.equals(before, name)) {
                return 0;
            }
            Jdbc.update(c, "UPDATE " + db.t("account") + " SET tier = ? WHERE customer_id = ?", name, customerId);
            long beforeThreshold = p.tiers().stream().filter(x -> x.name().equals(before)).mapToLong(Tier::threshold)
                    .findFirst().orElse(0);
            boolean up = t != null && t.threshold() > 0 && t.threshold() > beforeThreshold;
            if (up) {
                messages.enqueueIn(c, "tier_upgrade:" + customerId + ":" + name + ":"
                        + LocalDate.ofInstant(now(), ZoneOffset.UTC), customerId, "tier_upgrade", Map.of("tier", name));
            }
            return up ? 2 : 1;
        });
        if (change > 0) {
            context.count("tier_changes", 1);
        }
        if (change == 2) {
            context.count("tier_upgrades", 1);
        }
    }

    /** Cancellation: all points of the order taken back, what it spent given back, its code use freed. */
    public void orderCancelled(String number) {
        cancelReservation(number);
        reverse(number, null, true);
    }

    /** A refund: the order's points taken back in proportion to the refunded share (all when fully refunded). */
    public void orderRefunded(Events.OrderRefunded r) {
        reverse(r.number(), r.refundedTotalMinor(), r.fullyRefunded());
    }

    private void reverse(String number, Long refundedTotal, boolean full) {
        Object[] order = db.read(c -> Jdbc.one(c, "SELECT customer_id, total_minor, earned FROM " + db.t("order")
                + " WHERE order_number = ?", rs -> {
                    long cid = rs.getLong(1);
                    return new Object[] {rs.wasNull() ? null : cid, rs.getLong(2), rs.getLong(3)};
                }, number));
        if (order == null || order[0] == null) {
            return;
        }
        long customerId = (Long) order[0];
        long total = (Long) order[1];
        long earned = (Long) order[2];
        long target = full || total <= 0 ? earned
                : java.math.BigInteger.valueOf(earned).multiply(java.math.BigInteger.valueOf(Math.min(refundedTotal, total)))
                        .divide(java.math.BigInteger.valueOf(total)).longValueExact();
        Reservation res = reservation(number);
        ledger.write(customerId, c -> {
            if (target > 0) {
                ledger.reverseIn(c, customerId, number, target, "system", full ? "order cancelled or refunded"
                        : "partial refund");
            }
            if (!full && res != null && res.spendMovementId() != null && res.points() > 0 && total > 0) {
                // points spent on the order come back in the same proportion
                long back = java.math.BigInteger.valueOf(res.points())
                        .multiply(java.math.BigInteger.valueOf(Math.min(refundedTotal, total)))
                        .divide(java.math.BigInteger.valueOf(total)).longValueExact();
                long already = Jdbc.number(c, "SELECT COALESCE(SUM(points), 0) FROM " + db.t("movement")
                        + " WHERE related_id = ? AND kind = 'restore'", res.spendMovementId());
                if (back > already) {
                    ledger.restoreIn(c, res.spendMovementId(), back - already, "refund-restore:" + number + ":" + back,
                            "system", "partial refund");
                }
            }
            if (full && res != null && res.spendMovementId() != null) {
                ledger.restoreIn(c, res.spendMovementId(), res.points(), "refund-restore:" + number + ":all", "system",
                        "order refunded");
            }
            return null;
        });
        db.tx(c -> Jdbc.update(c, "UPDATE " + db.t("order") + " SET status = ? WHERE order_number = ?",
                full ? "cancelled" : "refunded", number));
        updateTier(customerId, programme());
    }

    // ------------------------------------------------------------------------------------------ redemption

    /** The points a cart may use: what the shopper asked, capped by balance, basket share; 0 below the minimum. */
    public long usablePoints(long wanted, long available, long itemsMinor, Programme p) {
        long maxDiscount = itemsMinor * p.redeemMaxPercent() / 100;
        long maxPoints = maxDiscount * p.redeemPointsPerEuro() / 100;
        long points = Math.max(0, Math.min(Math.min(wanted, available), maxPoints));
        // whole cents only: the fewest points that buy the same (floored) discount
        points = ceilDiv(discountFor(points, p) * p.redeemPointsPerEuro(), 100);
        return points < p.redeemMinPoints() ? 0 : points;
    }

    public static long discountFor(long points, Programme p) {
        return points * 100 / p.redeemPointsPerEuro();
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    public record CartChoice(long points, String code) {
    }

    public CartChoice choice(String cartToken) {
        if (cartToken == null) {
            return new CartChoice(0, null);
        }
        CartChoice c = db.read(conn -> Jdbc.one(conn, "SELECT points, code FROM " + db.t("cart_choice")
                + " WHERE cart_token = ?", rs -> new CartChoice(rs.getLong(1), rs.getString(2)), cartToken));
        return c == null ? new CartChoice(0, null) : c;
    }

    public void saveChoice(String cartToken, long points, String code) {
        if (cartToken == null || !cartToken.matches("^[A-Za-z0-9_-]{16,64}$")) {
            throw new LoyaltyException("invalid", "no cart");
        }
        if (points < 0 || points > LedgerService.MAX_POINTS) {
            throw new LoyaltyException("invalid", "points: a whole number between 0 and " + LedgerService.MAX_POINTS);
        }
        String c = PromoService.normalise(code);
        if (c != null && !c.isEmpty() && !PromoService.CODE.matcher(c).matches()) {
            throw new LoyaltyException("invalid", "code: letters, digits, - or _");
        }
        String stored = c == null || c.isEmpty() ? null : c;
        db.tx(conn -> {
            if (Jdbc.update(conn, "UPDATE " + db.t("cart_choice") + " SET points = ?, code = ?, updated_at = ?"
                    + " WHERE cart_token = ?", points, stored, now(), cartToken) == 0) {
                try {
                    Jdbc.update(conn, "INSERT INTO " + db.t("cart_choice") + " (cart_token, points, code, updated_at)"
                            + " VALUES (?, ?, ?, ?)", cartToken, points, stored, now());
                } catch (SQLException e) {
                    if (!Jdbc.duplicate(e)) {
                        throw e;
                    }
                    Jdbc.update(conn, "UPDATE " + db.t("cart_choice") + " SET points = ?, code = ?, updated_at = ?"
                            + " WHERE cart_token = ?", points, stored, now(), cartToken);
                }
            }
            return null;
        });
    }

    /** The cart's adjustments: the code, points (unless the code is not combinable), tier free shipping. */
    public List<CartAdjustment> adjust(CartSnapshot cart, String lang) {
        Programme p = programme();
        CartChoice choice = choice(cart.cartToken());
        String typed = choice.code() != null ? choice.code() : cart.attributes().get("promo_code");
        PricingCache.Customer known = cart.customerId() == null ? null : cache.customer(cart.customerId(), () -> {
            Tier t = tier(cart.customerId(), p);
            return new PricingCache.Customer(0, ledger.balance(cart.customerId()).available(), t == null ? null : t.name(), 0);
        });
        Tier tier = known == null || known.tier() == null ? null
                : p.tiers().stream().filter(t -> t.name().equals(known.tier())).findFirst().orElse(null);
        List<CartAdjustment> out = new ArrayList<>();
        boolean combinable = true;
        long codeItemsDiscount = 0;
        if (typed != null && !typed.isBlank()) {
            PromoService.Check check = promos.check(typed, cart, tier == null ? null : tier.name());
            if (check.ok() && check.discountMinor() > 0) {
                out.add(new CartAdjustment(SOURCE_CODE, check.code(), check.promo().name(), -check.discountMinor(),
                        check.shipping() ? CartAdjustment.Target.SHIPPING : CartAdjustment.Target.ITEMS));
                combinable = check.promo().combinable();
                codeItemsDiscount = check.shipping() ? 0 : check.discountMinor();
            }
        }
        if (cart.customerId() != null && choice.points() > 0 && combinable) {
            long available = known.available();
            long points = usablePoints(choice.points(), available, Math.max(0, cart.subtotalMinor() - codeItemsDiscount), p);
            if (points > 0) {
                out.add(new CartAdjustment(SOURCE_POINTS, POINTS_PREFIX + points,
                        Texts.get(lang, "loyalty.cart.points_label").replace("{0}", Long.toString(points)),
                        -discountFor(points, p), CartAdjustment.Target.ITEMS));
            }
        }
        if (tier != null && tier.freeShipping() && cart.shippingMinor() > 0 && combinable
                && out.stream().noneMatch(a -> a.target() == CartAdjustment.Target.SHIPPING)) {
            out.add(new CartAdjustment(SOURCE_TIER, "TIER-FREE-SHIPPING",
                    Texts.get(lang, "loyalty.cart.tier_shipping").replace("{0}", tier.name()), -cart.shippingMinor(),
                    CartAdjustment.Target.SHIPPING));
        }
        return out;
    }

    /**
     * Reserves what the order's adjustments consume, in ONE transaction: the points (customer's ledger
     * locked) and one use of the code (promotion row updated conditionally). Idempotent per order number;
     * a number released before (a time-out) is refused.
     */
    public void reserve(CartSnapshot cart, List<CartAdjustment> applied, String orderNumber) {
        String lang = cart.attributes().getOrDefault("locale", "fr");
        long points = 0;
        String code = null;
        for (CartAdjustment a : applied) {
            if (SOURCE_POINTS.equals(a.source()) && a.code().startsWith(POINTS_PREFIX)) {
                points += Long.parseLong(a.code().substring(POINTS_PREFIX.length()));
            } else if (SOURCE_CODE.equals(a.source())) {
                code = a.code();
            }
        }
        if (points == 0 && code == null) {
            return; // only the tier's free shipping: nothing scarce
        }
        if (points > 0 && cart.customerId() == null) {
            throw new AdjustmentRefused(Texts.get(lang, "loyalty.refused.points"));
        }
        Programme p = programme();
        Tier tier = cart.customerId() == null ? null : tier(cart.customerId(), p);
        String email = cart.email() == null ? null : cart.email().toLowerCase(Locale.ROOT);
        if (cart.customerId() != null) {
            ledger.ensureAccount(cart.customerId(), email);
        }
        long wantedPoints = points;
        String wantedCode = code;
        try {
            db.tx(c -> {
                if (cart.customerId() != null) {
                    ledger.lock(c, cart.customerId());
                }
                Reservation existing = reservationIn(c, orderNumber, true);
                if (existing != null) {
                    if ("released".equals(existing.status()) || "cancelled".equals(existing.status())) {
                        throw new PromoService.Refusal("loyalty.refused.retry");
                    }
                    return null; // reserved or confirmed already: the same number again
                }
                Long spend = null;
                if (wantedPoints > 0) {
                    try {
                        spend = ledger.spendIn(c, cart.customerId(), wantedPoints, "spend", orderNumber,
                                "reserve:" + orderNumber, "checkout", "order " + orderNumber);
                    } catch (LoyaltyException e) {
                        if ("insufficient_points".equals(e.code())) {
                            throw new PromoService.Refusal("loyalty.refused.points");
                        }
                        throw e;
                    }
                }
                Long promoId = wantedCode == null ? null
                        : promos.useIn(c, wantedCode, cart, tier == null ? null : tier.name());
                Jdbc.update(c, "INSERT INTO " + db.t("reservation") + " (order_number, customer_id, email, points,"
                        + " spend_movement_id, code, promo_id, status, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'reserved', ?, ?)", orderNumber, cart.customerId(), email,
                        wantedPoints, spend, wantedCode, promoId, now(), now());
                return null;
            });
        } catch (PromoService.Refusal r) {
            context.count("reservations_refused", 1);
            throw new AdjustmentRefused(Texts.get(lang, r.getMessage()));
        }
        context.count("reservations", 1);
    }

    /** Gives back a reservation whose order was not created; leaves a tombstone for an unknown number. */
    public void release(String orderNumber) {
        undo(orderNumber, "released", List.of("reserved"));
    }

    /** order.cancelled: a reserved or confirmed reservation is given back. */
    void cancelReservation(String orderNumber) {
        undo(orderNumber, "cancelled", List.of("reserved", "confirmed"));
    }

    private void undo(String orderNumber, String newStatus, List<String> from) {
        Reservation r = reservation(orderNumber);
        if (r == null && "released".equals(newStatus)) {
            try {
                db.tx(c -> Jdbc.update(c, "INSERT INTO " + db.t("reservation") + " (order_number, points, status,"
                        + " created_at, updated_at) VALUES (?, 0, 'released', ?, ?)", orderNumber, now(), now()));
                return;
            } catch (LoyaltyException e) {
                r = reservation(orderNumber); // reserved meanwhile (the late twin of a timed-out call)
            }
        }
        if (r == null || !from.contains(r.status())) {
            return;
        }
        Long customer = r.customerId();
        Jdbc.Work<Void> work = c -> {
            Reservation locked = reservationIn(c, orderNumber, true);
            if (locked == null || !from.contains(locked.status())) {
                return null;
            }
            if (locked.spendMovementId() != null) {
                ledger.restoreIn(c, locked.spendMovementId(), locked.points(), newStatus + ":" + orderNumber,
                        "checkout", "order " + orderNumber + " " + newStatus);
            }
            if (locked.code() != null && locked.promoId() != null) {
                promos.giveBackIn(c, locked.code(), locked.promoId());
            }
            Jdbc.update(c, "UPDATE " + db.t("reservation") + " SET status = ?, updated_at = ? WHERE order_number = ?",
                    newStatus, now(), orderNumber);
            return null;
        };
        if (customer != null) {
            ledger.write(customer, work);
        } else {
            db.tx(work);
        }
    }

    /**
     * order.placed: the reservation becomes final. If it had been released meanwhile (the event came
     * after the clean-up job gave up on it), the points and the code use are taken again when still
     * possible; what cannot be taken is logged and counted ({@code late_confirmation_shortfall}).
     */
    void confirmReservation(String orderNumber) {
        Reservation r = reservation(orderNumber);
        if (r == null || "confirmed".equals(r.status()) || "cancelled".equals(r.status())) {
            return;
        }
        if ("reserved".equals(r.status())) {
            db.tx(c -> Jdbc.update(c, "UPDATE " + db.t("reservation") + " SET status = 'confirmed', updated_at = ?"
                    + " WHERE order_number = ? AND status = 'reserved'", now(), orderNumber));
            return;
        }
        if (r.points() == 0 && r.code() == null) {
            return; // a tombstone only
        }
        try {
            Jdbc.Work<Void> retake = c -> {
                Reservation locked = reservationIn(c, orderNumber, true);
                if (!"released".equals(locked.status())) {
                    return null;
                }
                Long spend = locked.points() > 0 ? ledger.spendIn(c, locked.customerId(), locked.points(), "spend",
                        orderNumber, "late:" + orderNumber, "system", "late confirmation") : null;
                if (locked.code() != null && locked.promoId() != null) {
                    Jdbc.update(c, "UPDATE " + db.t("promo") + " SET used = used + 1 WHERE id = ?", locked.promoId());
                    Jdbc.update(c, "UPDATE " + db.t("code") + " SET used = used + 1 WHERE code = ?", locked.code());
                }
                Jdbc.update(c, "UPDATE " + db.t("reservation") + " SET status = 'confirmed', spend_movement_id = ?,"
                        + " updated_at = ? WHERE order_number = ?", spend, now(), orderNumber);
                return null;
            };
            if (r.customerId() != null) {
                ledger.write(r.customerId(), retake);
            } else {
                db.tx(retake);
            }
        } catch (LoyaltyException e) {
            context.count("late_confirmation_shortfall", 1);
            context.logger().warn("order {} was placed after its loyalty reservation was released; could not take"
                    + " it again: {}", orderNumber, e.getMessage());
        }
    }

    /** Releases reservations whose order never appeared within the TTL (a node crashed mid-checkout). */
    public int releaseStale() {
        Instant before = now().minus(Duration.ofMinutes(programme().reservationTtlMinutes()));
        List<String> stale = db.read(c -> Jdbc.list(c, "SELECT order_number FROM " + db.t("reservation")
                + " WHERE status = 'reserved' AND created_at < ? LIMIT 500", rs -> rs.getString(1), before));
        stale.forEach(this::release);
        return stale.size();
    }

    public Reservation reservation(String orderNumber) {
        return db.read(c -> reservationIn(c, orderNumber, false));
    }

    private Reservation reservationIn(Connection c, String orderNumber, boolean forUpdate) throws SQLException {
        return Jdbc.one(c, "SELECT * FROM " + db.t("reservation") + " WHERE order_number = ?"
                + (forUpdate ? " FOR UPDATE" : ""), rs -> {
                    long cid = rs.getLong("customer_id");
                    Long customer = rs.wasNull() ? null : cid;
                    long sm = rs.getLong("spend_movement_id");
                    Long spend = rs.wasNull() ? null : sm;
                    long pid = rs.getLong("promo_id");
                    Long promo = rs.wasNull() ? null : pid;
                    return new Reservation(rs.getString("order_number"), customer, rs.getString("email"),
                            rs.getLong("points"), spend, rs.getString("code"), promo, rs.getString("status"),
                            Jdbc.instant(rs, "created_at"));
                }, orderNumber);
    }

    // ------------------------------------------------------------------------------------------ reports

    /** Points issued and redeemed since an instant, and the outstanding liability. */
    public record Figures(long issued, long redeemed, long outstanding, long outstandingValueMinor) {
    }

    public Figures figures(Instant since) {
        Programme p = programme();
        return db.read(c -> {
            long issued = Jdbc.number(c, "SELECT COALESCE(SUM(points + pending_points), 0) FROM " + db.t("movement")
                    + " WHERE kind = 'earn' AND created_at >= ?", since);
            long redeemed = -Jdbc.number(c, "SELECT COALESCE(SUM(points), 0) FROM " + db.t("movement")
                    + " WHERE kind = 'spend' AND created_at >= ?", since)
                    - Jdbc.number(c, "SELECT COALESCE(SUM(points), 0) FROM " + db.t("movement")
                            + " WHERE kind = 'restore' AND created_at >= ?", since);
            long outstanding = Jdbc.number(c, "SELECT COALESCE(SUM(points), 0) FROM " + db.t("movement"));
            return new Figures(issued, redeemed, outstanding, discountFor(outstanding, p));
        });
    }

    /**
     * Redemption rate over all time: points redeemed (spends net of give-backs, rewards included) per
     * point issued, in percent with one decimal; null before any point was issued.
     */
    public String redemptionRate() {
        Figures all = figures(Instant.EPOCH);
        if (all.issued() <= 0) {
            return null;
        }
        return java.math.BigDecimal.valueOf(all.redeemed()).multiply(java.math.BigDecimal.valueOf(100))
                .divide(java.math.BigDecimal.valueOf(all.issued()), 1, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** Customers who earned the most points over the tier window (order points and bonuses, before reversals). */
    public List<Map<String, Object>> topEarners(int limit) {
        Instant since = now().minus(Duration.ofDays(programme().tierWindowDays()));
        return db.read(c -> Jdbc.list(c, "SELECT m.customer_id, SUM(m.points + m.pending_points), a.email FROM "
                + db.t("movement") + " m LEFT JOIN " + db.t("account") + " a ON a.customer_id = m.customer_id"
                + " WHERE m.kind = 'earn' AND m.created_at >= ? GROUP BY m.customer_id, a.email"
                + " ORDER BY SUM(m.points + m.pending_points) DESC, m.customer_id LIMIT ?", rs -> {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("customerId", rs.getLong(1));
                    row.put("earned", rs.getLong(2));
                    row.put("email", rs.getString(3) == null ? "" : rs.getString(3));
                    return row;
                }, since, Math.max(1, Math.min(limit, 500))));
    }

    /** Customers with the highest balances. */
    public List<Map<String, Object>> topBalances(int limit) {
        return db.read(c -> Jdbc.list(c, "SELECT m.customer_id, SUM(m.points), SUM(m.pending_points), a.email, a.tier FROM "
                + db.t("movement") + " m LEFT JOIN " + db.t("account") + " a ON a.customer_id = m.customer_id"
                + " GROUP BY m.customer_id, a.email, a.tier ORDER BY SUM(m.points) DESC, m.customer_id LIMIT ?",
                rs -> {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("customerId", rs.getLong(1));
                    row.put("available", rs.getLong(2));
                    row.put("pending", rs.getLong(3));
                    row.put("email", rs.getString(4) == null ? "" : rs.getString(4));
                    row.put("tier", rs.getString(5) == null ? "" : rs.getString(5));
                    return row;
                }, Math.max(1, Math.min(limit, 500))));
    }

    // ------------------------------------------------------------------------------------------ GDPR

    public Map<String, Object> export(long customerId) {
        Summary s = summary(customerId);
        List<Map<String, Object>> movements = new ArrayList<>();
        for (LedgerService.Movement m : ledger.history(customerId, 1000)) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("at", m.createdAt().toString());
            row.put("kind", m.kind());
            row.put("points", m.points());
            row.put("pendingPoints", m.pendingPoints());
            row.put("reference", m.reference() == null ? "" : m.reference());
            row.put("reason", m.reason() == null ? "" : m.reason());
            movements.add(row);
        }
        List<Map<String, Object>> claims = rewards.claims(customerId).stream().map(c -> {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("at", c.createdAt().toString());
            row.put("reward", c.rewardName());
            row.put("code", c.code());
            row.put("points", c.points());
            row.put("used", c.used());
            return row;
        }).toList();
        return Map.of("available", s.available(), "pending", s.pending(), "tier", s.tier() == null ? "" : s.tier(),
                "movements", movements, "rewards", claims);
    }

    /**
     * Erasure: the account's e-mail and birthday are removed, free texts of its movements (reasons) and
     * its orders' e-mails blanked; amounts and ids stay, so every total still reconciles.
     */
    public String erase(long customerId, String email) {
        return db.tx(c -> {
            int a = Jdbc.update(c, "UPDATE " + db.t("account") + " SET email = NULL, birthday = NULL, anonymised = TRUE"
                    + " WHERE customer_id = ?", customerId);
            int m = Jdbc.update(c, "UPDATE " + db.t("movement") + " SET reason = NULL WHERE customer_id = ?", customerId);
            Jdbc.update(c, "UPDATE " + db.t("order") + " SET email = NULL WHERE customer_id = ? OR email = ?", customerId,
                    email == null ? "" : email.toLowerCase(Locale.ROOT));
            Jdbc.update(c, "UPDATE " + db.t("reservation") + " SET email = NULL WHERE customer_id = ? OR email = ?",
                    customerId, email == null ? "" : email.toLowerCase(Locale.ROOT));
            return "loyalty: account " + (a > 0 ? "anonymised" : "absent") + ", " + m
                    + " movements kept without free text";
        });
    }
}
