package io.brique.analytics;

import io.brique.api.text.Escape;

import io.brique.api.admin.AdminNavigation;
import io.brique.api.http.PluginRequest;
import io.brique.api.http.PluginResponse;
import io.brique.api.http.PluginRoutes;
import io.brique.api.plugin.PluginContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The reports in the admin console: {@code GET /admin/plugins/analytics/reports?section=&from=&to=}
 * (an HTML fragment in the console's layout) and {@code GET /admin/plugins/analytics/reports/export.csv}
 * (one table as CSV). Guarded by the permission {@code analytics.reports}.
 */
@Extension
public class AdminRoutes implements PluginRoutes, AdminNavigation {

    static final String PERMISSION = "analytics.reports";
    static final int MAX_DAYS = 731;

    private final PluginContext context;

    public AdminRoutes(PluginContext context) {
        this.context = context;
    }

    @Override
    public List<Entry> entries() {
        return List.of(new Entry(Map.of("en", "Analytics", "fr", "Statistiques"), "/reports", PERMISSION, 50));
    }

    @Override
    public List<String> permissions() {
        return List.of(PERMISSION);
    }

    @Override
    public void register(Registrar routes) {
        routes.get(Area.ADMIN, "/reports", this::page);
        routes.get(Area.ADMIN, "/reports/export.csv", this::csv);
    }

    /** The query of a report page, validated: a bad value answers 400 with the reason, never 500. */
    record Query(String section, Reports.Range range, Reports.FunnelSpec funnel, int table) {
    }

    static Query query(PluginRequest r, LocalDate today) {
        String section = r.query("section") == null ? "traffic" : r.query("section");
        if (!Reports.SECTIONS.contains(section)) {
            throw new IllegalArgumentException("section: one of " + Reports.SECTIONS);
        }
        LocalDate to = date(r.query("to"), today, "to");
        LocalDate from = date(r.query("from"), to.minusDays(29), "from");
        if (from.isAfter(to) || Duration.between(from.atStartOfDay(), to.atStartOfDay()).toDays() >= MAX_DAYS) {
            throw new IllegalArgumentException("from/to: from must not be after to, at most " + MAX_DAYS + " days");
        }
        List<String> steps = Funnel.DEFAULT_STEPS;
        if (r.query("steps") != null && !r.query("steps").isBlank()) {
            steps = Arrays.stream(r.query("steps").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (steps.size() < 2 || steps.size() > 8 || !CollectParser.NAMES.containsAll(steps)) {
                throw new IllegalArgumentException("steps: 2 to 8 event names among " + CollectParser.NAMES);
            }
        }
        long window = 24;
        if (r.query("window") != null && !r.query("window").isBlank()) {
            try {
                window = Long.parseLong(r.query("window").trim());
            } catch (NumberFormatException e) {
                window = -1;
            }
            if (window < 1 || window > 720) {
                throw new IllegalArgumentException("window: 1 to 720 hours");
            }
        }
        int table = 0;
        if (r.query("table") != null) {
            try {
                table = Integer.parseInt(r.query("table"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("table: a number");
            }
        }
        return new Query(section, new Reports.Range(from, to), new Reports.FunnelSpec(steps, Duration.ofHours(window)), table);
    }

    private static LocalDate date(String v, LocalDate fallback, String field) {
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": a date like 2026-03-31");
        }
    }

    Reports reports(Labels labels) {
        return new Reports(new ReportData(context.dataSource(), context.tablePrefix()), context.clock().instant(), labels);
    }

    private PluginResponse page(PluginRequest r) throws Exception {
        Query q;
        try {
            q = query(r, LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            return PluginResponse.html(400, "<p class=\"error\">" + Escape.html(e.getMessage()) + "</p>");
        }
        Labels labels = Labels.of(r.locale());
        Reports.Report report = reports(labels).build(q.section(), q.range(), q.funnel());
        String html = context.templates().render("reports", labels.lang(), model(report, q, labels));
        return new PluginResponse(200, "text/html;charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Brique-Title", labels.get("title", report.title())));
    }

    private PluginResponse csv(PluginRequest r) throws Exception {
        Query q;
        try {
            q = query(r, LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            return PluginResponse.text(400, e.getMessage());
        }
        Reports.Report report = reports(Labels.of(r.locale())).build(q.section(), q.range(), q.funnel());
        if (q.table() < 0 || q.table() >= report.tables().size()) {
            return PluginResponse.text(400, "table: 0 to " + (report.tables().size() - 1));
        }
        String name = "analytics-" + q.section() + "-" + q.table() + "-" + q.range().from() + "-" + q.range().to() + ".csv";
        return new PluginResponse(200, "text/csv;charset=utf-8",
                Reports.csv(report.tables().get(q.table())).getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Disposition", "attachment; filename=\"" + name + "\""));
    }

    static Map<String, Object> model(Reports.Report report, Query q) {
        return model(report, q, Labels.EN);
    }

    static Map<String, Object> model(Reports.Report report, Query q, Labels labels) {
        String base = "/admin/plugins/analytics/reports";
        String range = "&from=" + q.range().from() + "&to=" + q.range().to();
        String extra = q.section().equals("funnel") ? "&steps=" + String.join(",", q.funnel().steps()) + "&window="
                + q.funnel().window().toHours() : "";
        Map<String, Object> m = new HashMap<>();
        List<Map<String, Object>> tabs = new ArrayList<>();
        for (String s : Reports.SECTIONS) {
            tabs.add(Map.of("label", labels.get("section." + s), "href", base + "?section=" + s + range, "active", s.equals(q.section())));
        }
        m.put("tabs", tabs);
        m.put("action", base);
        m.put("section", q.section());
        m.put("from", q.range().from().toString());
        m.put("to", q.range().to().toString());
        m.put("previous", q.range().previous().from() + " – " + q.range().previous().to());
        m.put("steps", String.join(",", q.funnel().steps()));
        m.put("window", q.funnel().window().toHours());
        List<Map<String, Object>> kpis = new ArrayList<>();
        report.kpis().forEach(k -> kpis.add(Map.of("label", k.label(), "value", k.value(), "previous", k.previous(),
                "delta", k.delta())));
        m.put("kpis", kpis);
        m.put("chart", report.chart());
        List<Map<String, Object>> tables = new ArrayList<>();
        for (int i = 0; i < report.tables().size(); i++) {
            Reports.Table t = report.tables().get(i);
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("title", t.title());
            tm.put("headers", t.headers());
            tm.put("rows", t.rows());
            tm.put("csv", base + "/export.csv?section=" + q.section() + range + extra + "&table=" + i);
            tables.add(tm);
        }
        m.put("tables", tables);
        return m;
    }
}
