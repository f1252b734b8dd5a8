package io.brique.recs;

import io.brique.api.experiment.Experiment;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The slot experiment: sticky assignment with the SDK's {@link Experiment}, counters per variant kept
 * in memory and flushed to {@code recommendations_experiment_stat}, and attribution of what followed
 * an impression (the shopper viewed a recommended product: a click; added it to the cart; placed an
 * order within a day: a conversion with its revenue). Attribution follows signed-in customers (the
 * core's events carry no anonymous visitor id).
 */
final class Experiments {

    static final int IMPRESSIONS = 0;
    static final int CLICKS = 1;
    static final int ADDS = 2;
    static final int ORDERS = 3;
    static final int REVENUE = 4;
    static final Duration WINDOW = Duration.ofDays(1);
    static final int MAX_EXPOSED = 100_000;

    record Exposure(String experiment, String variant, Set<Long> products, Instant at) {
    }

    /** One variant's totals. */
    record Totals(String experiment, String variant, long impressions, long clicks, long addToCarts, long orders,
            long revenueMinor) {
    }

    private final Db db;
    private final Map<String, AtomicLongArray> pending = new ConcurrentHashMap<>();
    private final Map<String, Exposure> exposed = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Exposure> e) {
                    return size() > MAX_EXPOSED;
                }
            });

    Experiments(Db db) {
        this.db = db;
    }

    static String id(String placement, String strategyA, String strategyB) {
        return "slot-" + placement + ":" + strategyA + "-vs-" + strategyB;
    }

    void impression(String experiment, String variant, String shopper, List<Long> products, Instant now) {
        add(experiment, variant, now, IMPRESSIONS, 1);
        if (shopper != null) {
            exposed.put(shopper, new Exposure(experiment, variant, Set.copyOf(products), now));
        }
    }

    /** A product view, cart add or order by a shopper: counted for the variant they last saw. */
    void followed(String shopper, int what, long productId, long amountMinor, Instant now) {
        Exposure e = shopper == null ? null : exposed.get(shopper);
        if (e == null || e.at().plus(WINDOW).isBefore(now)) {
            return;
        }
        if (what == ORDERS) {
            add(e.experiment(), e.variant(), now, ORDERS, 1);
            add(e.experiment(), e.variant(), now, REVENUE, amountMinor);
            exposed.remove(shopper);
        } else if (e.products().contains(productId)) {
            add(e.experiment(), e.variant(), now, what, 1);
        }
    }

    private void add(String experiment, String variant, Instant now, int what, long delta) {
        String key = experiment + "\u0000" + variant + "\u0000" + LocalDate.ofInstant(now, ZoneOffset.UTC);
        pending.computeIfAbsent(key, k -> new AtomicLongArray(5)).addAndGet(what, delta);
    }

    /** Writes the counters (added to the stored day rows); what fails stays for the next flush. */
    void flush() throws SQLException {
        for (String key : new ArrayList<>(pending.keySet())) {
            AtomicLongArray counts = pending.remove(key);
            if (counts == null) {
                continue;
            }
            String[] k = key.split("\u0000");
            long[] v = new long[5];
            for (int i = 0; i < 5; i++) {
                v[i] = counts.get(i);
            }
            try {
                db.tx(c -> {
                    try (PreparedStatement up = c.prepareStatement("UPDATE " + db.t("experiment_stat")
                            + " SET impressions = impressions + ?, clicks = clicks + ?, add_to_carts = add_to_carts + ?,"
                            + " orders = orders + ?, revenue_minor = revenue_minor + ? WHERE experiment = ? AND variant = ?"
                            + " AND stat_day = ?")) {
                        for (int i = 0; i < 5; i++) {
                            up.setLong(i + 1, v[i]);
                        }
                        up.setString(6, k[0]);
                        up.setString(7, k[1]);
                        up.setDate(8, java.sql.Date.valueOf(k[2]));
                        if (up.executeUpdate() == 0) {
                            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + db.t("experiment_stat")
                                    + " (experiment, variant, stat_day, impressions, clicks, add_to_carts, orders,"
                                    + " revenue_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                                ins.setString(1, k[0]);
                                ins.setString(2, k[1]);
                                ins.setDate(3, java.sql.Date.valueOf(k[2]));
                                for (int i = 0; i < 5; i++) {
                                    ins.setLong(i + 4, v[i]);
                                }
                                ins.executeUpdate();
                            }
                        }
                    }
                    return null;
                });
            } catch (SQLException e) {
                pending.computeIfAbsent(key, x -> new AtomicLongArray(5));
                for (int i = 0; i < 5; i++) {
                    pending.get(key).addAndGet(i, v[i]);
                }
                throw e;
            }
        }
    }

    /** Totals per experiment and variant over all days. */
    List<Totals> totals() throws SQLException {
        return db.read(c -> {
            List<Totals> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT experiment, variant, SUM(impressions), SUM(clicks),"
                    + " SUM(add_to_carts), SUM(orders), SUM(revenue_minor) FROM " + db.t("experiment_stat")
                    + " GROUP BY experiment, variant ORDER BY experiment, variant");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Totals(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7)));
                }
            }
            return out;
        });
    }
}
