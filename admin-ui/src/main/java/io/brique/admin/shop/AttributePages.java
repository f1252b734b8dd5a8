package io.brique.admin.shop;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AuditLog;
import io.brique.admin.web.AdminRoutes;
import io.brique.admin.web.AdminViews;
import io.brique.admin.web.Flash;
import io.brique.core.catalog.AttributeService;
import io.brique.core.catalog.ProductService;
import io.brique.core.error.ConflictException;
import io.brique.core.error.ValidationException;
import io.brique.core.web.Ctx;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Product attribute definitions: list (with how many products use each), create, edit, delete when unused. */
final class AttributePages {

    private final AdminRoutes routes;
    private final AdminViews views;
    private final AttributeService attributes;
    private final AuditLog audit;

    AttributePages(AdminRoutes routes, AdminViews views, AttributeService attributes, AuditLog audit) {
        this.routes = routes;
        this.views = views;
        this.attributes = attributes;
        this.audit = audit;
    }

    void register() {
        routes.get("/admin/attributes", Permission.CATALOG_VIEW, this::list);
        routes.get("/admin/attributes/new", Permission.CATALOG_EDIT, (ctx, a) -> form(ctx, a, 200, null, Map.of(),
                Map.of()));
        routes.post("/admin/attributes", Permission.CATALOG_EDIT, (ctx, a) -> save(ctx, a, null));
        routes.get("/admin/attributes/{id}", Permission.CATALOG_EDIT, (ctx, a) -> {
            AttributeService.Definition d = attributes.get(ctx.pathId("id"));
            Map<String, String> values = new HashMap<>();
            values.put("code", d.code());
            values.put("filterable", d.filterable() ? "on" : "");
            d.labels().forEach((l, label) -> values.put("label_" + l, label));
            form(ctx, a, 200, d, values, Map.of());
        });
        routes.post("/admin/attributes/{id}", Permission.CATALOG_EDIT,
                (ctx, a) -> save(ctx, a, attributes.get(ctx.pathId("id"))));
        routes.post("/admin/attributes/{id}/delete", Permission.CATALOG_EDIT, this::delete);
    }

    private void list(Ctx ctx, AdminPrincipal admin) {
        Map<String, Object> model = new HashMap<>();
        model.put("rows", attributes.list());
        model.put("locales", ProductService.LOCALES);
        model.put("canEdit", admin.has(Permission.CATALOG_EDIT));
        views.render(ctx, admin, 200, "shop/attributes", "admin.shop.attributes.title", model);
    }

    private void form(Ctx ctx, AdminPrincipal admin, int status, AttributeService.Definition d,
            Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("attribute", d);
        model.put("values", values);
        model.put("errors", errors);
        model.put("locales", ProductService.LOCALES);
        views.render(ctx, admin, status, "shop/attribute-form", d == null ? "admin.shop.attributes.new"
                : "admin.shop.attributes.edit", model);
    }

    private void save(Ctx ctx, AdminPrincipal admin, AttributeService.Definition before) {
        Inputs in = Inputs.form(ctx);
        String code = before == null ? in.text("code", 50) : before.code();
        boolean filterable = in.checkbox("filterable");
        Map<String, String> labels = new LinkedHashMap<>();
        for (String l : ProductService.LOCALES) {
            labels.put(l, in.text("label_" + l, 100));
        }
        if (before != null) {
            in.values.put("code", before.code());
        }
        if (!in.ok()) {
            form(ctx, admin, 400, before, in.values, in.errors);
            return;
        }
        try {
            if (before == null) {
                long id = attributes.create(code, filterable, labels);
                audit.record(admin, ctx.clientIp(), "attribute.create", code, "id " + id + ", filterable "
                        + filterable + ", labels " + labels);
            } else {
                attributes.update(before.id(), filterable, labels);
                audit.record(admin, ctx.clientIp(), "attribute.update", code, "filterable " + before.filterable()
                        + " -> " + filterable + ", labels " + before.labels() + " -> " + labels);
            }
            Flash.success(ctx, "admin.flash.attribute_saved", code);
            ctx.redirect("/admin/attributes");
        } catch (ValidationException e) {
            form(ctx, admin, 400, before, in.values, e.fieldErrors());
        }
    }

    private void delete(Ctx ctx, AdminPrincipal admin) {
        AttributeService.Definition d = attributes.get(ctx.pathId("id"));
        try {
            attributes.delete(d.id());
            audit.record(admin, ctx.clientIp(), "attribute.delete", d.code(), "labels " + d.labels());
            Flash.success(ctx, "admin.flash.attribute_deleted", d.code());
        } catch (ConflictException e) {
            Flash.error(ctx, "admin.flash.attribute_in_use", d.code());
        }
        ctx.redirect("/admin/attributes");
    }
}
