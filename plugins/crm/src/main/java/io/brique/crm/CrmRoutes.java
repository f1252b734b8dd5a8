package io.brique.crm;

import io.brique.api.http.PluginRequest;
import io.brique.api.http.PluginResponse;
import io.brique.api.http.PluginRoutes;
import io.brique.api.plugin.PluginContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The sync half's HTTP side: the signed inbound webhook ({@code POST /api/v1/plugins/crm/inbound})
 * and the admin pages (sync status, dead letters with retry and discard, connector check). Thin:
 * parse, one service call, a view model.
 */
@Extension
public class CrmRoutes implements PluginRoutes {

    static final String PERMISSION = "crm.sync";

    private final PluginContext context;
    private final Crm crm;

    public CrmRoutes(PluginContext context) {
        this.context = context;
        this.crm = Crm.of(context);
    }

    @Override
    public void register(Registrar routes) {
        routes.post(Area.API, "/inbound", req -> new Inbound(crm).receive(req));
        routes.get(Area.ADMIN, "/sync", this::status);
        routes.get(Area.ADMIN, "/sync/dead-letters", this::deadLetters);
        routes.post(Area.ADMIN, "/sync/dead-letters/retry", this::retry);
        routes.post(Area.ADMIN, "/sync/dead-letters/discard", this::discard);
        routes.post(Area.ADMIN, "/sync/backfill", this::backfill);
    }

    private PluginResponse status(PluginRequest req) {
        Instant now = crm.clock().instant();
        Outbox.Stats st = crm.outbox().stats(now);
        CrmSettings.Sync s = crm.settings();
        Map<String, Object> m = new HashMap<>();
        m.put("connector", s.connector());
        m.put("problems", Connectors.problems(s, context.httpClient(), crm.clock()));
        m.put("queued", st.queued());
        m.put("due", st.due());
        m.put("sent", st.sent());
        m.put("dead", st.dead());
        m.put("discarded", st.discarded());
        m.put("oldest", st.oldestQueuedSeconds());
        m.put("avgLag", String.format(java.util.Locale.ROOT, "%.1f", st.avgLagSecondsLastHour()));
        m.put("maxLag", String.format(java.util.Locale.ROOT, "%.1f", st.maxLagSecondsLastHour()));
        m.put("abandoned", crm.mirror().countCarts(ShopMirror.ABANDONED) + crm.mirror().countCarts(ShopMirror.RECOVERED));
        m.put("recovered", crm.mirror().countCarts(ShopMirror.RECOVERED));
        m.put("recent", view(crm.outbox().list(Outbox.QUEUED, 0, 20)));
        m.put("backfill", new Backfill(crm).progress());
        m.put("csrf", req.csrfToken());
        return page(req, "status", m, "CRM sync");
    }

    private PluginResponse deadLetters(PluginRequest req) {
        Map<String, Object> m = new HashMap<>();
        m.put("dead", view(crm.outbox().list(Outbox.DEAD, 0, 200)));
        m.put("discarded", view(crm.outbox().list(Outbox.DISCARDED, 0, 50)));
        m.put("csrf", req.csrfToken());
        m.put("flash", req.query("done"));
        return page(req, "dead", m, "CRM dead letters");
    }

    private PluginResponse retry(PluginRequest req) {
        String id = req.form().get("id");
        if ("all".equals(id)) {
            int n = crm.outbox().retryAll(crm.clock().instant());
            return redirect("/admin/plugins/crm/sync/dead-letters?done=retried-" + n);
        }
        Long n = id(id);
        if (n == null) {
            return PluginResponse.text(400, "id must be a number or all");
        }
        if (!crm.outbox().retry(n, crm.clock().instant())) {
            return PluginResponse.text(409, "update " + n + " is not a dead letter");
        }
        return redirect("/admin/plugins/crm/sync/dead-letters?done=retried-1");
    }

    private PluginResponse discard(PluginRequest req) {
        Long n = id(req.form().get("id"));
        if (n == null) {
            return PluginResponse.text(400, "id must be a number");
        }
        if (!crm.outbox().discard(n)) {
            return PluginResponse.text(409, "update " + n + " is not a dead letter");
        }
        return redirect("/admin/plugins/crm/sync/dead-letters?done=discarded-1");
    }

    private PluginResponse backfill(PluginRequest req) {
        if (!new Backfill(crm).start()) {
            return PluginResponse.text(409, "this shop offers no customer directory (SDK 1.2): no back-fill");
        }
        return redirect("/admin/plugins/crm/sync");
    }

    private static Long id(String s) {
        if (s == null || !s.matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(s);
    }

    private static List<Map<String, Object>> view(List<Outbox.Row> rows) {
        return rows.stream().map(r -> {
            Map<String, Object> v = new HashMap<>();
            v.put("id", r.id());
            v.put("kind", r.kind());
            v.put("entity", r.entityId());
            v.put("customer", r.customerKey());
            v.put("attempts", r.attempts());
            v.put("error", r.lastError() == null ? "" : r.lastError());
            v.put("created", r.createdAt().toString().substring(0, 19).replace('T', ' '));
            v.put("next", r.nextAttemptAt().toString().substring(0, 19).replace('T', ' '));
            return v;
        }).toList();
    }

    private PluginResponse page(PluginRequest req, String fragment, Map<String, Object> model, String title) {
        String html = context.templates().renderFragment("admin/sync", fragment, lang(req), model);
        return new PluginResponse(200, "text/html;charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Brique-Title", title));
    }

    static String lang(PluginRequest req) {
        return "fr".equals(req.locale()) ? "fr" : "en";
    }

    private static PluginResponse redirect(String to) {
        return new PluginResponse(303, "text/plain;charset=utf-8", new byte[0], Map.of("Location", to));
    }
}
