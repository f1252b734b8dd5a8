package io.brique.admin.shop;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AuditLog;
import io.brique.admin.web.AdminRoutes;
import io.brique.admin.web.AdminViews;
import io.brique.admin.web.Flash;
import io.brique.core.commerce.order.OrderDetails;
import io.brique.core.commerce.order.OrderService;
import io.brique.core.error.ConflictException;
import io.brique.core.error.ValidationException;
import io.brique.core.web.Ctx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Orders: list with filters, paging and sorting; detail; state changes and refunds through {@link OrderService}. */
final class OrderPages {

    static final int PAGE_SIZE = 25;
    private static final List<String> SORTS = List.of("placed", "number", "total", "status", "email");

    private final AdminRoutes routes;
    private final AdminViews views;
    private final OrderService orders;
    private final ShopQueries queries;
    private final AuditLog audit;

    OrderPages(AdminRoutes routes, AdminViews views, OrderService orders, ShopQueries queries, AuditLog audit) {
        this.routes = routes;
        this.views = views;
        this.orders = orders;
        this.queries = queries;
        this.audit = audit;
    }

    void register() {
        routes.get("/admin/orders", Permission.ORDERS_VIEW, this::list);
        routes.get("/admin/orders/{number}", Permission.ORDERS_VIEW, (ctx, a) -> detail(ctx, a, 200, Map.of(),
                Map.of()));
        routes.post("/admin/orders/{number}/status", Permission.ORDERS_MANAGE, this::changeStatus);
        routes.post("/admin/orders/{number}/refund", Permission.ORDERS_MANAGE, this::refund);
    }

    private void list(Ctx ctx, AdminPrincipal admin) {
        Inputs in = Inputs.query(ctx);
        String status = in.oneOf("status", OrderService.STATUSES);
        var from = in.date("from");
        var to = in.date("to");
        String channel = in.text("channel", 20);
        String customer = in.text("customer", 100);
        String number = in.text("number", 20);
        String sort = Inputs.sort(ctx, SORTS);
        boolean desc = Inputs.desc(ctx, true);
        int page = ctx.queryInt("page", 1, 1, 100_000);
        if (from != null && to != null && to.isBefore(from)) {
            in.errors.put("to", "admin.shop.error.date_order");
        }
        var filter = new ShopQueries.OrderFilter(status, from, in.errors.containsKey("to") ? null : to, channel,
                customer, number);
        Map<String, Object> model = new HashMap<>();
        model.put("result", queries.orders(filter, sort, desc, page, PAGE_SIZE));
        model.put("values", in.values);
        model.put("errors", in.errors);
        model.put("statuses", List.of("placed", "paid", "shipped", "delivered", "cancelled", "refunded"));
        model.put("channels", queries.channels());
        model.put("links", new ListLinks("/admin/orders", in.values, sort, desc ? "desc" : "asc"));
        views.render(ctx, admin, in.ok() ? 200 : 400, "shop/orders", "admin.shop.orders.title", model);
    }

    private void detail(Ctx ctx, AdminPrincipal admin, int status, Map<String, String> values,
            Map<String, String> errors) {
        OrderDetails d = orders.byNumber(ctx.pathParam("number"));
        Map<String, Object> model = new HashMap<>();
        model.put("d", d);
        model.put("o", d.order());
        model.put("next", OrderService.nextStatuses(d.order().getStatus()));
        model.put("refundable", OrderService.refundable(d.order().getStatus()));
        model.put("refundableMinor", d.order().getTotalMinor() - d.order().getRefundedMinor());
        model.put("canManage", admin.has(Permission.ORDERS_MANAGE));
        model.put("values", values);
        model.put("errors", errors);
        views.render(ctx, admin, status, "shop/order", "admin.shop.order.title", model);
    }

    private void changeStatus(Ctx ctx, AdminPrincipal admin) {
        String number = ctx.pathParam("number");
        Inputs in = Inputs.form(ctx);
        String to = in.text("to", 12);
        String note = in.text("note", 500);
        if (to == null) {
            in.required("to");
        }
        if (!in.ok()) {
            detail(ctx, admin, 400, in.values, in.errors);
            return;
        }
        try {
            OrderDetails before = orders.byNumber(number);
            orders.transition(number, to, note, "admin:" + admin.email());
            audit.record(admin, ctx.clientIp(), "order.status", number,
                    before.order().getStatus() + " -> " + to + (note == null ? "" : " (" + note + ")"));
            Flash.success(ctx, "admin.flash.order_status", number);
            ctx.redirect("/admin/orders/" + Ctx.urlEncode(number));
        } catch (ValidationException e) {
            detail(ctx, admin, 400, in.values, e.fieldErrors());
        } catch (ConflictException e) {
            Flash.error(ctx, "admin.flash.order_conflict", number);
            ctx.redirect("/admin/orders/" + Ctx.urlEncode(number));
        }
    }

    private void refund(Ctx ctx, AdminPrincipal admin) {
        String number = ctx.pathParam("number");
        OrderDetails before = orders.byNumber(number);
        Inputs in = Inputs.form(ctx);
        boolean full = "full".equals(in.text("mode"));
        Long amount = full ? Long.valueOf(before.order().getTotalMinor() - before.order().getRefundedMinor())
                : in.money("amount", before.order().getCurrency());
        String reason = in.text("reason", 500);
        boolean restock = in.checkbox("restock");
        if (!full && amount == null) {
            in.required("amount");
        }
        if (!in.ok()) {
            detail(ctx, admin, 400, in.values, in.errors);
            return;
        }
        try {
            orders.refund(number, amount, reason, restock, "admin:" + admin.email());
            audit.record(admin, ctx.clientIp(), "order.refund", number,
                    (full ? "full refund " : "refund ") + amount + " minor " + before.order().getCurrency()
                            + (restock ? ", restocked" : "") + (reason == null ? "" : " (" + reason + ")"));
            Flash.success(ctx, "admin.flash.order_refunded", number);
            ctx.redirect("/admin/orders/" + Ctx.urlEncode(number));
        } catch (ValidationException e) {
            detail(ctx, admin, 400, in.values, e.fieldErrors());
        } catch (ConflictException e) {
            Flash.error(ctx, "admin.flash.order_conflict", number);
            ctx.redirect("/admin/orders/" + Ctx.urlEncode(number));
        }
    }
}
