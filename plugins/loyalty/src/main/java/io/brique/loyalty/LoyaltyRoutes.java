package io.brique.loyalty;

import io.brique.api.text.Escape;

import io.brique.api.http.PluginRequest;
import io.brique.api.http.PluginResponse;
import io.brique.api.http.PluginRoutes;
import io.brique.api.plugin.PluginContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * HTTP of the loyalty plugin. Storefront: {@code /{locale}/x/loyalty/cart} (points and code form of a
 * cart). API (headless): {@code /api/v1/plugins/loyalty/me}, {@code /me/history}, {@code /reviews}
 * (review bonus, Bearer secret). Admin: {@code /admin/plugins/loyalty/} (figures, ledger check, top
 * balances, promotions), customer ledger and adjustment, promotions, code generation and CSV export.
 */
@Extension
public class LoyaltyRoutes implements PluginRoutes {

    static final String PERMISSION = "loyalty.manage";

    private final PluginContext context;
    private final LoyaltyService loyalty;
    private final AdminForms forms;
    private final ShopPages shop;

    public LoyaltyRoutes(PluginContext context) {
        this.context = context;
        this.loyalty = new LoyaltyService(context);
        this.forms = new AdminForms(context, loyalty);
        this.shop = new ShopPages(context, loyalty);
    }

    @Override
    public void register(Registrar r) {
        r.get(Area.STOREFRONT, "/cart", req -> guard(req, this::cartForm));
        r.post(Area.STOREFRONT, "/cart", req -> guard(req, this::cartSave));
        r.get(Area.API, "/me", req -> guard(req, this::me));
        r.get(Area.API, "/me/history", req -> guard(req, this::myHistory));
        r.post(Area.API, "/reviews", req -> guard(req, this::review));
        r.get(Area.ADMIN, "/", req -> admin(req, this::overview));
        r.get(Area.ADMIN, "/customers/{id}", req -> admin(req, this::customer));
        r.post(Area.ADMIN, "/customers/{id}/adjust", req -> admin(req, this::adjust));
        r.get(Area.ADMIN, "/customers/{id}.json", req -> admin(req, this::customerJson));
        r.get(Area.ADMIN, "/promos", req -> admin(req, forms::promos));
        r.get(Area.ADMIN, "/promos/new", req -> admin(req, forms::newPromo));
        r.post(Area.ADMIN, "/promos", req -> admin(req, forms::savePromo));
        r.get(Area.ADMIN, "/promos/{id}/edit", req -> admin(req, forms::editPromo));
        r.post(Area.ADMIN, "/promos/{id}", req -> admin(req, forms::savePromo));
        r.post(Area.ADMIN, "/promos/{id}/active", req -> admin(req, forms::setPromoActive));
        r.get(Area.ADMIN, "/promos/{id}/generate", req -> admin(req, forms::generateResult));
        r.post(Area.ADMIN, "/promos/{id}/generate", req -> admin(req, forms::generate));
        r.get(Area.ADMIN, "/promos/{id}/codes.csv", req -> admin(req, forms::exportCodes));
        r.get(Area.ADMIN, "/campaigns", req -> admin(req, forms::campaigns));
        r.post(Area.ADMIN, "/campaigns", req -> admin(req, forms::saveCampaign));
        r.get(Area.ADMIN, "/campaigns/{id}/edit", req -> admin(req, forms::editCampaign));
        r.post(Area.ADMIN, "/campaigns/{id}", req -> admin(req, forms::saveCampaign));
        r.get(Area.ADMIN, "/rewards", req -> admin(req, forms::rewards));
        r.post(Area.ADMIN, "/rewards", req -> admin(req, forms::createReward));
        r.post(Area.ADMIN, "/rewards/{id}/active", req -> admin(req, forms::setRewardActive));
        r.get(Area.STOREFRONT, "/rewards", req -> guard(req, shop::rewards));
        r.post(Area.STOREFRONT, "/rewards/{id}/claim", req -> guard(req, shop::claim));
    }

    private PluginResponse guard(PluginRequest req, Handler h) throws Exception {
        try {
            return h.handle(req);
        } catch (LoyaltyException e) {
            return problem(e);
        }
    }

    /** Admin routes: the console authenticates /admin/plugins/**; here, the permission. */
    private PluginResponse admin(PluginRequest req, Handler h) throws Exception {
        if (req.admin() != null && !req.admin().can(PERMISSION) && !req.admin().can("*")) {
            return PluginResponse.json(403, "{\"title\":\"Forbidden\",\"detail\":\"the permission loyalty.manage is"
                    + " needed\"}");
        }
        return guard(req, h);
    }

