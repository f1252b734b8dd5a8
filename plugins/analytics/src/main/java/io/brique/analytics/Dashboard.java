package io.brique.analytics;

import io.brique.api.text.Escape;

import io.brique.api.admin.DashboardWidget;
import io.brique.api.plugin.PluginContext;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** The admin home tile: the last 7 days against the 7 before (visits, orders, revenue, conversion). */
@Extension
public class Dashboard implements DashboardWidget {

    private final PluginContext context;

    public Dashboard(PluginContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return "last-7-days";
    }

    @Override
    public String render(String lang) {
        LocalDate today = LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC);
        Reports.Range range = new Reports.Range(today.minusDays(6), today);
        try {
            Labels t = Labels.of(lang);
            Reports reports = new Reports(new ReportData(context.dataSource(), context.tablePrefix()), context.clock().instant(), t);
            Reports.Report traffic = reports.build("traffic", range, null);
            Reports.Report commerce = reports.build("ecommerce", range, null);
            StringBuilder b = new StringBuilder("<div class=\"analytics-widget\"><h3>")
                    .append(Escape.html(t.get("widget.title")))
                    .append("</h3><table>");
            for (Reports.Kpi k : pick(traffic, List.of(t.get("kpi.visits"), t.get("kpi.bounce_rate")))) {
                row(b, k);
            }
            for (Reports.Kpi k : pick(commerce, List.of(t.get("kpi.orders"), t.get("kpi.revenue"), t.get("kpi.conversion_rate")))) {
                row(b, k);
            }
            return b.append("</table><a href=\"/admin/plugins/analytics/reports\">")
                    .append(Escape.html(t.get("widget.reports"))).append("</a></div>").toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Reports.Kpi> pick(Reports.Report r, List<String> labels) {
        Map<String, Reports.Kpi> m = new java.util.HashMap<>();
        r.kpis().forEach(k -> m.put(k.label(), k));
        return labels.stream().map(m::get).filter(java.util.Objects::nonNull).toList();
    }

    private static void row(StringBuilder b, Reports.Kpi k) {
        b.append("<tr><th>").append(Escape.html(k.label())).append("</th><td>").append(Escape.html(k.value()))
                .append("</td><td>").append(Escape.html(k.delta())).append("</td></tr>");
    }
}
