package io.brique.admin.shop;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.web.DashboardPage;
import io.brique.core.web.Ctx;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The key figures on the dashboard: today against yesterday, and a chosen period ({@code ?period=7d},
 * {@code 30d}, {@code 90d}) against the period of the same length just before it, with the chart and
 * the best sellers of the period.
 */
final class DashboardFigures {

    static final List<String> PERIODS = List.of("7d", "30d", "90d");

    /** A figure, the one of the previous period and the change in percent (null when not comparable). */
    public record Compared(String value, String previous, Integer changePercent) {
    }

    private final ShopQueries queries;
    private final Clock clock;

    DashboardFigures(ShopQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    void register(DashboardPage dashboard) {
        dashboard.addPanel(this::panel);
    }

    private DashboardPage.Panel panel(Ctx ctx, AdminPrincipal admin) {
        if (!admin.has(io.brique.admin.Permission.ORDERS_VIEW)) {
            return null; // revenue figures are order data
        }
        String period = ctx.query("period").filter(PERIODS::contains).orElse("30d");
        int days = Integer.parseInt(period.substring(0, period.length() - 1));
        LocalDate today = LocalDate.now(clock.withZone(queries.zone()));
        var fmt = ctx.web().formats(ctx.locale());
        String cur = queries.currency();
        ShopQueries.Figures day = queries.figures(today, today);
        ShopQueries.Figures yesterday = queries.figures(today.minusDays(1), today.minusDays(1));
        LocalDate from = today.minusDays(days - 1L);
        ShopQueries.Figures current = queries.figures(from, today);
        ShopQueries.Figures previous = queries.figures(from.minusDays(days), from.minusDays(1));
        Map<String, Object> m = new HashMap<>();
        m.put("period", period);
        m.put("periods", PERIODS);
        m.put("days", ChronoUnit.DAYS.between(from, today) + 1);
        m.put("todayOrders", compare(fmt.number(day.orders()), fmt.number(yesterday.orders()), day.orders(),
                yesterday.orders()));
        m.put("todayRevenue", compare(fmt.money(day.revenueMinor(), cur), fmt.money(yesterday.revenueMinor(), cur),
                day.revenueMinor(), yesterday.revenueMinor()));
        m.put("todayAov", compare(fmt.money(day.aovMinor(), cur), fmt.money(yesterday.aovMinor(), cur), day.aovMinor(),
                yesterday.aovMinor()));
        m.put("orders", compare(fmt.number(current.orders()), fmt.number(previous.orders()), current.orders(),
                previous.orders()));
        m.put("revenue", compare(fmt.money(current.revenueMinor(), cur), fmt.money(previous.revenueMinor(), cur),
                current.revenueMinor(), previous.revenueMinor()));
        m.put("aov", compare(fmt.money(current.aovMinor(), cur), fmt.money(previous.aovMinor(), cur),
                current.aovMinor(), previous.aovMinor()));
        m.put("top", current.top().stream().map(t -> Map.of("name", t.name() == null ? "" : t.name(),
                "productId", t.productId() == null ? 0L : t.productId(), "quantity", fmt.number(t.quantity()),
                "revenue", fmt.money(t.revenueMinor(), cur))).toList());
        m.put("chart", Chart.of(current.days(), cur, fmt, ctx.locale()));
        return new DashboardPage.Panel("shop/dashboard-figures", m, 0);
    }

    static Compared compare(String value, String previous, long now, long before) {
        Integer change = before == 0 ? null : (int) Math.round((now - before) * 100.0 / before);
        return new Compared(value, previous, change);
    }
}
