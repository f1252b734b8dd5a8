package io.brique.analytics;

import io.brique.api.text.Escape;

import io.brique.api.admin.CustomerPanel;
import io.brique.api.plugin.PluginContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** The customer panel of the admin console: segment, RFM scores, category affinity and last visits. */
@Extension
public class AdminPanels implements CustomerPanel {

    private final PluginContext context;

    public AdminPanels(PluginContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return "segment";
    }

    @Override
    public String title(String lang) {
        return "fr".equals(lang) ? "Statistiques" : "Analytics";
    }

    @Override
    public String permission() {
        return AdminRoutes.PERMISSION;
    }

    @Override
    public String render(long customerId, String lang) {
        try {
            Segments.Customer c = Analytics.of(context).segments().get(customerId);
            Labels t = Labels.of(lang);
            StringBuilder b = new StringBuilder("<dl class=\"analytics-customer\">");
            b.append("<dt>").append(Escape.html(t.get("panel.segment"))).append("</dt><dd>");
            if (c == null) {
                b.append(Escape.html(t.get("panel.unknown"))).append("</dd>");
            } else {
                b.append(Escape.html(t.code("segment", c.maturity())))
                        .append(c.channel() == null ? "" : " · " + Escape.html(t.code("segment", c.channel()))).append("</dd>");
                if (c.orders() > 0) {
                    b.append("<dt>RFM</dt><dd>R").append(c.r()).append(" F").append(c.f()).append(" M").append(c.m())
                            .append(" (").append(Escape.html(t.code("rfm", c.rfmSegment()))).append(")</dd><dt>")
                            .append(Escape.html(t.get("kpi.orders"))).append("</dt><dd>")
                            .append(Escape.html(t.get("panel.orders", c.orders(), c.lastOrder().toString().substring(0, 10))))
                            .append("</dd>");
                }
                if (c.topCategory() != null) {
                    b.append("<dt>").append(Escape.html(t.get("panel.top_category"))).append("</dt><dd>")
                            .append(Escape.html(c.topCategory())).append("</dd>");
                }
            }
            List<Sessions.Session> visits = lastVisits(customerId, 5);
            b.append("<dt>").append(Escape.html(t.get("panel.last_visits"))).append("</dt><dd>");
            if (visits.isEmpty()) {
                b.append(Escape.html(t.get("panel.no_visits")));
            } else {
                b.append("<ul>");
                for (Sessions.Session s : visits) {
                    b.append("<li>").append(s.start().toString(), 0, 16).append(' ')
                            .append(Escape.html(t.code("channel", s.channel()))).append(", ")
                            .append(Escape.html(t.get("panel.pages", s.pageViews()))).append("</li>");
                }
                b.append("</ul>");
            }
            return b.append("</dd></dl>").toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Sessions.Session> lastVisits(long customerId, int n) throws SQLException {
        Instant since = context.clock().instant().minus(Duration.ofDays(90));
        List<String> keys = new ArrayList<>();
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT DISTINCT visitor_key FROM " + context.tablePrefix()
                        + "event WHERE customer_id = ? AND occurred_at >= ?")) {
            s.setLong(1, customerId);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Sessions.Ev> mine = new ReportData(context.dataSource(), context.tablePrefix())
                .events(since, context.clock().instant().plusSeconds(1), keys).stream()
                .filter(e -> e.visitor().equals("c:" + customerId)).toList();
        List<Sessions.Session> all = new ArrayList<>(Sessions.of(mine));
        all.sort((a, b) -> b.start().compareTo(a.start()));
        return all.subList(0, Math.min(n, all.size()));
    }
}
