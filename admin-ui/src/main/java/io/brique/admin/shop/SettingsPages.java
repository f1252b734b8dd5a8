package io.brique.admin.shop;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AuditLog;
import io.brique.admin.web.AdminRoutes;
import io.brique.admin.web.AdminViews;
import io.brique.admin.web.Flash;
import io.brique.api.Money;
import io.brique.core.commerce.settings.ShopSettings;
import io.brique.core.db.jooq.tables.records.StoreRecord;
import io.brique.core.error.ValidationException;
import io.brique.core.web.Ctx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shop settings (shipping prices, VAT rates; the currency is shown, it is configuration) and the stores. */
final class SettingsPages {

    private final AdminRoutes routes;
    private final AdminViews views;
    private final ShopSettings settings;
    private final AuditLog audit;

    SettingsPages(AdminRoutes routes, AdminViews views, ShopSettings settings, AuditLog audit) {
        this.routes = routes;
        this.views = views;
        this.settings = settings;
        this.audit = audit;
    }

    void register() {
        routes.get("/admin/settings", Permission.SETTINGS_MANAGE, (ctx, a) -> page(ctx, a, 200, null, Map.of(), Map.of()));
        routes.post("/admin/settings/shipping", Permission.SETTINGS_MANAGE, this::saveShipping);
        routes.post("/admin/settings/vat", Permission.SETTINGS_MANAGE, this::saveVat);
        routes.get("/admin/stores", Permission.STORES_MANAGE, this::stores);
        routes.get("/admin/stores/new", Permission.STORES_MANAGE, (ctx, a) -> storeForm(ctx, a, 200, null,
                Map.of("country", "FR", "clickAndCollect", "on", "active", "on"), Map.of()));
        routes.post("/admin/stores", Permission.STORES_MANAGE, (ctx, a) -> saveStore(ctx, a, null));
        routes.get("/admin/stores/{id}", Permission.STORES_MANAGE, this::editStore);
        routes.post("/admin/stores/{id}", Permission.STORES_MANAGE, (ctx, a) -> saveStore(ctx, a,
                settings.store(ctx.pathId("id"))));
    }

    private String decimal(long minor) {
        return Money.of(minor, settings.currency()).toDecimal().toPlainString();
    }

    private void page(Ctx ctx, AdminPrincipal admin, int status, String form, Map<String, String> values,
            Map<String, String> errors) {
        ShopSettings.Shipping s = settings.shipping();
        Map<String, String> v = new HashMap<>();
        v.put("flatRate", decimal(s.flatRateMinor()));
        v.put("freeThreshold", decimal(s.freeThresholdMinor()));
        v.putAll(values);
        Map<String, Object> model = new HashMap<>();
        model.put("currency", settings.currency());
        model.put("rates", settings.taxRates());
        model.put("taxClasses", List.of("standard", "reduced", "super_reduced", "zero"));
        model.put("form", form == null ? "" : form);
        model.put("values", v);
        model.put("errors", errors);
        views.render(ctx, admin, status, "shop/settings", "admin.shop.settings.title", model);
    }

    private void saveShipping(Ctx ctx, AdminPrincipal admin) {
        Inputs in = Inputs.form(ctx);
        Long flat = in.money("flatRate", settings.currency());
        Long free = in.money("freeThreshold", settings.currency());
        in.required("flatRate");
        in.required("freeThreshold");
        if (!in.ok()) {
            page(ctx, admin, 400, "shipping", in.values, in.errors);
            return;
        }
        ShopSettings.Shipping before = settings.shipping();
        try {
            settings.saveShipping(flat, free);
        } catch (ValidationException e) {
            page(ctx, admin, 400, "shipping", in.values, e.fieldErrors());
            return;
        }
        audit.record(admin, ctx.clientIp(), "settings.shipping", "shipping",
                "flat rate " + before.flatRateMinor() + " -> " + flat + ", free threshold " + before.freeThresholdMinor()
                        + " -> " + free + " (minor " + settings.currency() + ")");
        Flash.success(ctx, "admin.flash.settings_saved", null);
        ctx.redirect("/admin/settings");
    }

