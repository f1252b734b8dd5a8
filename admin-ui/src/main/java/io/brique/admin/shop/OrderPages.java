package io.brique.admin.shop;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AuditLog;
import io.brique.admin.web.AdminRoutes;
import io.brique.admin.web.AdminViews;
import io.brique.admin.web.Flash;
import io.brique.admin.web.ListLinks;
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
        routes.get("/admin/orders/export.csv", Permission.ORDERS_VIEW, this::exportCsv);
        routes.post("/admin/orders/bulk", Permission.ORDERS_MANAGE, this::bulk);
        routes.get("/admin/orders/{number}", Permission.ORDERS_VIEW, (ctx, a) -> detail(ctx, a, 200, Map.of(),
                Map.of()));
        routes.post("/admin/orders/{number}/status", Permission.ORDERS_MANAGE, this::changeStatus);
        routes.post("/admin/orders/{number}/refund", Permission.ORDERS_MANAGE, this::refund);
    }

    /** The list's filters and order, read from the query (list page and CSV export share them). */
    private record ListQuery(Inputs in, ShopQueries.OrderFilter filter, String sort, boolean desc) {
    }

    private static ListQuery listQuery(Ctx ctx) {
        Inputs in = Inputs.query(ctx);
        String status = in.oneOf("status", OrderService.STATUSES);
        var from = in.date("from");
        var to = in.date("to");
        String channel = in.text("channel", 20);
        String customer = in.text("customer", 100);
        String number = in.text("number", 20);
        String sort = Inputs.sort(ctx, SORTS);
        boolean desc = Inputs.desc(ctx, true);
        if (from != null && to != null && to.isBefore(from)) {
            in.errors.put("to", "admin.shop.error.date_order");
        }
        var filter = new ShopQueries.OrderFilter(status, from, in.errors.containsKey("to") ? null : to, channel,
                customer, number);
        return new ListQuery(in, filter, sort, desc);
    }

    private void list(Ctx ctx, AdminPrincipal admin) {
        list(ctx, admin, listQuery(ctx), null);
    }

    private void list(Ctx ctx, AdminPrincipal admin, ListQuery lq, List<BulkResult> bulk) {
        Inputs in = lq.in();
        int page = ctx.queryInt("page", 1, 1, 100_000);
        Map<String, Object> model = new HashMap<>();
        model.put("result", queries.orders(lq.filter(), lq.sort(), lq.desc(), page, PAGE_SIZE));
        model.put("values", in.values);
        model.put("errors", in.errors);
        model.put("statuses", List.of("placed", "paid", "shipped", "delivered", "cancelled", "refunded"));
        model.put("bulkStatuses", BULK_STATUSES);
        model.put("channels", queries.channels());
        model.put("canManage", admin.has(Permission.ORDERS_MANAGE));
        model.put("bulk", bulk);
        ListLinks links = new ListLinks("/admin/orders", in.values, lq.sort(), lq.desc() ? "desc" : "asc");
        model.put("links", links);
        model.put("exportLink", links.on("/admin/orders/export.csv"));
        views.render(ctx, admin, in.ok() && (bulk == null || bulk.stream().allMatch(BulkResult::ok)) ? 200 : 400,
                "shop/orders", "admin.shop.orders.title", model);
    }

    /**
     * The filtered list as CSV, streamed from a database cursor in the list's order. Text cells that a
     * spreadsheet would run as a formula are neutralised ({@link SpreadsheetCsv}).
     */
    private void exportCsv(Ctx ctx, AdminPrincipal admin) throws Exception {
        ListQuery lq = listQuery(ctx);
        if (!lq.in().ok()) {
            list(ctx, admin, lq, null);
            return;
        }
        audit.record(admin, ctx.clientIp(), "order.export", null, "CSV export " + lq.filter());
        ctx.resp().setStatus(200);
        ctx.resp().setContentType("text/csv;charset=utf-8");
        ctx.resp().setHeader("Content-Disposition", "attachment; filename=\"orders.csv\"");
        try (SpreadsheetCsv csv = new SpreadsheetCsv(ctx.resp().getOutputStream())) {
            csv.row("number", "placed_at", "status", "channel", "email", "first_name", "last_name", "city",
                    "country", "currency", "subtotal", "shipping", "tax", "total", "refunded");
            queries.eachOrder(lq.filter(), lq.sort(), lq.desc(), o -> csv.row(o.getNumber(),
                    o.getPlacedAt().atOffset(java.time.ZoneOffset.UTC).atZoneSameInstant(queries.zone())
                            .toLocalDateTime().withNano(0).toString(),
                    o.getStatus(), o.getChannel(), o.getEmail(), o.getAddrFirstName(), o.getAddrLastName(),
                    o.getAddrCity(), o.getAddrCountry(), o.getCurrency(),
                    SpreadsheetCsv.amount(o.getSubtotalMinor(), o.getCurrency()),
                    SpreadsheetCsv.amount(o.getShippingMinor(), o.getCurrency()),
                    SpreadsheetCsv.amount(o.getTaxMinor(), o.getCurrency()),
                    SpreadsheetCsv.amount(o.getTotalMinor(), o.getCurrency()),
                    SpreadsheetCsv.amount(o.getRefundedMinor(), o.getCurrency())));
        }
    }

    /** What happened to one order of a bulk action. */
    public record BulkResult(String number, boolean ok, String messageKey) {
    }

    static final List<String> BULK_STATUSES = List.of(OrderService.PAID, OrderService.SHIPPED, OrderService.DELIVERED);
    static final int BULK_MAX = 200;

    /**
     * Moves the selected orders to one status, each in its own transaction through
     * {@link OrderService#transition}: one order that cannot move does not stop the others, and the
     * page lists the outcome of each.
     */
    private void bulk(Ctx ctx, AdminPrincipal admin) {
        Inputs in = Inputs.form(ctx);
        String to = in.oneOf("to", BULK_STATUSES);
        String[] raw = ctx.req().getParameterValues("numbers");
        java.util.LinkedHashSet<String> numbers = new java.util.LinkedHashSet<>();
        if (raw != null) {
            for (String n : raw) {
                if (n != null && !n.isBlank()) {
                    numbers.add(n.trim());
                }
            }
        }
        if (to == null && !in.errors.containsKey("to")) {
            in.required("to");
        }
        if (numbers.isEmpty()) {
            in.errors.put("numbers", "admin.shop.orders.bulk_none");
        } else if (numbers.size() > BULK_MAX) {
            in.errors.put("numbers", "admin.shop.orders.bulk_too_many");
        }
        if (!in.ok()) {
            ListQuery lq = listQuery(ctx);
            lq.in().errors.putAll(in.errors);
            list(ctx, admin, lq, null);
            return;
        }
        List<BulkResult> results = new java.util.ArrayList<>();
        for (String number : numbers) {
            results.add(moveOne(ctx, admin, number, to));
        }
        long ok = results.stream().filter(BulkResult::ok).count();
        if (ok == results.size()) {
            Flash.success(ctx, "admin.flash.orders_bulk", Long.toString(ok));
            ctx.redirect("/admin/orders?status=" + to);
            return;
        }
        list(ctx, admin, listQuery(ctx), results);
    }

    private BulkResult moveOne(Ctx ctx, AdminPrincipal admin, String number, String to) {
        if (number.length() > 20) {
            return new BulkResult(number.substring(0, 20), false, "admin.shop.orders.bulk_not_found");
        }
        try {
            String before = orders.byNumber(number).order().getStatus();
            orders.transition(number, to, null, "admin:" + admin.email());
            audit.record(admin, ctx.clientIp(), "order.status", number, before + " -> " + to + " (bulk)");
            return new BulkResult(number, true, "admin.shop.orders.bulk_done");
        } catch (io.brique.core.error.NotFoundException e) {
            return new BulkResult(number, false, "admin.shop.orders.bulk_not_found");
        } catch (ValidationException | ConflictException e) {
            return new BulkResult(number, false, "admin.shop.orders.bulk_refused");
        }
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
        String st = d.order().getStatus();
        model.put("returnable", OrderService.SHIPPED.equals(st) || OrderService.DELIVERED.equals(st));
        model.put("returned", orders.restockedUnits(d.order().getNumber()));
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
        Map<Long, Integer> returnedUnits = new java.util.LinkedHashMap<>();
        for (var line : before.lines()) {
            if (line.getVariantId() != null) {
                Integer units = in.integer("restock_" + line.getId(), 0, line.getQuantity());
                if (units != null && units > 0) {
                    returnedUnits.put(line.getId(), units);
                }
            }
        }
        if (!full && amount == null) {
            in.required("amount");
        }
        if (!in.ok()) {
            detail(ctx, admin, 400, in.values, in.errors);
            return;
        }
        try {
            orders.refund(number, amount, reason, restock, returnedUnits, "admin:" + admin.email());
            audit.record(admin, ctx.clientIp(), "order.refund", number,
                    (full ? "full refund " : "refund ") + amount + " minor " + before.order().getCurrency()
                            + (restock ? ", restocked" : "")
                            + (returnedUnits.isEmpty() ? "" : ", units back on hand per line " + returnedUnits)
                            + (reason == null ? "" : " (" + reason + ")"));
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
