package io.brique.admin.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AuditLog;
import io.brique.admin.web.AdminRoutes;
import io.brique.admin.web.AdminViews;
import io.brique.admin.web.Flash;
import io.brique.api.admin.CustomerPanel;
import io.brique.core.commerce.customer.CustomerPrivacy;
import io.brique.core.commerce.customer.CustomerService;
import io.brique.core.db.jooq.tables.records.CustomerRecord;
import io.brique.core.plugin.ExtensionRegistry;
import io.brique.core.web.Ctx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Customers: list with search, paging and sorting; one customer's page (profile, addresses, consents,
 * orders, lifetime value) with a panel from each enabled plugin ({@link CustomerPanel}, guarded,
 * time-boxed, filtered by its permission); GDPR export (JSON download) and erasure (confirmation
 * required) through {@link CustomerPrivacy}.
 */
final class CustomerPages {

    static final int PAGE_SIZE = 25;
    private static final List<String> SORTS = List.of("created", "email", "name", "orders", "spent");

    /** A plugin panel as the page shows it; {@code html} is the plugin's own safe HTML. */
    public record Panel(String pluginId, String id, String title, String html, int order) {
    }

    private final AdminRoutes routes;
    private final AdminViews views;
    private final CustomerService customers;
    private final CustomerPrivacy privacy;
    private final ShopQueries queries;
    private final ExtensionRegistry extensions;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final Duration budget;

    CustomerPages(AdminRoutes routes, AdminViews views, CustomerService customers, CustomerPrivacy privacy,
            ShopQueries queries, ExtensionRegistry extensions, ObjectMapper json, AuditLog audit, Duration budget) {
        this.routes = routes;
        this.views = views;
        this.customers = customers;
        this.privacy = privacy;
        this.queries = queries;
        this.extensions = extensions;
        this.json = json;
        this.audit = audit;
        this.budget = budget;
    }

    void register() {
        routes.get("/admin/customers", Permission.CUSTOMERS_VIEW, this::list);
        routes.get("/admin/customers/{id}", Permission.CUSTOMERS_VIEW, (ctx, a) -> show(ctx, a, 200, Map.of()));
        routes.get("/admin/customers/{id}/export", Permission.CUSTOMERS_MANAGE, this::export);
        routes.post("/admin/customers/{id}/erase", Permission.CUSTOMERS_MANAGE, this::erase);
    }

    private void list(Ctx ctx, AdminPrincipal admin) {
        Inputs in = Inputs.query(ctx);
        String q = in.text("q", 100);
        String sort = Inputs.sort(ctx, SORTS);
        boolean desc = Inputs.desc(ctx, true);
        int page = ctx.queryInt("page", 1, 1, 100_000);
        Map<String, Object> model = new HashMap<>();
        model.put("result", queries.customers(q, sort, desc, page, PAGE_SIZE));
        model.put("currency", queries.currency());
        model.put("values", in.values);
        model.put("errors", in.errors);
        model.put("links", new ListLinks("/admin/customers", in.values, sort, desc ? "desc" : "asc"));
        views.render(ctx, admin, in.ok() ? 200 : 400, "shop/customers", "admin.shop.customers.title", model);
    }

    private void show(Ctx ctx, AdminPrincipal admin, int status, Map<String, String> errors) {
        CustomerRecord c = customers.get(ctx.pathId("id"));
        Map<String, Object> model = new HashMap<>();
        model.put("c", c);
        model.put("addresses", customers.addresses(c.getId()));
        model.put("orders", queries.customerOrders(c.getId(), 50));
        model.put("ltv", queries.lifetimeValue(c.getId()));
        model.put("currency", queries.currency());
        model.put("panels", panels(admin, c.getId(), ctx.lang()));
        model.put("canManage", admin.has(Permission.CUSTOMERS_MANAGE));
        model.put("erased", CustomerPrivacy.ERASED.equals(c.getStatus()));
        model.put("errors", errors);
        views.render(ctx, admin, status, "shop/customer", "admin.shop.customer.title", model);
    }

    /** The panels of enabled plugins this admin may see; a slow or failing panel is left out. */
    List<Panel> panels(AdminPrincipal admin, long customerId, String lang) {
        List<Panel> out = new ArrayList<>();
        for (var e : extensions.entries(CustomerPanel.class)) {
            Panel p = extensions.call(e, "customer-panel", budget, x -> {
                String perm = x.permission();
                if (perm != null && !perm.isBlank() && !admin.has(perm)) {
                    return null;
                }
                return new Panel(e.owner(), x.id(), x.title(lang), x.render(customerId, lang), x.order());
            }, null);
            if (p != null && p.html() != null) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparingInt(Panel::order).thenComparing(Panel::pluginId));
        return out;
    }

    private void export(Ctx ctx, AdminPrincipal admin) throws Exception {
        long id = ctx.pathId("id");
        Map<String, Object> data = privacy.export(id);
        byte[] body = json.writerWithDefaultPrettyPrinter().writeValueAsString(data).getBytes(StandardCharsets.UTF_8);
        audit.record(admin, ctx.clientIp(), "customer.export", "customer " + id, "GDPR export");
        ctx.resp().setStatus(200);
        ctx.resp().setContentType("application/json;charset=utf-8");
        ctx.resp().setHeader("Content-Disposition", "attachment; filename=\"customer-" + id + ".json\"");
        ctx.resp().setContentLength(body.length);
        ctx.resp().getOutputStream().write(body);
    }

    private void erase(Ctx ctx, AdminPrincipal admin) {
        long id = ctx.pathId("id");
        CustomerRecord c = customers.get(id);
        if (!"ERASE".equals(ctx.form("confirm"))) {
            show(ctx, admin, 400, Map.of("confirm", "admin.shop.customer.erase_confirm_error"));
            return;
        }
        CustomerPrivacy.Erasure r = privacy.erase(id);
        StringBuilder summary = new StringBuilder("GDPR erasure, ").append(r.ordersAnonymised())
                .append(" order(s) anonymised");
        r.plugins().forEach(p -> summary.append("; ").append(p.pluginId()).append(p.ok() ? ": " : " FAILED: ")
                .append(p.summary()));
        audit.record(admin, ctx.clientIp(), "customer.erase", "customer " + id, summary.toString());
        boolean allOk = r.plugins().stream().allMatch(CustomerPrivacy.PluginOutcome::ok);
        if (allOk) {
            Flash.success(ctx, "admin.flash.customer_erased", "#" + c.getId());
        } else {
            Flash.error(ctx, "admin.flash.customer_erase_partial", "#" + c.getId());
        }
        ctx.redirect("/admin/customers/" + id);
    }
}
