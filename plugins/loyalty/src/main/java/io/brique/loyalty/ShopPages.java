package io.brique.loyalty;

import io.brique.api.http.PluginRequest;
import io.brique.api.http.PluginResponse;
import io.brique.api.plugin.PluginContext;
import io.brique.api.text.Escape;
import java.util.HashMap;
import java.util.Map;

/**
 * The shopper's reward catalogue ({@code /{locale}/x/loyalty/rewards}, linked from the account page):
 * rewards with their cost, a claim button each (CSRF field and a one-time form key, so a double click
 * or a replayed form claims once), and the codes already claimed.
 */
final class ShopPages {

    private final PluginContext context;
    private final LoyaltyService loyalty;

    ShopPages(PluginContext context, LoyaltyService loyalty) {
        this.context = context;
        this.loyalty = loyalty;
    }

    PluginResponse rewards(PluginRequest req) {
        return rewardsPage(req, "claimed".equals(req.query("flash")) ? Texts.get(req.locale(), "loyalty.reward.claimed")
                : null, null, 200);
    }

    private PluginResponse rewardsPage(PluginRequest req, String flash, String error, int status) {
        Map<String, Object> m = new HashMap<>();
        Long customer = req.customerId();
        long available = customer == null ? 0 : loyalty.ledger().balance(customer).available();
        m.put("signedIn", customer != null);
        m.put("available", available);
        m.put("csrf", req.csrfToken() == null ? "" : req.csrfToken());
        m.put("formKey", java.util.UUID.randomUUID().toString());
        m.put("flash", flash);
        m.put("error", error);
        m.put("base", "/" + req.locale() + "/x/loyalty/rewards");
        m.put("rewards", loyalty.rewards().rewards(true).stream().map(r -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", r.id());
            row.put("name", r.name());
            row.put("kind", r.kind());
            row.put("cost", r.costPoints());
            row.put("affordable", r.costPoints() <= available);
            return row;
        }).toList());
        m.put("claims", customer == null ? java.util.List.of() : loyalty.rewards().claims(customer).stream().map(c -> {
            Map<String, Object> row = new HashMap<>();
            row.put("name", c.rewardName());
            row.put("code", c.code());
            row.put("points", c.points());
            row.put("used", c.used());
            row.put("at", c.createdAt().toString().substring(0, 10));
            return row;
        }).toList());
        String body = context.templates().renderFragment("shop/parts", "rewards", req.locale(), m);
        return document(req, status, Texts.get(req.locale(), "loyalty.rewards"), body);
    }

    PluginResponse claim(PluginRequest req) {
        if (req.customerId() == null) {
            return rewardsPage(req, null, Texts.get(req.locale(), "loyalty.sign_in"), 401);
        }
        long id;
        try {
            id = LoyaltyRoutes.number(req.pathParams().get("id"), "id");
        } catch (LoyaltyException e) {
            return rewardsPage(req, null, Texts.get(req.locale(), "loyalty.reward.unknown"), 404);
        }
        try {
            loyalty.rewards().claim(req.customerId(), id, req.form().get("key"));
        } catch (LoyaltyException e) {
            return switch (e.code()) {
                case "insufficient_points" -> rewardsPage(req, null, Texts.get(req.locale(), "loyalty.reward.insufficient"),
                        409);
                case "not_found" -> rewardsPage(req, null, Texts.get(req.locale(), "loyalty.reward.unknown"), 404);
                case "invalid" -> rewardsPage(req, null, Texts.get(req.locale(), "loyalty.reward.stale"), 400);
                default -> throw e;
            };
        }
        context.count("rewards_claimed", 1);
        return new PluginResponse(303, "text/plain;charset=utf-8", new byte[0],
                Map.of("Location", "/" + req.locale() + "/x/loyalty/rewards?flash=claimed"));
    }

    /** A whole storefront page around a plugin fragment (plugin pages are not wrapped by the core). */
    static PluginResponse document(PluginRequest req, int status, String title, String body) {
        return PluginResponse.html(status, "<!doctype html><html lang=\"" + Escape.html(req.locale())
                + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>"
                + Escape.html(title) + "</title></head><body>" + body + "<p><a href=\"/" + Escape.html(req.locale())
                + "/account\">" + Escape.html(Texts.get(req.locale(), "loyalty.back_to_account")) + "</a></p></body></html>");
    }
}
