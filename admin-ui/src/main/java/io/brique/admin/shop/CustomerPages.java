package io.brique.admin.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AuditLog;
import io.brique.admin.web.AdminRoutes;
import io.brique.admin.web.AdminViews;
import io.brique.admin.web.Flash;
import io.brique.admin.web.ListLinks;
import io.brique.api.admin.CustomerPanel;
import io.brique.core.commerce.customer.CustomerPrivacy;
import io.brique.core.commerce.customer.CustomerService;
import io.brique.core.db.jooq.tables.records.CustomerRecord;
import io.brique.core.plugin.ExtensionRegistry;
import io.brique.core.error.ConflictException;
import io.brique.core.error.ValidationException;
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

    /**
     * One address form of the page (an existing address or the new one): its values are what was typed
     * after a refused post, else the stored address; {@code open} when it has errors to show.
     */
    public record AddressForm(String key, String action, Long addressId, Map<String, String> values,
            Map<String, String> errors, boolean open) {
    }

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
    private final java.util.function.Supplier<List<String>> countries;

    CustomerPages(AdminRoutes routes, AdminViews views, CustomerService customers, CustomerPrivacy privacy,
            ShopQueries queries, ExtensionRegistry extensions, ObjectMapper json, AuditLog audit, Duration budget,
            java.util.function.Supplier<List<String>> countries) {
        this.countries = countries;
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
        routes.post("/admin/customers/{id}", Permission.CUSTOMERS_MANAGE, this::editProfile);
        routes.post("/admin/customers/{id}/addresses", Permission.CUSTOMERS_MANAGE, this::addAddress);
        routes.post("/admin/customers/{id}/addresses/{addressId}", Permission.CUSTOMERS_MANAGE, this::updateAddress);
        routes.post("/admin/customers/{id}/addresses/{addressId}/delete", Permission.CUSTOMERS_MANAGE,
                this::deleteAddress);
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
        show(ctx, admin, status, errors, null, Map.of());
    }

    /**
     * The customer page; after a refused form, {@code form} names it ({@code profile}, {@code address-new},
     * {@code address-<id>}) and {@code values} holds what was typed, shown next to the field errors.
     */
    private void show(Ctx ctx, AdminPrincipal admin, int status, Map<String, String> errors, String form,
            Map<String, String> values) {
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
        model.put("form", form == null ? "" : form);
        model.put("values", values);
        model.put("countries", countries.get());
        model.put("profile", "profile".equals(form) ? values : Map.of("email", c.getEmail(),
                "firstName", nz(c.getFirstName()), "lastName", nz(c.getLastName()), "phone", nz(c.getPhone()),
                "marketing", Boolean.TRUE.equals(c.getConsentMarketing()) ? "on" : "",
                "analytics", Boolean.TRUE.equals(c.getConsentAnalytics()) ? "on" : ""));
        List<AddressForm> forms = new ArrayList<>();
        for (var a : customers.addresses(c.getId())) {
            String key = "address-" + a.getId();
            forms.add(new AddressForm(key, "/admin/customers/" + c.getId() + "/addresses/" + a.getId(), a.getId(),
                    key.equals(form) ? values : Map.of("firstName", nz(a.getFirstName()), "lastName",
                            nz(a.getLastName()), "line1", nz(a.getLine1()), "line2", nz(a.getLine2()), "postcode",
                            nz(a.getPostcode()), "city", nz(a.getCity()), "country", nz(a.getCountryCode()), "phone",
                            nz(a.getPhone())),
                    key.equals(form) ? errors : Map.of(), key.equals(form)));
        }
        forms.add(new AddressForm("address-new", "/admin/customers/" + c.getId() + "/addresses", null,
                "address-new".equals(form) ? values : Map.of(), "address-new".equals(form) ? errors : Map.of(),
                "address-new".equals(form)));
        model.put("addressForms", forms);
        model.put("profileErrors", "profile".equals(form) ? errors : Map.of());
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

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---- edits -------------------------------------------------------------------------------

    private void editProfile(Ctx ctx, AdminPrincipal admin) {
        long id = ctx.pathId("id");
        CustomerRecord before = customers.get(id);
        Inputs in = Inputs.form(ctx);
        var edit = new CustomerService.ProfileEdit(in.text("email"), in.text("firstName"), in.text("lastName"),
                in.text("phone"), in.checkbox("marketing"), in.checkbox("analytics"));
        try {
            CustomerRecord after = customers.editProfile(id, edit);
            audit.record(admin, ctx.clientIp(), "customer.update", "customer " + id, changes(before, after));
            Flash.success(ctx, "admin.flash.customer_updated", "#" + id);
            ctx.redirect("/admin/customers/" + id);
        } catch (ValidationException e) {
            show(ctx, admin, 400, e.fieldErrors(), "profile", in.values);
        } catch (ConflictException e) {
            Flash.error(ctx, "admin.flash.customer_erased_readonly", "#" + id);
            ctx.redirect("/admin/customers/" + id);
        }
    }

    /** What changed, for the audit log (field names and old -> new values). */
    private static String changes(CustomerRecord before, CustomerRecord after) {
        StringBuilder b = new StringBuilder();
        diff(b, "email", before.getEmail(), after.getEmail());
        diff(b, "first name", before.getFirstName(), after.getFirstName());
        diff(b, "last name", before.getLastName(), after.getLastName());
        diff(b, "phone", before.getPhone(), after.getPhone());
        diff(b, "marketing consent", before.getConsentMarketing(), after.getConsentMarketing());
        diff(b, "analytics consent", before.getConsentAnalytics(), after.getConsentAnalytics());
        return b.isEmpty() ? "no change" : b.toString();
    }

    private static void diff(StringBuilder b, String field, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            b.append(b.isEmpty() ? "" : "; ").append(field).append(": ").append(before).append(" -> ").append(after);
        }
    }

    private CustomerService.AddressInput address(Inputs in) {
        String country = in.text("country");
        return new CustomerService.AddressInput(in.text("firstName"), in.text("lastName"), in.text("line1"),
                in.text("line2"), in.text("postcode"), in.text("city"),
                country == null ? null : country.toUpperCase(java.util.Locale.ROOT), in.text("phone"));
    }

    private boolean refuseIfErased(Ctx ctx, long id) {
        if (CustomerPrivacy.ERASED.equals(customers.get(id).getStatus())) {
            Flash.error(ctx, "admin.flash.customer_erased_readonly", "#" + id);
            ctx.redirect("/admin/customers/" + id);
            return true;
        }
        return false;
    }

    private void addAddress(Ctx ctx, AdminPrincipal admin) {
        long id = ctx.pathId("id");
        if (refuseIfErased(ctx, id)) {
            return;
        }
        Inputs in = Inputs.form(ctx);
        var a = address(in);
        try {
            long addressId = customers.addAddress(id, a);
            audit.record(admin, ctx.clientIp(), "customer.address.add", "customer " + id,
                    "address " + addressId + ": " + a.city() + " " + a.country());
            Flash.success(ctx, "admin.flash.customer_updated", "#" + id);
            ctx.redirect("/admin/customers/" + id);
        } catch (ValidationException e) {
            show(ctx, admin, 400, e.fieldErrors(), "address-new", in.values);
        }
    }

    private void updateAddress(Ctx ctx, AdminPrincipal admin) {
        long id = ctx.pathId("id");
        long addressId = ctx.pathId("addressId");
        if (refuseIfErased(ctx, id)) {
            return;
        }
        Inputs in = Inputs.form(ctx);
        var a = address(in);
        try {
            customers.updateAddress(id, addressId, a);
            audit.record(admin, ctx.clientIp(), "customer.address.update", "customer " + id,
                    "address " + addressId + ": " + a.city() + " " + a.country());
            Flash.success(ctx, "admin.flash.customer_updated", "#" + id);
            ctx.redirect("/admin/customers/" + id);
        } catch (ValidationException e) {
            show(ctx, admin, 400, e.fieldErrors(), "address-" + addressId, in.values);
        }
    }

    private void deleteAddress(Ctx ctx, AdminPrincipal admin) {
        long id = ctx.pathId("id");
        long addressId = ctx.pathId("addressId");
        if (refuseIfErased(ctx, id)) {
            return;
        }
        customers.deleteAddress(id, addressId);
        audit.record(admin, ctx.clientIp(), "customer.address.delete", "customer " + id, "address " + addressId);
        Flash.success(ctx, "admin.flash.customer_updated", "#" + id);
        ctx.redirect("/admin/customers/" + id);
    }
}
