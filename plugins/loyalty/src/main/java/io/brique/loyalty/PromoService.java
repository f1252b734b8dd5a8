package io.brique.loyalty;

import io.brique.api.cart.CartSnapshot;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Promotions and their codes: validation for a cart (read only, on every pricing), atomic use at order
 * placement (conditional UPDATEs: {@code used < usage_limit}), give-back on release or cancellation,
 * and bulk generation of single-use codes.
 */
public final class PromoService {

    /** A promotion. {@code amount}: percent (1..100) for percent, minor units for fixed, unused for free_shipping. */
    public record Promo(long id, String name, String kind, long amount, long minBasketMinor, Instant startsAt,
            Instant endsAt, Set<Long> productIds, Set<Long> categoryIds, Long usageLimit, Long perCustomerLimit,
            boolean firstOrderOnly, String tier, boolean combinable, long used, boolean active, String segment) {
    }

    /** A code checked against a cart: the promotion, or why not ({@code refusal} is a message key). */
    public record Check(String code, Promo promo, long discountMinor, boolean shipping, String refusal) {
        public boolean ok() {
            return refusal == null;
        }
    }

    public static final Pattern CODE = Pattern.compile("^[A-Z0-9_-]{3,64}$");
    /** No 0/O, 1/I/L, so codes can be read aloud or typed from paper. */
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final List<String> KINDS = List.of("percent", "fixed", "free_shipping", "free_product");

    private final Jdbc db;
    private final Clock clock;
    private final Segments segments;
    private final PricingCache cache;

    PromoService(Jdbc db, Clock clock, Segments segments, PricingCache cache) {
        this.db = db;
        this.clock = clock;
        this.segments = segments;
        this.cache = cache;
    }