    private void saveVat(Ctx ctx, AdminPrincipal admin) {
        Inputs in = Inputs.form(ctx);
        String country = in.text("country", 2);
        String taxClass = in.oneOf("taxClass", ShopSettings.TAX_CLASSES);
        Integer rate = in.percentBp("rate");
        in.required("country");
        in.required("taxClass");
        in.required("rate");
        if (!in.ok()) {
            page(ctx, admin, 400, "vat", in.values, in.errors);
            return;
        }
        String cc = country.toUpperCase(java.util.Locale.ROOT);
        Integer before = settings.taxRates().getOrDefault(cc, Map.of()).get(taxClass);
        try {
            settings.saveTaxRate(cc, taxClass, rate);
        } catch (ValidationException e) {
            page(ctx, admin, 400, "vat", in.values, e.fieldErrors());
            return;
        }
        audit.record(admin, ctx.clientIp(), "settings.vat", cc + " " + taxClass,
                (before == null ? "new" : before + " bp") + " -> " + rate + " bp");
        Flash.success(ctx, "admin.flash.settings_saved", null);
        ctx.redirect("/admin/settings");
    }

    // ---- stores ------------------------------------------------------------------------------

    private void stores(Ctx ctx, AdminPrincipal admin) {
        views.render(ctx, admin, 200, "shop/stores", "admin.shop.stores.title", Map.of("stores", settings.stores()));
    }

    private void editStore(Ctx ctx, AdminPrincipal admin) {
        StoreRecord s = settings.store(ctx.pathId("id"));
        Map<String, String> v = new HashMap<>();
        v.put("code", s.getCode());
        v.put("name", s.getName());
        v.put("line1", s.getLine1());
        v.put("postcode", s.getPostcode());
        v.put("city", s.getCity());
        v.put("country", s.getCountryCode());
        v.put("phone", s.getPhone() == null ? "" : s.getPhone());
        v.put("clickAndCollect", Boolean.TRUE.equals(s.getClickAndCollect()) ? "on" : "");
        v.put("active", Boolean.TRUE.equals(s.getActive()) ? "on" : "");
        storeForm(ctx, admin, 200, s, v, Map.of());
    }

    private void storeForm(Ctx ctx, AdminPrincipal admin, int status, StoreRecord store, Map<String, String> values,
            Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("store", store);
        model.put("values", values);
        model.put("errors", errors);
        views.render(ctx, admin, status, "shop/store-form", store == null ? "admin.shop.stores.new"
                : "admin.shop.stores.edit", model);
    }

    private void saveStore(Ctx ctx, AdminPrincipal admin, StoreRecord before) {
        Inputs in = Inputs.form(ctx);
        String code = in.text("code");
        ShopSettings.StoreInput input = new ShopSettings.StoreInput(code == null ? null : code.toUpperCase(
                java.util.Locale.ROOT), in.text("name"), in.text("line1"), in.text("postcode"), in.text("city"),
                in.text("country") == null ? null : in.text("country").toUpperCase(java.util.Locale.ROOT),
                in.text("phone"), in.checkbox("clickAndCollect"), in.checkbox("active"));
        try {
            long id = settings.saveStore(before == null ? null : before.getId(), input);
            audit.record(admin, ctx.clientIp(), before == null ? "store.create" : "store.update",
                    input.code(), (before == null ? "" : before.getCode() + ", " + before.getName() + " -> ")
                            + input.name() + ", " + input.city() + ", click and collect " + input.clickAndCollect()
                            + ", active " + input.active() + " (id " + id + ")");
            Flash.success(ctx, "admin.flash.store_saved", input.name());
            ctx.redirect("/admin/stores");
        } catch (ValidationException e) {
            storeForm(ctx, admin, 400, before, in.values, e.fieldErrors());
        }
    }
}
