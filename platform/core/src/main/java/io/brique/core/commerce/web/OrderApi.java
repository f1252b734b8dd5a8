package io.brique.core.commerce.web;

import io.brique.api.Money;
import io.brique.core.commerce.order.OrderService;
import io.brique.core.web.ApiTokens;
import io.brique.core.web.Ctx;
import io.brique.core.web.HttpProblem;
import io.brique.core.web.Router;
import java.util.Map;

/** {@code /api/v1/orders}: back-office order listing, detail, state transitions and refunds (API token). */
public final class OrderApi {

    record TransitionBody(String to, String note) {
    }

    record RefundBody(String amount, String reason, Boolean restock) {
    }

    private final OrderService orders;
    private final ApiTokens tokens;
    private final String currency;

    public OrderApi(OrderService orders, ApiTokens tokens, String currency) {
        this.orders = orders;
        this.tokens = tokens;
        this.currency = currency;
    }

    public void register(Router router) {
        router.get("/api/v1/orders", this::list);
        router.get("/api/v1/orders/{number}", ctx -> {
            tokens.require(ctx, "orders:read");
            ctx.json(CommerceJson.order(orders.byNumber(ctx.pathParam("number"))));
        });
        router.post("/api/v1/orders/{number}/transitions", this::transition);
        router.post("/api/v1/orders/{number}/refunds", this::refund);
    }

    void list(Ctx ctx) {
        tokens.require(ctx, "orders:read");
        int page = ctx.queryInt("page", 1, 1, 100_000);
        int size = ctx.queryInt("size", 20, 1, 100);
        String status = ctx.query("status").orElse(null);
        if (status != null && !OrderService.STATUSES.contains(status)) {
            throw new HttpProblem(400, "Bad Request", "unknown status " + status.substring(0,
                    Math.min(status.length(), 20)), Map.of("status", "error.range"));
        }
        OrderService.Page p = orders.list(status, null, page, size);
        ctx.json(CommerceJson.page(p.items().stream().map(CommerceJson::orderSummary).toList(), p.page(), p.size(),
                p.total()));
    }

    void transition(Ctx ctx) {
        ApiTokens.ApiPrincipal who = tokens.require(ctx, "orders:write");
        TransitionBody b = ctx.bodyJson(TransitionBody.class);
        ctx.json(CommerceJson.order(orders.transition(ctx.pathParam("number"), b.to(), b.note(), "api:" + who.name())));
    }

    void refund(Ctx ctx) {
        ApiTokens.ApiPrincipal who = tokens.require(ctx, "orders:write");
        RefundBody b = ctx.bodyJson(RefundBody.class);
        if (b.amount() == null || b.amount().isBlank()) {
            throw new HttpProblem(400, "Bad Request", "amount is required", Map.of("amount", "error.required"));
        }
        long minor;
        try {
            if (b.amount().length() > 20) {
                throw new NumberFormatException();
            }
            minor = Money.parse(b.amount(), currency).minor();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new HttpProblem(400, "Bad Request", "amount must be a decimal like 12.50",
                    Map.of("amount", "error.type"));
        }
        ctx.json(201, CommerceJson.order(orders.refund(ctx.pathParam("number"), minor, b.reason(),
                Boolean.TRUE.equals(b.restock()), "api:" + who.name())));
    }
}