    public static String normalise(String code) {
        return code == null ? null : code.trim().toUpperCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------------------------------ admin

    /** Checks a promotion's fields; throws {@code invalid} with the field name first ("amount: ..."). */
    static void validate(Promo p) {
        List<LoyaltyException> problems = problems(p);
        if (!problems.isEmpty()) {
            throw problems.getFirst();
        }
    }

    /** Every field problem of a promotion (forms mark them all at once). */
    static List<LoyaltyException> problems(Promo p) {
        List<LoyaltyException> out = new java.util.ArrayList<>();
        if (p.name() == null || p.name().isBlank() || p.name().length() > 120) {
            out.add(new LoyaltyException("invalid", "name: required, at most 120 characters"));
        }
        if (!KINDS.contains(p.kind())) {
            out.add(new LoyaltyException("invalid", "kind: one of " + KINDS));
        }
        if ("percent".equals(p.kind()) && (p.amount() < 1 || p.amount() > 100)) {
            out.add(new LoyaltyException("invalid", "amount: a percent between 1 and 100"));
        }
        if ("fixed".equals(p.kind()) && (p.amount() < 1 || p.amount() > 100_000_000L)) {
            out.add(new LoyaltyException("invalid", "amount: between 0.01 and 1,000,000.00"));
        }
        if ("free_product".equals(p.kind()) && (p.productIds() == null || p.productIds().size() != 1)) {
            out.add(new LoyaltyException("invalid", "product_ids: a free product promotion names exactly one product"));
        }
        if (p.minBasketMinor() < 0 || p.minBasketMinor() > 100_000_000_000L) {
            out.add(new LoyaltyException("invalid", "min_basket: out of range"));
        }
        if (p.startsAt() != null && p.endsAt() != null && !p.endsAt().isAfter(p.startsAt())) {
            out.add(new LoyaltyException("invalid", "ends_at: the end must be after the start"));
        }
        if (p.usageLimit() != null && p.usageLimit() < 1) {
            out.add(new LoyaltyException("invalid", "usage_limit: at least 1"));
        }
        if (p.perCustomerLimit() != null && p.perCustomerLimit() < 1) {
            out.add(new LoyaltyException("invalid", "per_customer_limit: at least 1"));
        }
        if (p.tier() != null && p.tier().length() > 32) {
            out.add(new LoyaltyException("invalid", "tier: at most 32 characters"));
        }
        try {
            Segments.validate(p.segment());
        } catch (LoyaltyException e) {
            out.add(e);
        }
        return out;
    }

    /** Creates a promotion (validated: 4xx on bad input) and, when {@code code} is given, its shared code. */
    public long create(Promo p, String code, Long codeUsageLimit) {
        return create(p, code, codeUsageLimit, null);
    }

    long create(Promo p, String code, Long codeUsageLimit, Long rewardId) {
        return db.tx(conn -> createIn(conn, p, code, codeUsageLimit, rewardId));
    }

    /** The same inside the caller's transaction (a reward and its promotion are created together). */
    long createIn(Connection conn, Promo p, String code, Long codeUsageLimit, Long rewardId) throws SQLException {
        validate(p);
        String c = normalise(code);
        if (c != null && !c.isEmpty() && !CODE.matcher(c).matches()) {
            throw new LoyaltyException("invalid", "code: 3 to 64 letters, digits, - or _");
        }
        if (codeUsageLimit != null && codeUsageLimit < 1) {
            throw new LoyaltyException("invalid", "code_usage_limit: at least 1");
        }
        long id = Jdbc.insert(conn, "INSERT INTO " + db.t("promo") + " (name, kind, amount, min_basket_minor,"
                + " starts_at, ends_at, product_ids, category_ids, usage_limit, per_customer_limit, first_order_only,"
                + " tier, combinable, used, active, created_at, segment, reward_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
                p.name().trim(), p.kind(), p.amount(), p.minBasketMinor(), p.startsAt(), p.endsAt(),
                join(p.productIds()), join(p.categoryIds()), p.usageLimit(), p.perCustomerLimit(),
                p.firstOrderOnly(), blank(p.tier()), p.combinable(), p.active(), clock.instant(), blank(p.segment()),
                rewardId);
        cache.bumpIn(conn);
        if (c != null && !c.isEmpty()) {
            try {
                Jdbc.update(conn, "INSERT INTO " + db.t("code") + " (code, promo_id, usage_limit, used)"
                        + " VALUES (?, ?, ?, 0)", c, id, codeUsageLimit);
            } catch (SQLException e) {
                if (Jdbc.duplicate(e)) {
                    throw new LoyaltyException("duplicate", "code: the code " + c + " exists already");
                }
                throw e;
            }
        }
        return id;
    }

    /** Edits a promotion's rules (its codes and its use counter stay). */
    public void update(long id, Promo p) {
        validate(p);
        promo(id);
        db.tx(c -> {
            Jdbc.update(c, "UPDATE " + db.t("promo") + " SET name = ?, kind = ?, amount = ?, min_basket_minor = ?,"
                    + " starts_at = ?, ends_at = ?, product_ids = ?, category_ids = ?, usage_limit = ?, per_customer_limit = ?,"
                    + " first_order_only = ?, tier = ?, combinable = ?, segment = ? WHERE id = ?", p.name().trim(), p.kind(),
                    p.amount(), p.minBasketMinor(), p.startsAt(), p.endsAt(), join(p.productIds()), join(p.categoryIds()),
                    p.usageLimit(), p.perCustomerLimit(), p.firstOrderOnly(), blank(p.tier()), p.combinable(),
                    blank(p.segment()), id);
            cache.bumpIn(c);
            return null;
        });
    }

    /** Disables (codes refused from now on, reservations already taken stay) or enables again. */
    public void setActive(long id, boolean active) {
        promo(id);
        db.tx(c -> {
            Jdbc.update(c, "UPDATE " + db.t("promo") + " SET active = ? WHERE id = ?", active, id);
            cache.bumpIn(c);
            return null;
        });
    }

    /** The promotion's codes (first {@code limit}) with their use counts. */
    public long codeCount(long promoId) {
        return db.read(c -> Jdbc.number(c, "SELECT COUNT(*) FROM " + db.t("code") + " WHERE promo_id = ?", promoId));
    }

    /** The first shared code of a promotion (the one typed by shoppers), or null. */
    public String firstCode(long promoId) {
        return db.read(c -> Jdbc.one(c, "SELECT MIN(code) FROM " + db.t("code") + " WHERE promo_id = ?",
                rs -> rs.getString(1), promoId));
    }

    /**
     * Generates {@code count} unique single-use codes ({@code prefix} + 12 random characters from a
     * 31-letter alphabet: 59 bits, unguessable) for a promotion, in batches in one transaction.
     */
    public List<String> generate(long promoId, int count, String prefix) {
        return generateBatch(promoId, count, prefix).codes();
    }

    /** A generation run: its id (to download its codes) and the codes. */
    public record Batch(String id, List<String> codes) {
    }

    public Batch generateBatch(long promoId, int count, String prefix) {
        if (count < 1 || count > 1_000_000) {
            throw new LoyaltyException("invalid", "count: between 1 and 1,000,000");
        }
        String pre = prefix == null ? "" : normalise(prefix);
        if (!pre.isEmpty() && !pre.matches("^[A-Z0-9]{1,20}-?$")) {
            throw new LoyaltyException("invalid", "prefix: up to 20 letters or digits");
        }
        promo(promoId);
        for (int attempt = 0;; attempt++) {
            String batch = java.util.UUID.randomUUID().toString();
            Set<String> codes = new LinkedHashSet<>(count * 2);
            while (codes.size() < count) {
                codes.add(randomCode(pre));
            }
            try {
                db.tx(c -> {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.t("code")
                            + " (code, promo_id, usage_limit, used, batch) VALUES (?, ?, 1, 0, ?)")) {
                        int n = 0;
                        for (String code : codes) {
                            s.setString(1, code);
                            s.setLong(2, promoId);
                            s.setString(3, batch);
                            s.addBatch();
                            if (++n % 1000 == 0) {
                                s.executeBatch();
                            }
                        }
                        s.executeBatch();
                    }
                    return null;
                });
                return new Batch(batch, List.copyOf(codes));
            } catch (LoyaltyException e) {
                // a collision with an existing code (probability ~ count^2 / 2^60): draw again, once
                if (attempt > 0 || !(e.getCause() instanceof SQLException s && Jdbc.duplicate(s))) {
                    throw e;
                }
            }
        }
    }

    /** {@code prefix} + 12 characters of the reading-safe alphabet (59 random bits). */
    static String randomCode(String prefix) {
        char[] buf = new char[12];
        for (int i = 0; i < buf.length; i++) {
            buf[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return prefix + new String(buf);
    }

    public Promo promo(long id) {
        Promo p = db.read(c -> Jdbc.one(c, "SELECT * FROM " + db.t("promo") + " WHERE id = ?", PromoService::promo, id));
        if (p == null) {
            throw new LoyaltyException("not_found", "no promotion " + id);
        }
        return p;
    }

    public List<Promo> promos() {
        return db.read(c -> Jdbc.list(c, "SELECT * FROM " + db.t("promo") + " WHERE reward_id IS NULL"
                + " ORDER BY id DESC LIMIT 500", PromoService::promo));
    }

    /** Code, uses, limit of a promotion's codes (for the CSV export). */
    public void exportCodes(long promoId, Appendable out) {
        exportCodes(promoId, null, out);
    }

    /** The same for one generation run ({@code batch} null: all the promotion's codes). */
    public void exportCodes(long promoId, String batch, Appendable out) {
        promo(promoId);
        db.read(c -> {
            try (PreparedStatement s = batch == null
                    ? Jdbc.prepare(c, "SELECT code, used, usage_limit FROM " + db.t("code")
                            + " WHERE promo_id = ? ORDER BY code", promoId)
                    : Jdbc.prepare(c, "SELECT code, used, usage_limit FROM " + db.t("code")
                            + " WHERE promo_id = ? AND batch = ? ORDER BY code", promoId, batch);
                    ResultSet rs = s.executeQuery()) {
                out.append("code,used,usage_limit\n");
                while (rs.next()) {
                    long limit = rs.getLong(3);
                    out.append(rs.getString(1)).append(',').append(Long.toString(rs.getLong(2))).append(',')
                            .append(rs.wasNull() ? "" : Long.toString(limit)).append('\n');
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
    }

    static Promo promo(ResultSet rs) throws SQLException {
        long limit = rs.getLong("usage_limit");
        Long usageLimit = rs.wasNull() ? null : limit;
        long per = rs.getLong("per_customer_limit");
        Long perCustomer = rs.wasNull() ? null : per;
        return new Promo(rs.getLong("id"), rs.getString("name"), rs.getString("kind"), rs.getLong("amount"),
                rs.getLong("min_basket_minor"), Jdbc.instant(rs, "starts_at"), Jdbc.instant(rs, "ends_at"),
                ids(rs.getString("product_ids")), ids(rs.getString("category_ids")), usageLimit, perCustomer,
                rs.getBoolean("first_order_only"), rs.getString("tier"), rs.getBoolean("combinable"), rs.getLong("used"),
                rs.getBoolean("active"), rs.getString("segment"));
    }

    // ------------------------------------------------------------------------------------------ carts

    /** Checks a code against a cart without writing (called on every pricing). */
    public Check check(String rawCode, CartSnapshot cart, String tier) {
        String code = normalise(rawCode);
        if (code == null || !CODE.matcher(code).matches()) {
            return new Check(code, null, 0, false, "loyalty.code.unknown");
        }
        return db.read(c -> {
            Object[] row = Jdbc.one(c, "SELECT promo_id, usage_limit, used FROM " + db.t("code") + " WHERE code = ?",
                    rs -> new Object[] {rs.getLong(1), rs.getObject(2), rs.getLong(3)}, code);
            if (row == null) {
                return new Check(code, null, 0, false, "loyalty.code.unknown");
            }
            Promo p = cache.promo((long) row[0]); // from memory: see PricingCache
            if (row[1] != null && (long) row[2] >= ((Number) row[1]).longValue()) {
                return new Check(code, p, 0, false, "loyalty.code.used");
            }
            String refusal = refusal(c, p, cart, tier);
            if (refusal != null) {
                return new Check(code, p, 0, false, refusal);
            }
            return discount(code, p, cart);
        });
    }

    private String refusal(Connection c, Promo p, CartSnapshot cart, String tier) throws SQLException {
        Instant now = clock.instant();
        if (p == null || !p.active()) {
            return "loyalty.code.unknown";
        }
        if ((p.startsAt() != null && now.isBefore(p.startsAt())) || (p.endsAt() != null && !now.isBefore(p.endsAt()))) {
            return "loyalty.code.expired";
        }
        if (p.usageLimit() != null && p.used() >= p.usageLimit()) {
            return "loyalty.code.used";
        }
        if (scopedBase(p, cart) < Math.max(1, p.minBasketMinor())) {
            return scopedBase(p, cart) == 0 ? "loyalty.code.scope" : "loyalty.code.min_basket";
        }
        if (p.tier() != null && !p.tier().equalsIgnoreCase(tier == null ? "" : tier)) {
            return "loyalty.code.tier";
        }
        if (p.segment() != null) {
            String refused = segments.refusal(p.segment(), cart.customerId());
            if (refused != null) {
                return refused;
            }
        }
        if (p.firstOrderOnly() || p.perCustomerLimit() != null) {
            if (cart.customerId() == null && (cart.email() == null || cart.email().isBlank())) {
                return null; // a guest is checked at placement (the e-mail is known then)
            }
            if (p.firstOrderOnly() && previousOrders(c, cart) > 0) {
                return "loyalty.code.first_order";
            }
            if (p.perCustomerLimit() != null && usesBy(c, p.id(), cart) >= p.perCustomerLimit()) {
                return "loyalty.code.customer_limit";
            }
        }
        return null;
    }

    /** The items the promotion applies to (its products or categories; all when unscoped). */
    static long scopedBase(Promo p, CartSnapshot cart) {
        long base = 0;
        for (CartSnapshot.Line l : cart.lines()) {
            boolean in = (p.productIds().isEmpty() && p.categoryIds().isEmpty())
                    || p.productIds().contains(l.productId())
                    || l.categoryIds().stream().anyMatch(p.categoryIds()::contains);
            if (in) {
                base += l.lineTotalMinor();
            }
        }
        return base;
    }

    private static Check discount(String code, Promo p, CartSnapshot cart) {
        long base = scopedBase(p, cart);
        return switch (p.kind()) {
            case "percent" -> new Check(code, p, base * p.amount() / 100, false, null);
            case "fixed" -> new Check(code, p, Math.min(base, p.amount()), false, null);
            case "free_product" -> new Check(code, p, cart.lines().stream().filter(l -> p.productIds().contains(l.productId()))
                    .mapToLong(CartSnapshot.Line::unitPriceMinor).max().orElse(0), false, null);
            default -> new Check(code, p, cart.shippingMinor(), true, null);
        };
    }

    private long previousOrders(Connection c, CartSnapshot cart) throws SQLException {
        return Jdbc.number(c, "SELECT COUNT(*) FROM " + db.t("order") + " WHERE (customer_id = ? OR email = ?)"
                + " AND status <> 'cancelled'", cart.customerId() == null ? -1L : cart.customerId(),
                cart.email() == null ? "" : cart.email().toLowerCase(Locale.ROOT));
    }

    private long usesBy(Connection c, long promoId, CartSnapshot cart) throws SQLException {
        return Jdbc.number(c, "SELECT COUNT(*) FROM " + db.t("reservation") + " WHERE promo_id = ?"
                + " AND status IN ('reserved', 'confirmed') AND (customer_id = ? OR email = ?)", promoId,
                cart.customerId() == null ? -1L : cart.customerId(),
                cart.email() == null ? "" : cart.email().toLowerCase(Locale.ROOT));
    }

    /**
     * Takes one use of {@code code} for an order, inside the reservation's transaction: the promotion row
     * is updated first (its lock serialises every use of the promotion, so per-customer counts are exact),
     * with conditions on the limits; returns the promotion id, or throws with a refusal message key.
     */
    long useIn(Connection c, String code, CartSnapshot cart, String tier) throws SQLException {
        Long promoId = Jdbc.one(c, "SELECT promo_id FROM " + db.t("code") + " WHERE code = ?", rs -> rs.getLong(1), code);
        if (promoId == null) {
            throw new Refusal("loyalty.code.unknown");
        }
        if (Jdbc.update(c, "UPDATE " + db.t("promo") + " SET used = used + 1 WHERE id = ? AND active = TRUE"
                + " AND (usage_limit IS NULL OR used < usage_limit)", promoId) != 1) {
            throw new Refusal("loyalty.code.used");
        }
        Promo p = Jdbc.one(c, "SELECT * FROM " + db.t("promo") + " WHERE id = ?", PromoService::promo, promoId);
        // the promotion's counter already includes this use: check the other rules against the rest
        Promo before = new Promo(p.id(), p.name(), p.kind(), p.amount(), p.minBasketMinor(), p.startsAt(), p.endsAt(),
                p.productIds(), p.categoryIds(), null, p.perCustomerLimit(), p.firstOrderOnly(), p.tier(),
                p.combinable(), p.used() - 1, p.active(), p.segment());
        String refusal = refusal(c, before, cart, tier);
        if (refusal != null) {
            throw new Refusal(refusal);
        }
        if (Jdbc.update(c, "UPDATE " + db.t("code") + " SET used = used + 1 WHERE code = ?"
                + " AND (usage_limit IS NULL OR used < usage_limit)", code) != 1) {
            throw new Refusal("loyalty.code.used");
        }
        return promoId;
    }

    /** Gives back one use (release or cancellation). */
    void giveBackIn(Connection c, String code, long promoId) throws SQLException {
        Jdbc.update(c, "UPDATE " + db.t("promo") + " SET used = used - 1 WHERE id = ? AND used > 0", promoId);
        Jdbc.update(c, "UPDATE " + db.t("code") + " SET used = used - 1 WHERE code = ? AND used > 0", code);
    }

    /** A refused use; the message key is translated for the shopper. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String key) {
            super(key, null, false, false);
        }
    }

    private static Set<Long> ids(String csv) {
        Set<Long> out = new HashSet<>();
        if (csv != null && !csv.isBlank()) {
            Arrays.stream(csv.split(",")).map(String::trim).filter(s -> s.matches("\\d{1,18}"))
                    .forEach(s -> out.add(Long.parseLong(s)));
        }
        return Set.copyOf(out);
    }

    static Set<Long> parseIds(String csv, String field) {
        if (csv != null && !csv.isBlank() && !csv.matches("^\\s*\\d{1,18}(\\s*,\\s*\\d{1,18})*\\s*$")) {
            throw new LoyaltyException("invalid", field + ": numbers separated by commas");
        }
        return ids(csv);
    }

    private static String join(Set<Long> ids) {
        return ids == null || ids.isEmpty() ? null : String.join(",", ids.stream().sorted().map(String::valueOf).toList());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
