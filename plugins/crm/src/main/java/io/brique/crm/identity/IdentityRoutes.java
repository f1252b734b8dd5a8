package io.brique.crm.identity;

import io.brique.api.admin.AdminNavigation;
import io.brique.api.http.PluginRequest;
import io.brique.api.http.PluginResponse;
import io.brique.api.http.PluginRoutes;
import io.brique.api.plugin.PluginContext;
import io.brique.api.text.Escape;
import io.brique.crm.quality.DataQuality;
import io.brique.crm.quality.Suggestion;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The review queue in the admin ({@code /admin/plugins/crm/identity...}) and the data-quality check
 * the storefront's registration form calls ({@code GET /api/v1/plugins/crm/quality?email=...}).
 * Thin handlers: validation here, the work in {@link IdentityService} and {@link DataQuality}.
 */
@Extension
public class IdentityRoutes implements PluginRoutes {
    static final String PERMISSION = "crm.identity";
    private static final List<String> STATUSES = List.of(IdentityService.REVIEW, IdentityService.LINKED,
            IdentityService.MERGED, IdentityService.KEPT_APART);
    private static final int PAGE = 50;

    private final PluginContext context;
    private final IdentityService identity;
    private final QualityTexts texts = new QualityTexts();
    private final byte[] qualityJs;

    public IdentityRoutes(PluginContext context) {
        this.context = context;
        this.identity = new IdentityService(context);
        try (java.io.InputStream in = IdentityRoutes.class.getResourceAsStream("/static/quality.js")) {
            this.qualityJs = in == null ? new byte[0] : in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("quality.js missing from the plugin jar", e);
        }
    }

    @Override
    public void register(Registrar r) {
        r.get(Area.ADMIN, "/identity", this::queue);
        r.get(Area.ADMIN, "/identity/{id}", this::detail);
        r.post(Area.ADMIN, "/identity/{id}/decide", this::decide);
        r.post(Area.ADMIN, "/identity/{id}/undo", this::undo);
        r.get(Area.API, "/quality", this::quality);
        r.get(Area.STOREFRONT, "/quality.js", req -> new PluginResponse(200, "text/javascript;charset=utf-8", qualityJs,
                Map.of("Cache-Control", "public, max-age=3600")));
    }

