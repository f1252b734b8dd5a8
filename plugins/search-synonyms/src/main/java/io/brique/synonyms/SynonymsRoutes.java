package io.brique.synonyms;

import io.brique.api.text.Escape;

import io.brique.api.http.PluginRequest;
import io.brique.api.http.PluginResponse;
import io.brique.api.http.PluginRoutes;
import io.brique.api.plugin.PluginContext;
import io.brique.api.search.CatalogSearch;
import io.brique.api.search.SearchQuery;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Admin routes under {@code /admin/plugins/search-synonyms}: {@code GET /rules?locale=} exports the
 * locale's rules in Solr format; {@code POST /rules?locale=&mode=append|replace} imports a Solr or
 * Elasticsearch synonyms file (all or nothing: any bad line rejects the file with every error);
 * {@code GET /tester?locale=&q=} an HTML fragment (the admin console wraps it): which rules fire, and the
 * results without and with the synonyms side by side (new results marked).
 */
@Extension
public class SynonymsRoutes implements PluginRoutes {

    static final Set<String> LOCALES = Set.of("fr", "en");
    /** Needed (or "*") by an admin to use these pages; the console authenticates every admin route. */
    static final String PERMISSION = "search-synonyms.manage";
    static final int MAX_FILE = 5_000_000;

    private final PluginContext context;
    private final SynonymStore store;

    public SynonymsRoutes(PluginContext context) {
        this.context = context;
        this.store = new SynonymStore(context);
    }

    private static Handler guarded(Handler h) {
        return req -> req.admin() != null && !req.admin().can(PERMISSION) && !req.admin().can("*")
                ? PluginResponse.json(403, "{\"title\":\"Forbidden\",\"detail\":\"the permission " + PERMISSION
                        + " is needed\"}")
                : h.handle(req);
    }

    @Override
    public void register(Registrar original) {
        Registrar routes = (area, method, path, handler) -> original.add(area, method, path,
                area == Area.ADMIN ? guarded(handler) : handler);
        routes.get(Area.ADMIN, "/", this::editor);
        routes.post(Area.ADMIN, "/rules/add", this::add);
        routes.post(Area.ADMIN, "/rules/{id}/delete", this::delete);
        routes.post(Area.ADMIN, "/rules/{id}", this::edit);
        routes.get(Area.ADMIN, "/report", this::report);
        routes.get(Area.ADMIN, "/rules", this::export);
        routes.post(Area.ADMIN, "/rules", this::importRules);
        routes.get(Area.ADMIN, "/tester", this::tester);
        routes.get(Area.ADMIN, "/suggestions", this::suggestions);
        routes.get(Area.ADMIN, "/suggestions/inbox", this::inbox);
        routes.post(Area.ADMIN, "/suggestions/mine", r -> {
            int stored = new Suggestions(context).mineNow();
            return fromForm(r) ? backToInbox(r) : PluginResponse.json(200, "{\"stored\":" + stored + "}");
        });
        routes.post(Area.ADMIN, "/suggestions/{id}/accept", r -> decide(r, true));
        routes.post(Area.ADMIN, "/suggestions/{id}/reject", r -> decide(r, false));
    }

    private static String locale(PluginRequest r) {
        String l = r.query("locale");
        return l != null && LOCALES.contains(l) ? l : null;
    }

    private PluginResponse export(PluginRequest request) throws Exception {
        String locale = locale(request);
        if (locale == null) {
            return PluginResponse.json(400, "{\"error\":\"locale must be fr or en\"}");
        }
        return PluginResponse.text(200, SolrFormat.write(store.all().getOrDefault(locale, List.of())));
    }

    private PluginResponse importRules(PluginRequest request) throws Exception {
        String locale = locale(request);
        if (locale == null) {
            return PluginResponse.json(400, "{\"error\":\"locale must be fr or en\"}");
        }
        String mode = request.query("mode") == null ? "append" : request.query("mode");
        if (!mode.equals("append") && !mode.equals("replace")) {
            return PluginResponse.json(400, "{\"error\":\"mode must be append or replace\"}");
        }
        if (request.body().length > MAX_FILE) {
            return PluginResponse.json(400, "{\"error\":\"file larger than 5 MB\"}");
        }
        SolrFormat.Parsed parsed = SolrFormat.parse(request.bodyText());
        if (!parsed.errors().isEmpty()) {
            StringBuilder json = new StringBuilder("{\"error\":\"the file has bad lines; nothing was imported\",\"lines\":[");
            for (int i = 0; i < Math.min(100, parsed.errors().size()); i++) {
                SolrFormat.LineError e = parsed.errors().get(i);
                json.append(i == 0 ? "" : ",").append("{\"line\":").append(e.line()).append(",\"message\":")
                        .append(Escape.json(e.message())).append('}');
            }
            return PluginResponse.json(400, json.append("]}").toString());
        }
        store.save(locale, parsed.rules(), mode.equals("replace"));
        return PluginResponse.json(200, "{\"imported\":" + parsed.rules().size() + "}");
    }

