package io.brique.loyalty;

import io.brique.api.http.PluginRequest;
import io.brique.api.http.PluginResponse;
import io.brique.api.plugin.PluginContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The merchant's HTML forms (FR/EN, rendered with the plugin's templates): promotions and their codes
 * (create, edit, disable, bulk generation with the run's CSV), campaigns, rewards. Every form carries the
 * CSRF field; a refused form comes back with the typed values and a message next to each wrong field
 * (400); a saved one redirects (303) to its list with a flash message ({@code ?flash=...}).
 */
final class AdminForms {

    static final String BASE = "/admin/plugins/loyalty";
    private static final Set<String> FLASHES = Set.of("promo_created", "promo_saved", "promo_disabled", "promo_enabled",
            "codes_generated", "campaign_created", "campaign_saved", "reward_created", "reward_disabled", "reward_enabled");

    private final PluginContext context;
    private final LoyaltyService loyalty;

    AdminForms(PluginContext context, LoyaltyService loyalty) {
        this.context = context;
        this.loyalty = loyalty;
    }

    /** Form errors: field to message, in the page's language. */
    static final class Errors extends LinkedHashMap<String, String> {
        private static final long serialVersionUID = 1L;
        private final String lang;

        Errors(String lang) {
            this.lang = lang;
        }

        /** Maps "field: detail" to the field's message ({@code loyalty.err.<field>}), the detail as a fallback. */
        void add(LoyaltyException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            int i = msg.indexOf(':');
            String field = i > 0 && msg.substring(0, i).matches("[a-z_]+") ? msg.substring(0, i) : "form";
            String key = "loyalty.err." + field + ("duplicate".equals(e.code()) ? "_duplicate" : "");
            String text = Texts.get(lang, key);
            putIfAbsent(field, text.equals(key) ? msg : text);
        }

        <T> T field(java.util.function.Supplier<T> parse) {
            try {
                return parse.get();
            } catch (LoyaltyException e) {
                add(e);
                return null;
            }
        }
    }

    // ------------------------------------------------------------------------------------------ promotions

    PluginResponse promos(PluginRequest req) {
        Map<String, Object> m = base(req);
        m.put("promos", loyalty.promos().promos().stream().map(p -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", p.id());
            row.put("name", p.name());
            row.put("kind", p.kind());
            row.put("value", value(p, req.locale()));
            row.put("used", p.used());
            row.put("usageLimit", p.usageLimit() == null ? "∞" : Long.toString(p.usageLimit()));
            row.put("active", p.active());
            row.put("segment", p.segment() == null ? "" : p.segment());
            row.put("code", java.util.Objects.requireNonNullElse(loyalty.promos().firstCode(p.id()), ""));
            return row;
        }).toList());
        return page("promos", req, m, 200, Texts.get(req.locale(), "loyalty.admin.promos"));
    }

    PluginResponse newPromo(PluginRequest req) {
        Map<String, String> v = new HashMap<>(Map.of("kind", "percent", "combinable", "on"));
        return promoForm(req, null, v, new Errors(req.locale()), 200);
    }

    PluginResponse editPromo(PluginRequest req) {
        long id = LoyaltyRoutes.number(req.pathParams().get("id"), "id");
        PromoService.Promo p = loyalty.promos().promo(id);
        Map<String, String> v = new HashMap<>();
        v.put("name", p.name());
        v.put("kind", p.kind());
        v.put("amount", "fixed".equals(p.kind()) ? decimal(p.amount()) : "percent".equals(p.kind())
                ? Long.toString(p.amount()) : "");
        v.put("min_basket", p.minBasketMinor() == 0 ? "" : decimal(p.minBasketMinor()));
        v.put("starts_at", p.startsAt() == null ? "" : LocalDate.ofInstant(p.startsAt(), ZoneOffset.UTC).toString());
        v.put("ends_at", p.endsAt() == null ? "" : LocalDate.ofInstant(p.endsAt(), ZoneOffset.UTC).toString());
        v.put("product_ids", ids(p.productIds()));
        v.put("category_ids", ids(p.categoryIds()));
        v.put("usage_limit", p.usageLimit() == null ? "" : p.usageLimit().toString());
        v.put("per_customer_limit", p.perCustomerLimit() == null ? "" : p.perCustomerLimit().toString());
        v.put("first_order_only", p.firstOrderOnly() ? "on" : "");
        v.put("combinable", p.combinable() ? "on" : "");
        v.put("tier", p.tier() == null ? "" : p.tier());
        v.put("segment", p.segment() == null ? "" : p.segment());
        return promoForm(req, id, v, new Errors(req.locale()), 200);
    }

    private PluginResponse promoForm(PluginRequest req, Long id, Map<String, String> v, Errors err, int status) {
        Map<String, Object> m = base(req);
        m.put("id", id);
        m.put("v", v);
        m.put("err", err);
        m.put("kinds", PromoService.KINDS);
        m.put("segments", Segments.all());
        m.put("action", id == null ? BASE + "/promos" : BASE + "/promos/" + id);
        return page("promo-form", req, m, status, Texts.get(req.locale(), id == null ? "loyalty.admin.new_promo"
                : "loyalty.admin.edit_promo"));
    }

    /** POST /promos (create) and /promos/{id} (edit); JSON callers ({@code Accept: application/json}) get JSON. */
    PluginResponse savePromo(PluginRequest req) {
        String rawId = req.pathParams().get("id");
        Long id = rawId == null ? null : LoyaltyRoutes.number(rawId, "id");
        Map<String, String> f = req.form();
        Errors err = new Errors(req.locale());
        PromoService.Promo p = parsePromo(f, err);
        Long codeLimit = err.field(() -> optional(f.get("code_usage_limit"), "code_usage_limit"));
        if (p != null && err.isEmpty()) {
            try {
                if (id == null) {
                    id = loyalty.promos().create(p, f.get("code"), codeLimit);
                } else {
                    loyalty.promos().update(id, p);
                }
            } catch (LoyaltyException e) {
                if (!"invalid".equals(e.code()) && !"duplicate".equals(e.code())) {
                    throw e;
                }
                err.add(e);
            }
        }
        if (json(req)) {
            if (!err.isEmpty()) {
                throw new LoyaltyException("invalid", err.entrySet().iterator().next().getKey() + ": "
                        + err.values().iterator().next());
            }
            return PluginResponse.json(rawId == null ? 201 : 200, "{\"id\":" + id + "}");
        }
        if (!err.isEmpty()) {
            return promoForm(req, rawId == null ? null : id, f, err, 400);
        }
        return redirect(BASE + "/promos", rawId == null ? "promo_created" : "promo_saved");
    }

    private static PromoService.Promo parsePromo(Map<String, String> f, Errors err) {
        String kind = f.getOrDefault("kind", "");
        if (!PromoService.KINDS.contains(kind)) {
            err.add(new LoyaltyException("invalid", "kind: one of " + PromoService.KINDS));
        }
        Long amount = err.field(() -> switch (kind) {
            case "fixed" -> LoyaltyRoutes.minor(f.get("amount"), "amount");
            case "percent" -> LoyaltyRoutes.number(f.get("amount"), "amount");
            default -> 0L;
        });
        Long minBasket = err.field(() -> blank(f.get("min_basket")) ? 0L : LoyaltyRoutes.minor(f.get("min_basket"),
                "min_basket"));
        Instant starts = err.field(() -> LoyaltyRoutes.instant(f.get("starts_at"), "starts_at"));
        Instant ends = err.field(() -> LoyaltyRoutes.instant(f.get("ends_at"), "ends_at"));
        Set<Long> products = err.field(() -> PromoService.parseIds(f.get("product_ids"), "product_ids"));
        Set<Long> categories = err.field(() -> PromoService.parseIds(f.get("category_ids"), "category_ids"));
        Long usage = err.field(() -> optional(f.get("usage_limit"), "usage_limit"));
        Long perCustomer = err.field(() -> optional(f.get("per_customer_limit"), "per_customer_limit"));
        // what could not be parsed is already marked; the rest is checked with neutral stand-ins
        PromoService.Promo p = new PromoService.Promo(0, f.get("name"), kind, amount == null ? 1 : amount,
                minBasket == null ? 0 : minBasket, starts, ends, products == null ? Set.of() : products,
                categories == null ? Set.of() : categories, usage, perCustomer, on(f.get("first_order_only")),
                f.get("tier"), on(f.get("combinable")), 0, true, f.get("segment"));
        PromoService.problems(p).forEach(err::add);
        return p;
    }

    PluginResponse setPromoActive(PluginRequest req) {
        long id = LoyaltyRoutes.number(req.pathParams().get("id"), "id");
        boolean active = on(req.form().get("active"));
        loyalty.promos().setActive(id, active);
        return redirect(BASE + "/promos", active ? "promo_enabled" : "promo_disabled");
    }

    PluginResponse generateForm(PluginRequest req) {
        long id = LoyaltyRoutes.number(req.pathParams().get("id"), "id");
        return generatePage(req, id, Map.of("count", "100"), new Errors(req.locale()), null, 200);
    }

    private PluginResponse generatePage(PluginRequest req, long id, Map<String, String> v, Errors err,
            Map<String, Object> result, int status) {
        PromoService.Promo p = loyalty.promos().promo(id);
        Map<String, Object> m = base(req);
        m.put("id", id);
        m.put("promoName", p.name());
        m.put("codes", loyalty.promos().codeCount(id));
        m.put("v", v);
        m.put("err", err);
        m.put("result", result);
        return page("generate", req, m, status, Texts.get(req.locale(), "loyalty.admin.generate"));
    }

    /** POST /promos/{id}/generate: the page then offers this run's codes as CSV. */
    PluginResponse generate(PluginRequest req) {
        long id = LoyaltyRoutes.number(req.pathParams().get("id"), "id");
        Map<String, String> f = req.form();
        Errors err = new Errors(req.locale());
        Long count = err.field(() -> LoyaltyRoutes.number(f.get("count"), "count"));
        PromoService.Batch batch = null;
        long t0 = System.nanoTime();
        if (err.isEmpty()) {
            try {
                batch = loyalty.promos().generateBatch(id, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                        count)), f.get("prefix"));
            } catch (LoyaltyException e) {
                if (!"invalid".equals(e.code())) {
                    throw e;
                }
                err.add(e);
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (json(req)) {
            if (batch == null) {
                throw new LoyaltyException("invalid", err.keySet().iterator().next() + ": " + err.values().iterator().next());
            }
            return PluginResponse.json(201, "{\"generated\":" + batch.codes().size() + ",\"batch\":\"" + batch.id()
                    + "\",\"millis\":" + ms + "}");
        }
        if (batch == null) {
            return generatePage(req, id, f, err, null, 400);
        }
        context.count("codes_generated", batch.codes().size());
        return redirect(BASE + "/promos/" + id + "/generate?batch=" + batch.id() + "&n=" + batch.codes().size(),
                "codes_generated");
    }

    /** GET /promos/{id}/generate?batch=...: the result page of a run (after the redirect). */
    PluginResponse generateResult(PluginRequest req) {
        String batch = req.query("batch");
        if (batch == null || !batch.matches("^[0-9a-f-]{36}$")) {
            return generateForm(req);
        }
        long id = LoyaltyRoutes.number(req.pathParams().get("id"), "id");
        String n = req.query("n") == null || !req.query("n").matches("\\d{1,7}") ? "?" : req.query("n");
        return generatePage(req, id, Map.of("count", "100"), new Errors(req.locale()), Map.of("batch", batch, "count", n,
                "csv", BASE + "/promos/" + id + "/codes.csv?batch=" + batch), 200);
    }

    PluginResponse exportCodes(PluginRequest req) {
        long id = LoyaltyRoutes.number(req.pathParams().get("id"), "id");
        String batch = req.query("batch");
        if (batch != null && !batch.matches("^[0-9a-f-]{36}$")) {
            throw new LoyaltyException("invalid", "batch: an id from a generation run");
        }
        StringBuilder csv = new StringBuilder();
        loyalty.promos().exportCodes(id, batch, csv);
        return new PluginResponse(200, "text/csv;charset=utf-8", csv.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Disposition", "attachment; filename=\"codes-" + id + (batch == null ? "" : "-"
                        + batch.substring(0, 8)) + ".csv\""));
    }

    // ------------------------------------------------------------------------------------------ campaigns

    PluginResponse campaigns(PluginRequest req) {
        return campaignsPage(req, null, new HashMap<>(Map.of("multiplier_pct", "200", "active", "on")),
                new Errors(req.locale()), 200);
    }

    PluginResponse editCampaign(PluginRequest req) {
        long id = LoyaltyRoutes.number(req.pathParams().get("id"), "id");
        LoyaltyService.CampaignRow r = loyalty.campaignRows().stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new LoyaltyException("not_found", "no campaign " + id));
        Map<String, String> v = new HashMap<>();
        v.put("name", r.name());
        v.put("multiplier_pct", Integer.toString(r.multiplierPct()));
        v.put("category_id", r.categoryId() == null ? "" : r.categoryId().toString());
        v.put("segment", r.segment() == null ? "" : r.segment());
        v.put("starts_at", LocalDate.ofInstant(r.startsAt(), ZoneOffset.UTC).toString());
        v.put("ends_at", LocalDate.ofInstant(r.endsAt(), ZoneOffset.UTC).toString());
        v.put("active", r.active() ? "on" : "");
        return campaignsPage(req, id, v, new Errors(req.locale()), 200);
    }

    private PluginResponse campaignsPage(PluginRequest req, Long id, Map<String, String> v, Errors err, int status) {
        Map<String, Object> m = base(req);
        m.put("id", id);
        m.put("v", v);
        m.put("err", err);
        m.put("segments", Segments.all());
        m.put("action", id == null ? BASE + "/campaigns" : BASE + "/campaigns/" + id);
        m.put("campaigns", loyalty.campaignRows().stream().map(r -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", r.id());
            row.put("name", r.name());
            row.put("multiplier", r.multiplierPct());
            row.put("category", r.categoryId() == null ? "" : r.categoryId().toString());
            row.put("segment", r.segment() == null ? "" : r.segment());
            row.put("from", LocalDate.ofInstant(r.startsAt(), ZoneOffset.UTC).toString());
            row.put("to", LocalDate.ofInstant(r.endsAt(), ZoneOffset.UTC).toString());
            row.put("active", r.active());
            return row;
        }).toList());
        return page("campaigns", req, m, status, Texts.get(req.locale(), "loyalty.admin.campaigns"));
    }

    PluginResponse saveCampaign(PluginRequest req) {
        String rawId = req.pathParams().get("id");
        Long id = rawId == null ? null : LoyaltyRoutes.number(rawId, "id");
        Map<String, String> f = req.form();
        Errors err = new Errors(req.locale());
        Long pct = err.field(() -> LoyaltyRoutes.number(f.get("multiplier_pct"), "multiplier_pct"));
        Long category = err.field(() -> optional(f.get("category_id"), "category_id"));
        Instant starts = err.field(() -> LoyaltyRoutes.instant(f.get("starts_at"), "starts_at"));
        Instant ends = err.field(() -> LoyaltyRoutes.instant(f.get("ends_at"), "ends_at"));
        Long saved = null;
        if (err.isEmpty()) {
            try {
                saved = loyalty.saveCampaign(id, new LoyaltyService.CampaignRow(0, f.get("name"),
                        (int) Math.max(-1, Math.min(100_000, pct)), category, f.get("segment"), starts, ends,
                        rawId == null ? f.get("active") == null || on(f.get("active")) : on(f.get("active"))));
            } catch (LoyaltyException e) {
                if (!"invalid".equals(e.code())) {
                    throw e;
                }
                err.add(e);
            }
        }
        if (json(req)) {
            if (saved == null) {
                throw new LoyaltyException("invalid", err.keySet().iterator().next() + ": " + err.values().iterator().next());
            }
            return PluginResponse.json(rawId == null ? 201 : 200, "{\"id\":" + saved + "}");
        }
        if (saved == null) {
            return campaignsPage(req, id, f, err, 400);
        }
        return redirect(BASE + "/campaigns", rawId == null ? "campaign_created" : "campaign_saved");
    }

    // ------------------------------------------------------------------------------------------ rewards

    PluginResponse rewards(PluginRequest req) {
        return rewardsPage(req, new HashMap<>(Map.of("kind", "coupon")), new Errors(req.locale()), 200);
    }

    private PluginResponse rewardsPage(PluginRequest req, Map<String, String> v, Errors err, int status) {
        Map<String, Object> m = base(req);
        m.put("v", v);
        m.put("err", err);
        m.put("kinds", RewardService.KINDS);
        m.put("rewards", loyalty.rewards().rewards(false).stream().map(r -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", r.id());
            row.put("name", r.name());
            row.put("kind", r.kind());
            row.put("cost", r.costPoints());
            row.put("value", "coupon".equals(r.kind()) ? Html.money(r.amountMinor(), req.locale())
                    : r.productId() == null ? "" : "#" + r.productId());
            row.put("active", r.active());
            return row;
        }).toList());
        return page("rewards", req, m, status, Texts.get(req.locale(), "loyalty.admin.rewards"));
    }

    PluginResponse createReward(PluginRequest req) {
        Map<String, String> f = req.form();
        Errors err = new Errors(req.locale());
        String kind = f.getOrDefault("kind", "");
        Long cost = err.field(() -> LoyaltyRoutes.number(f.get("cost_points"), "cost_points"));
        Long amount = err.field(() -> "coupon".equals(kind) ? LoyaltyRoutes.minor(f.get("amount"), "amount") : 0L);
        Long product = err.field(() -> "free_product".equals(kind) ? LoyaltyRoutes.number(f.get("product_id"),
                "product_id") : null);
        Long id = null;
        if (err.isEmpty()) {
            try {
                id = loyalty.rewards().create(f.get("name"), kind, cost, amount, product);
            } catch (LoyaltyException e) {
                if (!"invalid".equals(e.code())) {
                    throw e;
                }
                err.add(e);
            }
        }
        if (json(req)) {
            if (id == null) {
                throw new LoyaltyException("invalid", err.keySet().iterator().next() + ": " + err.values().iterator().next());
            }
            return PluginResponse.json(201, "{\"id\":" + id + "}");
        }
        if (id == null) {
            return rewardsPage(req, f, err, 400);
        }
        return redirect(BASE + "/rewards", "reward_created");
    }

    PluginResponse setRewardActive(PluginRequest req) {
        long id = LoyaltyRoutes.number(req.pathParams().get("id"), "id");
        boolean active = on(req.form().get("active"));
        loyalty.rewards().setActive(id, active);
        return redirect(BASE + "/rewards", active ? "reward_enabled" : "reward_disabled");
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** What every admin page gets: CSRF token, flash message, language. */
    private Map<String, Object> base(PluginRequest req) {
        Map<String, Object> m = new HashMap<>();
        m.put("csrf", req.csrfToken() == null ? "" : req.csrfToken());
        String flash = req.query("flash");
        m.put("flash", flash != null && FLASHES.contains(flash) ? Texts.get(req.locale(), "loyalty.flash." + flash) : null);
        m.put("base", BASE);
        return m;
    }

    private PluginResponse page(String fragment, PluginRequest req, Map<String, Object> m, int status, String title) {
        String html = context.templates().renderFragment("admin/pages", fragment, req.locale(), m);
        return new PluginResponse(status, "text/html;charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Brique-Title", title));
    }

    static PluginResponse redirect(String path, String flash) {
        return new PluginResponse(303, "text/plain;charset=utf-8", new byte[0],
                Map.of("Location", path + (path.contains("?") ? "&" : "?") + "flash=" + flash));
    }

    private static boolean json(PluginRequest req) {
        String accept = req.header("Accept");
        return accept != null && accept.contains("application/json");
    }

    private static boolean on(String v) {
        return "on".equals(v) || "true".equals(v);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Long optional(String raw, String field) {
        return blank(raw) ? null : LoyaltyRoutes.number(raw, field);
    }

    private static String decimal(long minor) {
        return java.math.BigDecimal.valueOf(minor, 2).toPlainString();
    }

    private static String ids(Set<Long> ids) {
        return String.join(",", ids.stream().sorted().map(String::valueOf).toList());
    }

    private static String value(PromoService.Promo p, String lang) {
        return switch (p.kind()) {
            case "percent" -> p.amount() + " %";
            case "fixed" -> Html.money(p.amount(), lang);
            case "free_product" -> "#" + ids(p.productIds());
            default -> "";
        };
    }

    static List<String> flashes() {
        return List.copyOf(FLASHES);
    }
}