    static PluginResponse problem(LoyaltyException e) {
        int status = switch (e.code()) {
            case "not_found" -> 404;
            case "insufficient_points", "duplicate" -> 409;
            case "database" -> 503;
            default -> 400;
        };
        return new PluginResponse(status, "application/problem+json", ("{\"status\":" + status + ",\"code\":"
                + Escape.json(e.code()) + ",\"detail\":" + Escape.json(e.getMessage()) + "}").getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    // ------------------------------------------------------------------------------------------ storefront

    private PluginResponse cartForm(PluginRequest req) {
        String cart = req.query("cart");
        LoyaltyService.CartChoice choice = loyalty.choice(cart);
        return page(req, cart, choice.points(), choice.code(), null, 200);
    }

    private PluginResponse page(PluginRequest req, String cart, long points, String code, String error, int status) {
        Map<String, Object> m = new HashMap<>();
        m.put("signedIn", req.customerId() != null);
        m.put("available", req.customerId() == null ? 0 : loyalty.ledger().balance(req.customerId()).available());
        m.put("csrf", req.csrfToken() == null ? "" : req.csrfToken());
        m.put("cart", cart == null ? "" : cart);
        m.put("points", points);
        m.put("code", code == null ? "" : code);
        m.put("error", error);
        m.put("action", "/" + req.locale() + "/x/loyalty/cart");
        String body = context.templates().renderFragment("shop/parts", "cartForm", req.locale(), m);
        return ShopPages.document(req, status, Texts.get(req.locale(), "loyalty.title"), body);
    }

    private PluginResponse cartSave(PluginRequest req) {
        Map<String, String> f = req.form();
        String cart = f.get("cart");
        long points;
        try {
            String raw = f.getOrDefault("points", "").trim();
            points = raw.isEmpty() ? 0 : Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return page(req, cart, 0, f.get("code"), "points: " + Texts.get(req.locale(), "loyalty.use_points"), 400);
        }
        if (points > 0 && req.customerId() == null) {
            return page(req, cart, 0, f.get("code"), Texts.get(req.locale(), "loyalty.sign_in"), 400);
        }
        try {
            loyalty.saveChoice(cart, points, f.get("code"));
        } catch (LoyaltyException e) {
            return page(req, cart, 0, f.get("code"), e.getMessage(), 400);
        }
        return new PluginResponse(303, "text/plain;charset=utf-8", new byte[0],
                Map.of("Location", "/" + req.locale() + "/cart"));
    }

    // ------------------------------------------------------------------------------------------ API

    private PluginResponse me(PluginRequest req) {
        if (req.customerId() == null) {
            return PluginResponse.json(401, "{\"title\":\"Unauthorized\",\"detail\":\"sign in first\"}");
        }
        LoyaltyService.Summary s = loyalty.summary(req.customerId());
        return PluginResponse.json(200, "{\"available\":" + s.available() + ",\"pending\":" + s.pending() + ",\"tier\":"
                + (s.tier() == null ? "null" : Escape.json(s.tier())) + ",\"tierPoints\":" + s.windowPoints() + "}");
    }

    private PluginResponse myHistory(PluginRequest req) {
        if (req.customerId() == null) {
            return PluginResponse.json(401, "{\"title\":\"Unauthorized\",\"detail\":\"sign in first\"}");
        }
        return PluginResponse.json(200, historyJson(req.customerId()));
    }

    private String historyJson(long customerId) {
        StringBuilder b = new StringBuilder("{\"movements\":[");
        List<LedgerService.Movement> all = loyalty.ledger().history(customerId, 200);
        for (int i = 0; i < all.size(); i++) {
            LedgerService.Movement m = all.get(i);
            b.append(i == 0 ? "" : ",").append("{\"at\":").append(Escape.json(m.createdAt().toString()))
                    .append(",\"kind\":").append(Escape.json(m.kind())).append(",\"points\":").append(m.points())
                    .append(",\"pendingPoints\":").append(m.pendingPoints()).append(",\"shortfall\":").append(m.shortfall())
                    .append(",\"reference\":").append(m.reference() == null ? "null" : Escape.json(m.reference())).append('}');
        }
        LedgerService.Balance bal = loyalty.ledger().balance(customerId);
        return b.append("],\"available\":").append(bal.available()).append(",\"pending\":").append(bal.pending())
                .append('}').toString();
    }

    /** A review system reports a published review: {@code {"customerId":1,"reviewId":"r-1"}}, Bearer secret. */
    private PluginResponse review(PluginRequest req) {
        String secret = context.settings().get("review_secret").orElse("");
        String auth = req.header("Authorization");
        if (secret.isEmpty() || auth == null || !MessageDigest.isEqual(("Bearer " + secret).getBytes(StandardCharsets.UTF_8),
                auth.getBytes(StandardCharsets.UTF_8))) {
            return PluginResponse.json(401, "{\"title\":\"Unauthorized\",\"detail\":\"a valid Bearer secret is needed\"}");
        }
        String body = req.bodyText();
        java.util.regex.Matcher c = java.util.regex.Pattern.compile("\"customerId\"\\s*:\\s*(\\d{1,18})").matcher(body);
        java.util.regex.Matcher r = java.util.regex.Pattern.compile("\"reviewId\"\\s*:\\s*\"([A-Za-z0-9._:-]{1,100})\"")
                .matcher(body);
        if (!c.find() || !r.find()) {
            throw new LoyaltyException("invalid", "customerId (number) and reviewId (1-100 letters, digits, ._:-) are required");
        }
        long points = loyalty.bonus(Long.parseLong(c.group(1)), "review", "bonus:review:" + r.group(1), null);
        return PluginResponse.json(200, "{\"points\":" + points + "}");
    }

    // ------------------------------------------------------------------------------------------ admin

    private PluginResponse overview(PluginRequest req) {
        Map<String, Object> m = new HashMap<>();
        LoyaltyService.Figures f = loyalty.figures(LocalDate.now(context.clock().withZone(ZoneOffset.UTC))
                .atStartOfDay().toInstant(ZoneOffset.UTC));
        m.put("figures", Map.of("issued", f.issued(), "redeemed", f.redeemed(), "outstanding", f.outstanding()));
        m.put("liability", Html.money(f.outstandingValueMinor(), req.locale()));
        m.put("problems", loyalty.ledger().reconcile());
        m.put("top", loyalty.topBalances(50));
        m.put("earners", loyalty.topEarners(10));
        m.put("redemptionRate", loyalty.redemptionRate());
        m.put("promos", loyalty.promos().promos().stream().map(p -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", p.id());
            row.put("name", p.name());
            row.put("kind", p.kind());
            row.put("amount", p.amount());
            row.put("used", p.used());
            row.put("usageLimit", p.usageLimit());
            return row;
        }).toList());
        return adminHtml(context.templates().renderFragment("admin/pages", "overview", req.locale(), m), "Loyalty");
    }

    private PluginResponse customer(PluginRequest req) {
        return customerPage(req, id(req), null, 200);
    }

    private PluginResponse customerPage(PluginRequest req, long id, String error, int status) {
        LoyaltyService.Summary s = loyalty.summary(id);
        Map<String, Object> m = new HashMap<>();
        m.put("customerId", id);
        m.put("available", s.available());
        m.put("pending", s.pending());
        m.put("tier", s.tier() == null ? "-" : s.tier());
        m.put("csrf", req.csrfToken() == null ? "" : req.csrfToken());
        m.put("formKey", java.util.UUID.randomUUID().toString());
        m.put("error", error);
        m.put("movements", loyalty.ledger().history(id, 200).stream().map(mv -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", mv.createdAt().toString());
            row.put("kind", mv.kind());
            row.put("points", mv.points());
            row.put("pending", mv.pendingPoints());
            row.put("reference", mv.reference() == null ? "" : mv.reference());
            row.put("reason", mv.reason() == null ? "" : mv.reason());
            row.put("actor", mv.actor());
            return row;
        }).toList());
        PluginResponse ok = adminHtml(context.templates().renderFragment("admin/pages", "customer", req.locale(), m),
                "Loyalty: customer " + id);
        return new PluginResponse(status, ok.contentType(), ok.body(), ok.headers());
    }