    static final int PAGE_SIZE = 50;

    /** A form field: the host may already have parsed a urlencoded body into the parameters. */
    private static String field(PluginRequest request, String name) {
        String v = request.form().get(name);
        if (v == null) {
            v = request.query(name);
        }
        return v == null ? "" : v;
    }

    private static PluginResponse backTo(String locale) {
        return new PluginResponse(303, "text/plain; charset=utf-8", new byte[0],
                Map.of("Location", "/admin/plugins/search-synonyms/?locale=" + locale));
    }

    private PluginResponse editor(PluginRequest request) throws Exception {
        return editor(request, 200, null);
    }

    /**
     * The editor page; after a refused add or edit, with status 400, the reason next to the form and
     * the line as the admin typed it ({@code invalid}: the rule id, or 0 for the add form).
     */
    private PluginResponse editor(PluginRequest request, int status, Invalid invalid) throws Exception {
        String locale = locale(request) == null ? "fr" : locale(request);
        String q = request.query("q") == null ? "" : request.query("q").strip();
        int page;
        try {
            page = request.query("page") == null ? 1 : Math.max(1, Math.min(100_000, Integer.parseInt(request.query("page"))));
        } catch (NumberFormatException e) {
            page = 1;
        }
        if (q.length() > 100) {
            q = q.substring(0, 100);
        }
        SynonymStore.Page rules = store.page(locale, q, page, PAGE_SIZE);
        Map<String, Object> model = new HashMap<>();
        model.put("locale", locale);
        model.put("locales", LOCALES.stream().sorted().toList());
        model.put("q", q);
        // plain maps: the host hands plugin records to templates as maps
        model.put("rules", rules.rules().stream().map(r -> Map.<String, Object>of("id", r.id(), "type", r.type().name(),
                "solr", invalid != null && invalid.id() == r.id() ? invalid.line() : r.toSolr(),
                "error", invalid != null && invalid.id() == r.id() ? invalid.message() : "")).toList());
        model.put("addError", invalid != null && invalid.id() == 0 ? invalid.message() : "");
        model.put("addLine", invalid != null && invalid.id() == 0 ? invalid.line() : "");
        model.put("total", rules.total());
        model.put("page", page);
        model.put("pages", (int) ((rules.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.put("csrf", request.csrfToken());
        return PluginResponse.html(status, context.templates().renderFragment("admin/rules", "rules", locale, model));
    }

    /** A refused line: which form (rule id, 0 = add), the line as typed, and why. */
    record Invalid(long id, String line, String message) {
    }

    /** The one rule of a line, or why it is refused (the same checks as an import). */
    private static String problem(String locale, SolrFormat.Parsed parsed) {
        if (locale == null) {
            return "locale must be fr or en";
        }
        if (!parsed.errors().isEmpty()) {
            return parsed.errors().getFirst().message();
        }
        return parsed.rules().size() != 1 ? "one rule, on one line" : null;
    }

    private PluginResponse refused(PluginRequest request, Invalid invalid) throws Exception {
        return fromForm(request) && locale(request) != null ? editor(request, 400, invalid)
                : PluginResponse.json(400, "{\"error\":" + Escape.json(invalid.message()) + "}");
    }

    private PluginResponse add(PluginRequest request) throws Exception {
        String locale = locale(request);
        String line = field(request, "rule");
        SolrFormat.Parsed parsed = SolrFormat.parse(line);
        String why = problem(locale, parsed);
        if (why != null) {
            return refused(request, new Invalid(0, line, why));
        }
        store.save(locale, parsed.rules(), false);
        return backTo(locale);
    }

    /** Changes a rule in place from its edited Solr line (same id); 400 with the reason, 404 if unknown. */
    private PluginResponse edit(PluginRequest request) throws Exception {
        String locale = locale(request);
        long id;
        try {
            id = Long.parseLong(request.pathParams().get("id"));
        } catch (NumberFormatException e) {
            return PluginResponse.json(404, "{\"error\":\"no such rule\"}");
        }
        String line = field(request, "rule");
        SolrFormat.Parsed parsed = SolrFormat.parse(line);
        String why = problem(locale, parsed);
        if (why != null) {
            return refused(request, new Invalid(id, line, why));
        }
        if (!store.update(locale, id, parsed.rules().getFirst())) {
            return PluginResponse.json(404, "{\"error\":\"no such rule\"}");
        }
        return backTo(locale);
    }

    private PluginResponse delete(PluginRequest request) throws Exception {
        String locale = locale(request);
        long id;
        try {
            id = Long.parseLong(request.pathParams().get("id"));
        } catch (NumberFormatException e) {
            return PluginResponse.json(404, "{\"error\":\"no such rule\"}");
        }
        if (locale == null || !store.delete(locale, id)) {
            return PluginResponse.json(404, "{\"error\":\"no such rule\"}");
        }
        return backTo(locale);
    }

    private PluginResponse report(PluginRequest request) throws Exception {
        String locale = locale(request);
        if (locale == null) {
            return PluginResponse.html(400, "<p>locale must be fr or en</p>");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("locale", locale);
        model.put("days", Suggestions.WINDOW_MS / 86_400_000L);
        model.put("blocks", new Suggestions(context).report(locale));
        return PluginResponse.html(200, context.templates().renderFragment("admin/report", "report", locale, model));
    }

    private PluginResponse suggestions(PluginRequest request) throws Exception {
        String locale = locale(request);
        String status = request.query("status") == null ? "pending" : request.query("status");
        if (locale == null || !Set.of("pending", "accepted", "rejected").contains(status)) {
            return PluginResponse.json(400, "{\"error\":\"locale must be fr or en, status pending, accepted or rejected\"}");
        }
        StringBuilder json = new StringBuilder("{\"suggestions\":[");
        List<Suggestions.Row> rows = new Suggestions(context).list(locale, status);
        for (int i = 0; i < rows.size(); i++) {
            Suggestions.Row r = rows.get(i);
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(r.id()).append(",\"type\":")
                    .append(Escape.json(r.type())).append(",\"from\":").append(Escape.json(r.from()))
                    .append(",\"to\":").append(Escape.json(r.to())).append(",\"confidence\":")
                    .append(Math.round(r.confidence() * 1000) / 1000.0).append(",\"sessions\":").append(r.sessions())
                    .append(",\"evidence\":").append(Escape.json(r.evidence())).append('}');
        }
        return PluginResponse.json(200, json.append("]}").toString());
    }

    /** A POST from one of the plugin's HTML forms (they carry the CSRF field); API calls get JSON. */
    private static boolean fromForm(PluginRequest request) {
        return !field(request, "_csrf").isEmpty();
    }

    private static PluginResponse backToInbox(PluginRequest request) {
        String locale = locale(request) == null ? "fr" : locale(request);
        return new PluginResponse(303, "text/plain; charset=utf-8", new byte[0],
                Map.of("Location", "/admin/plugins/search-synonyms/suggestions/inbox?locale=" + locale));
    }

    private PluginResponse inbox(PluginRequest request) throws Exception {
        String locale = locale(request) == null ? "fr" : locale(request);
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Suggestions.Row r : new Suggestions(context).list(locale, "pending")) {
            SynonymRule.Type type = SynonymRule.Type.valueOf(r.type());
            SynonymRule rule = SuggestionMiner.asRules(List.of(new SuggestionMiner.Suggestion(type, r.from(), r.to(),
                    r.confidence(), r.sessions(), r.evidence()))).getFirst();
            rows.add(Map.of("id", r.id(), "type", r.type(), "solr", rule.toSolr(), "confidence",
                    Math.round(r.confidence() * 100) / 100.0, "evidence", r.evidence()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("locale", locale);
        model.put("rows", rows);
        model.put("csrf", request.csrfToken());
        return PluginResponse.html(200, context.templates().renderFragment("admin/inbox", "inbox", locale, model));
    }

    private PluginResponse decide(PluginRequest request, boolean accept) throws Exception {
        long id;
        try {
            id = Long.parseLong(request.pathParams().get("id"));
        } catch (NumberFormatException e) {
            return PluginResponse.json(404, "{\"error\":\"no such suggestion\"}");
        }
        try {
            String edited = accept ? field(request, "rule") : null;
            boolean done = new Suggestions(context).decide(id, accept, edited);
            if (done && fromForm(request)) {
                return backToInbox(request);
            }
            return done ? PluginResponse.json(200, "{\"status\":\"" + (accept ? "accepted" : "rejected") + "\"}")
                    : PluginResponse.json(409, "{\"error\":\"not a pending suggestion\"}");
        } catch (IllegalArgumentException e) {
            return PluginResponse.json(400, "{\"error\":" + Escape.json(e.getMessage()) + "}");
        }
    }

    private PluginResponse tester(PluginRequest request) throws Exception {
        String locale = locale(request);
        String q = request.query("q") == null ? "" : request.query("q").strip();
        if (locale == null || q.length() > 200) {
            return PluginResponse.html(400, "<p>locale must be fr or en; q at most 200 characters</p>");
        }
        SynonymEngine engine = new SynonymEngine(store.all().getOrDefault(locale, List.of()));
        List<SearchQuery.Expansion> found = engine.expansions(q);
        CatalogSearch search = context.catalogSearch();
        CatalogSearch.Result without = search.search(SearchQuery.of(q, locale), 20);
        CatalogSearch.Result with = search.search(SearchQuery.of(q, locale).withExpansions(found), 20);
        Map<String, Object> model = new HashMap<>();
        model.put("q", q);
        model.put("locale", locale);
        model.put("expansions", found);
        model.put("without", without);
        model.put("with", with);
        model.put("withoutIds", without.hits().stream().map(CatalogSearch.Hit::productId).collect(Collectors.toSet()));
        return PluginResponse.html(200, context.templates().renderFragment("admin/tester", "tester", locale, model));
    }
}