    private PluginResponse queue(PluginRequest req) {
        String status = Optional.ofNullable(req.query("status")).orElse(IdentityService.REVIEW);
        if (!STATUSES.contains(status)) return PluginResponse.text(400, "status: one of " + STATUSES);
        int page = 0;
        String p = req.query("page");
        if (p != null) {
            if (!p.matches("\\d{1,6}")) return PluginResponse.text(400, "page: a whole number");
            page = Integer.parseInt(p);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("status", status);
        m.put("statuses", STATUSES);
        m.put("counts", identity.counts());
        List<IdentityService.Pair> pairs = identity.queue(status, PAGE + 1, page * PAGE);
        m.put("pairs", pairs.size() > PAGE ? pairs.subList(0, PAGE) : pairs);
        m.put("page", page);
        m.put("hasNext", pairs.size() > PAGE);
        return html(200, context.templates().renderFragment("admin/identity/pages", "queue", req.locale(), m),
                "Identity");
    }

    private PluginResponse detail(PluginRequest req) {
        Long id = id(req);
        if (id == null) return PluginResponse.text(400, "id: a whole number");
        Optional<IdentityService.Pair> pair = identity.pair(id);
        if (pair.isEmpty()) return PluginResponse.text(404, "no such pair");
        return detailPage(req, pair.get(), null, 200);
    }

    private PluginResponse detailPage(PluginRequest req, IdentityService.Pair pair, String refused, int status) {
        Map<String, Object> m = new HashMap<>();
        m.put("pair", pair);
        m.put("csrf", req.csrfToken() == null ? "" : req.csrfToken());
        m.put("conflict", status == 409 && refused == null);
        m.put("refused", refused);
        return html(status, context.templates().renderFragment("admin/identity/pages", "detail", req.locale(), m),
                "Identity: pair " + pair.id());
    }

    private PluginResponse decide(PluginRequest req) {
        Long id = id(req);
        if (id == null) return PluginResponse.text(400, "id: a whole number");
        String action = req.form().get("action");
        String to = "merge".equals(action) ? IdentityService.MERGED : "keep_apart".equals(action) ? IdentityService.KEPT_APART : null;
        if (to == null) return PluginResponse.text(400, "action: merge or keep_apart");
        return outcome(req, id, identity.decide(id, to, actor(req)));
    }

    private PluginResponse undo(PluginRequest req) {
        Long id = id(req);
        if (id == null) return PluginResponse.text(400, "id: a whole number");
        return outcome(req, id, identity.undo(id, actor(req)));
    }

    private PluginResponse outcome(PluginRequest req, long id, IdentityService.Result result) {
        return switch (result.outcome()) {
            case DONE -> new PluginResponse(303, "text/plain;charset=utf-8", new byte[0],
                    Map.of("Location", "/admin/plugins/crm/identity/" + id));
            case NOT_FOUND -> PluginResponse.text(404, "no such pair");
            case CONFLICT -> detailPage(req, identity.pair(id).orElseThrow(), null, 409);
            case REFUSED -> detailPage(req, identity.pair(id).orElseThrow(), result.message(), 409);
        };
    }

    /** Suggestions for a registration form; nothing is stored. */
    private PluginResponse quality(PluginRequest req) {
        for (String field : List.of("email", "phone", "givenName", "familyName", "postcode", "country")) {
            String v = req.query(field);
            if (v != null && v.length() > 320) return PluginResponse.json(400, "{\"error\":" + Escape.json(field + ": too long") + "}");
        }
        String country = req.query("country");
        if (country != null && !country.isBlank() && !country.matches("[A-Za-z]{2}")) {
            return PluginResponse.json(400, "{\"error\":\"country: a two-letter ISO code\"}");
        }
        String lang = "fr".equals(req.query("locale")) || "en".equals(req.query("locale")) ? req.query("locale") : req.locale();
        DataQuality quality = new DataQuality(IdentitySettings.country(context.settings()));
        List<Suggestion> suggestions = quality.check(req.query("email"), req.query("phone"), req.query("givenName"),
                req.query("familyName"), req.query("postcode"), country == null || country.isBlank() ? null : country.toUpperCase(java.util.Locale.ROOT));
        StringBuilder json = new StringBuilder("{\"suggestions\":[");
        for (int i = 0; i < suggestions.size(); i++) {
            Suggestion s = suggestions.get(i);
            if (i > 0) json.append(',');
            json.append("{\"field\":").append(Escape.json(s.field())).append(",\"original\":").append(Escape.json(s.original()))
                    .append(",\"suggested\":").append(Escape.json(s.suggested())).append(",\"code\":").append(Escape.json(s.messageKey()))
                    .append(",\"message\":").append(Escape.json(texts.message(lang, s))).append('}');
        }
        return PluginResponse.json(200, json.append("]}").toString());
    }

    private static String actor(PluginRequest req) {
        return req.admin() == null ? "admin" : req.admin().login();
    }

    private static Long id(PluginRequest req) {
        String raw = req.pathParams().get("id");
        return raw != null && raw.matches("\\d{1,15}") ? Long.parseLong(raw) : null;
    }

    private static PluginResponse html(int status, String body, String title) {
        return new PluginResponse(status, "text/html;charset=utf-8", body.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Brique-Title", title));
    }

    /** The admin menu entry of the review queue, under its own permission. */
    @Extension
    public static class Navigation implements AdminNavigation {
        @Override
        public List<Entry> entries() {
            return List.of(new Entry(Map.of("fr", "Doublons clients", "en", "Duplicate customers"), "/identity", PERMISSION, 61));
        }

        @Override
        public List<String> permissions() {
            return List.of(PERMISSION);
        }
    }
}
