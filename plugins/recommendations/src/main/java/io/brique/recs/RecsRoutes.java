package io.brique.recs;

import io.brique.api.experiment.Proportion;
import io.brique.api.http.PluginRequest;
import io.brique.api.http.PluginResponse;
import io.brique.api.http.PluginRoutes;
import io.brique.api.plugin.PluginContext;
import io.brique.api.recommendation.RecommendationProvider;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Admin pages under {@code /admin/plugins/recommendations}: status (model, strategies per slot,
 * rules, train now), preview for a product or a customer with the reasons, the experiment report,
 * and the offline evaluation results.
 */
@Extension
public class RecsRoutes implements PluginRoutes {

    static final String PERMISSION = "recommendations.manage";
    static final String BASE = "/admin/plugins/recommendations";

    private final PluginContext context;

    public RecsRoutes(PluginContext context) {
        this.context = context;
    }

    @Override
    public void register(Registrar routes) {
        routes.get(Area.ADMIN, "/", this::status);
        routes.post(Area.ADMIN, "/train", r -> {
            Recs.of(context).train();
            return back("/");
        });
        routes.post(Area.ADMIN, "/rules/add", this::addRule);
        routes.post(Area.ADMIN, "/rules/{id}/delete", this::deleteRule);
        routes.get(Area.ADMIN, "/preview", this::preview);
        routes.get(Area.ADMIN, "/experiments", this::experiments);
        routes.get(Area.ADMIN, "/evaluation", r -> page(r, "evaluation", "recs.nav.evaluation", new HashMap<>()));
    }

    private static String lang(PluginRequest r) {
        return "fr".equals(r.locale()) ? "fr" : "en";
    }

    private PluginResponse page(PluginRequest r, String template, String titleKey, Map<String, Object> model) {
        model.put("csrf", r.csrfToken());
        model.put("base", BASE);
        String html = context.templates().renderFragment("admin/" + template, template, lang(r), model);
        return new PluginResponse(200, "text/html; charset=utf-8", html.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("X-Brique-Title", "fr".equals(lang(r)) ? "Recommandations" : "Recommendations"));
    }