    private PluginResponse customerJson(PluginRequest req) {
        return PluginResponse.json(200, historyJson(id(req)));
    }

    private PluginResponse adjust(PluginRequest req) {
        long id = id(req);
        Map<String, String> f = req.form();
        long delta;
        try {
            delta = Long.parseLong(f.getOrDefault("points", "").trim());
        } catch (NumberFormatException e) {
            return customerPage(req, id, "points: a whole number, + or -", 400);
        }
        String key = f.get("key");
        if (key == null || !key.matches("^[A-Za-z0-9-]{8,64}$")) {
            return customerPage(req, id, "the form is stale: reload the page", 400);
        }
        String actor = req.admin() == null ? "admin" : req.admin().login();
        try {
            loyalty.ledger().adjust(id, delta, f.get("reason") == null ? null : f.get("reason").trim(), actor,
                    "adjust:" + key, null);
        } catch (LoyaltyException e) {
            return customerPage(req, id, e.getMessage(), e.code().equals("insufficient_points") ? 409 : 400);
        }
        return new PluginResponse(303, "text/plain;charset=utf-8", new byte[0],
                Map.of("Location", "/admin/plugins/loyalty/customers/" + id));
    }

    private static PluginResponse adminHtml(String html, String title) {
        return new PluginResponse(200, "text/html;charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Brique-Title", title));
    }

    private static long id(PluginRequest req) {
        return number(req.pathParams().get("id"), "id");
    }

    static long number(String raw, String field) {
        if (raw == null || !raw.trim().matches("^-?\\d{1,15}$")) {
            throw new LoyaltyException("invalid", field + ": a whole number is required");
        }
        return Long.parseLong(raw.trim());
    }

    /** A decimal amount in euros ("12.50") to minor units, exactly. */
    static long minor(String raw, String field) {
        if (raw == null || !raw.trim().matches("^\\d{1,12}([.,]\\d{1,2})?$")) {
            throw new LoyaltyException("invalid", field + ": a positive decimal such as 12.50");
        }
        return new java.math.BigDecimal(raw.trim().replace(',', '.')).movePointRight(2).longValueExact();
    }

    static Instant instant(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(raw);
        } catch (java.time.format.DateTimeParseException e) {
            throw new LoyaltyException("invalid", field + ": YYYY-MM-DD or an ISO instant");
        }
    }
}
