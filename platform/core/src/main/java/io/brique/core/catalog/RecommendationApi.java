package io.brique.core.catalog;

import io.brique.core.web.Ctx;
import io.brique.core.web.HttpProblem;
import io.brique.core.web.Router;
import io.brique.core.web.WebSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/recommendations}: the providers' recommendations as JSON for headless shops. The
 * customer comes from the session, never from a parameter; {@code visitorId} is the caller's own id.
 */
final class RecommendationApi {

    record Item(CatalogApi.ProductItem product, String reason, double score) {
    }

    record Answer(String placement, List<Item> items) {
    }

    private final Recommendations recommendations;
    private final WebSupport web;

    RecommendationApi(Recommendations recommendations, WebSupport web) {
        this.recommendations = recommendations;
        this.web = web;
    }

    void register(Router router) {
        router.get("/api/v1/recommendations", this::list);
    }

    void list(Ctx ctx) {
        String placement = ctx.query("placement").orElse("");
        if (!Recommendations.SLOT_OF_PLACEMENT.containsKey(placement)) {
            throw bad("placement", "placement must be one of " + Recommendations.SLOT_OF_PLACEMENT.keySet().stream()
                    .sorted().toList(), "error.choice");
        }
        String lang = ctx.query("locale").orElse(web.defaultLocale().getLanguage());
        if (!web.supports(lang)) {
            throw bad("locale", "unsupported locale; use one of " + web.languages(), "error.choice");
        }
        int limit = ctx.queryInt("limit", 8, 1, Recommendations.MAX_LIMIT);
        String visitorId = ctx.query("visitorId").orElse(null);
        if (visitorId != null && (visitorId.length() > 64 || !visitorId.matches("[A-Za-z0-9._-]+"))) {
            throw bad("visitorId", "visitorId: at most 64 letters, digits, dots, dashes or underscores", "error.pattern");
        }
        List<Long> ids = productIds(ctx.query("productIds").orElse(""));
        Long customerId = web.visitor(ctx).customerId();
        List<Item> items = recommendations.recommend(placement, lang, customerId, visitorId, ids, limit).stream()
                .map(i -> new Item(CatalogApi.item(i.product(), lang), i.reason(), i.score())).toList();
        ctx.resp().setHeader("Cache-Control", "no-store");
        ctx.json(new Answer(placement, items));
    }

    private static List<Long> productIds(String raw) {
        List<Long> out = new ArrayList<>();
        if (raw.isBlank()) {
            return out;
        }
        String[] parts = raw.split(",", -1);
        if (parts.length > Recommendations.MAX_LIMIT) {
            throw bad("productIds", "productIds: at most " + Recommendations.MAX_LIMIT + " ids", "error.too_long");
        }
        for (String p : parts) {
            try {
                long id = Long.parseLong(p.trim());
                if (id <= 0) {
                    throw new NumberFormatException();
                }
                out.add(id);
            } catch (NumberFormatException e) {
                throw bad("productIds", "productIds: comma-separated positive product ids", "error.number");
            }
        }
        return out;
    }

    private static HttpProblem bad(String field, String detail, String code) {
        return new HttpProblem(400, "Bad Request", detail, Map.of(field, code));
    }
}