    private static PluginResponse back(String path) {
        return new PluginResponse(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", BASE + path));
    }

    private static PluginResponse bad(String message) {
        return PluginResponse.json(400, "{\"title\":\"Bad Request\",\"detail\":" + io.brique.api.text.Escape.json(message)
                + "}");
    }

    private PluginResponse status(PluginRequest r) throws Exception {
        Recs recs = Recs.of(context);
        Map<String, Object> model = new HashMap<>();
        var served = recs.serving();
        var m = served.model();
        model.put("modelId", served.id());
        model.put("trainedAt", m.trainedAt.toString());
        model.put("items", m.size());
        model.put("pairs", m.boughtTogether.size() + m.alsoViewed.size() + m.related.size() + m.similar.size());
        model.put("coverage", String.format(java.util.Locale.ROOT, "%.1f %%", m.coverage() * 100));
        model.put("trainingMs", m.trainingMillis);
        model.put("orders", m.orders);
        model.put("sessions", m.sessions);
        model.put("customers", recs.histories.customers());
        model.put("events", recs.db.read(recs.events::count));
        List<Map<String, Object>> slots = new ArrayList<>();
        for (String p : RecsSettings.PLACEMENTS) {
            String first = context.settings().get(RecsSettings.strategyKey(p), RecsSettings.defaultStrategy(p));
            slots.add(Map.of("placement", p, "chain", String.join(" → ", Recs.chain(p,
                    io.brique.recs.model.Strategy.byId(first).orElseThrow()).stream().map(s -> s.id).toList())));
        }
        model.put("slots", slots);
        model.put("rules", recs.rules().stream().map(x -> Map.<String, Object>of("id", x.id(), "kind", x.kind(),
                "placement", x.placement() == null ? "*" : x.placement(), "productId", x.productId(), "factor",
                x.factor())).toList());
        model.put("placements", RecsSettings.PLACEMENTS);
        return page(r, "status", "recs.nav.status", model);
    }

    private PluginResponse addRule(PluginRequest r) throws Exception {
        Map<String, String> f = r.form();
        String kind = f.getOrDefault("kind", "");
        if (!List.of("pin", "boost", "ban").contains(kind)) {
            return bad("kind must be pin, boost or ban");
        }
        String placement = f.getOrDefault("placement", "");
        if (!placement.isEmpty() && !RecsSettings.PLACEMENTS.contains(placement)) {
            return bad("placement must be empty (all) or one of " + RecsSettings.PLACEMENTS);
        }
        long productId;
        double factor;
        try {
            productId = Long.parseLong(f.getOrDefault("productId", "").trim());
            factor = kind.equals("boost") ? Double.parseDouble(f.getOrDefault("factor", "").trim()) : 1;
        } catch (NumberFormatException e) {
            return bad("productId must be a product id" + (kind.equals("boost") ? " and factor a number" : ""));
        }
        if (productId <= 0 || !(factor > 0 && factor <= 10)) {
            return bad("productId must be positive and a boost factor between 0 and 10");
        }
        Recs recs = Recs.of(context);
        recs.db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + recs.db.t("rule")
                    + " (kind, placement, product_id, factor, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, kind);
                ps.setString(2, placement.isEmpty() ? null : placement);
                ps.setLong(3, productId);
                ps.setDouble(4, factor);
                ps.setTimestamp(5, Timestamp.from(context.clock().instant()));
                return ps.executeUpdate();
            }
        });
        recs.loadRules();
        return back("/");
    }

    private PluginResponse deleteRule(PluginRequest r) throws Exception {
        long id;
        try {
            id = Long.parseLong(r.pathParams().get("id"));
        } catch (NumberFormatException e) {
            return bad("unknown rule");
        }
        Recs recs = Recs.of(context);
        recs.db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + recs.db.t("rule") + " WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
        recs.loadRules();
        return back("/");
    }

    private PluginResponse preview(PluginRequest r) {
        Map<String, Object> model = new HashMap<>();
        String placement = r.query("placement") == null ? "product" : r.query("placement");
        if (!RecsSettings.PLACEMENTS.contains(placement)) {
            return bad("placement must be one of " + RecsSettings.PLACEMENTS);
        }
        Long productId = id(r.query("productId"));
        Long customerId = id(r.query("customerId"));
        if (productId != null && productId < 0 || customerId != null && customerId < 0) {
            return bad("productId and customerId must be positive ids");
        }
        model.put("placement", placement);
        model.put("placements", RecsSettings.PLACEMENTS);
        model.put("productId", productId == null ? "" : productId);
        model.put("customerId", customerId == null ? "" : customerId);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (productId != null || customerId != null) {
            List<RecommendationProvider.Recommendation> got = Recs.of(context).recommend(new RecommendationProvider
                    .Request(placement, lang(r), customerId, null, productId == null ? List.of() : List.of(productId),
                    12));
            Map<Long, String> titles = new HashMap<>();
            try {
                context.catalog().products(got.stream().map(RecommendationProvider.Recommendation::productId).toList(),
                        lang(r)).forEach(p -> titles.put(p.id(), p.title()));
            } catch (UnsupportedOperationException e) {
                // titles are a comfort: ids still say which product
            }
            for (RecommendationProvider.Recommendation g : got) {
                rows.add(Map.of("productId", g.productId(), "title", titles.getOrDefault(g.productId(), "?"), "reason",
                        g.reason(), "score", String.format(java.util.Locale.ROOT, "%.3f", g.score())));
            }
        }
        model.put("rows", rows);
        model.put("asked", productId != null || customerId != null);
        return page(r, "preview", "recs.nav.preview", model);
    }

    /** An optional id parameter: null when absent or blank, -1 when not a positive number. */
    private static Long id(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(raw.trim());
            return v > 0 ? v : -1L;
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private PluginResponse experiments(PluginRequest r) throws Exception {
        Recs recs = Recs.of(context);
        recs.experiments.flush();
        List<Experiments.Totals> totals = recs.experiments.totals();
        Map<String, Proportion> ctrA = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Experiments.Totals t : totals) {
            Proportion ctr = Proportion.of(Math.min(t.clicks(), t.impressions()), t.impressions());
            Proportion conv = Proportion.of(Math.min(t.orders(), t.impressions()), t.impressions());
            if (t.variant().equals("A")) {
                ctrA.put(t.experiment(), conv);
            }
            Map<String, Object> row = new HashMap<>();
            row.put("experiment", t.experiment());
            row.put("variant", t.variant());
            row.put("impressions", t.impressions());
            row.put("clicks", t.clicks());
            row.put("ctr", pct(ctr));
            row.put("adds", t.addToCarts());
            row.put("orders", t.orders());
            row.put("conversion", pct(conv));
            row.put("revenue", String.format(java.util.Locale.ROOT, "%.2f", t.revenueMinor() / 100.0));
            Proportion a = ctrA.get(t.experiment());
            if (t.variant().equals("B") && a != null) {
                double[] d = Proportion.difference(a, conv);
                row.put("difference", Double.isNaN(d[0]) ? "" : String.format(java.util.Locale.ROOT,
                        "[%+.2f, %+.2f] pts", d[0] * 100, d[1] * 100));
            } else {
                row.put("difference", "");
            }
            rows.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("rows", rows);
        model.put("placement", context.settings().get("experiment.placement", "none"));
        model.put("strategyB", context.settings().get("experiment.strategy_b", "none"));
        model.put("percentB", context.settings().getLong("experiment.percent_b", 50));
        return page(r, "experiments", "recs.nav.experiments", model);
    }

    private static String pct(Proportion p) {
        return String.format(java.util.Locale.ROOT, "%.2f %% [%.2f, %.2f]", p.rate() * 100, p.low() * 100,
                p.high() * 100);
    }
}
