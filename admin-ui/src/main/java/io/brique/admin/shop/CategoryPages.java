package io.brique.admin.shop;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AuditLog;
import io.brique.admin.web.AdminRoutes;
import io.brique.admin.web.AdminViews;
import io.brique.admin.web.Flash;
import io.brique.core.catalog.CategoryService;
import io.brique.core.catalog.ProductService;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.web.Ctx;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The category tree: list in tree order, create and edit (names, slugs, parent, position, status). */
final class CategoryPages {

    private final AdminRoutes routes;
    private final AdminViews views;
    private final CategoryService categories;
    private final ShopQueries queries;
    private final AuditLog audit;

    CategoryPages(AdminRoutes routes, AdminViews views, CategoryService categories, ShopQueries queries,
            AuditLog audit) {
        this.routes = routes;
        this.views = views;
        this.categories = categories;
        this.queries = queries;
        this.audit = audit;
    }

    void register() {
        routes.get("/admin/categories", Permission.CATALOG_VIEW, this::tree);
        routes.get("/admin/categories/new", Permission.CATALOG_EDIT, (ctx, a) -> form(ctx, a, 200, null,
                Map.of("status", "active", "position", "0", "parent", ctx.query("parent").orElse("")), Map.of()));
        routes.post("/admin/categories", Permission.CATALOG_EDIT, (ctx, a) -> save(ctx, a, null));
        routes.get("/admin/categories/{id}", Permission.CATALOG_EDIT, this::edit);
        routes.post("/admin/categories/{id}", Permission.CATALOG_EDIT, (ctx, a) -> save(ctx, a, find(ctx)));
    }

    private ShopQueries.CategoryRow find(Ctx ctx) {
        long id = ctx.pathId("id");
        return queries.categoryTree().stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("no such category"));
    }

    private void tree(Ctx ctx, AdminPrincipal admin) {
        Map<String, Object> model = new HashMap<>();
        model.put("rows", queries.categoryTree());
        model.put("canEdit", admin.has(Permission.CATALOG_EDIT));
        views.render(ctx, admin, 200, "shop/categories", "admin.shop.categories.title", model);
    }

    private void edit(Ctx ctx, AdminPrincipal admin) {
        ShopQueries.CategoryRow c = find(ctx);
        Map<String, String> v = new HashMap<>();
        v.put("parent", c.parentId() == null ? "" : c.parentId().toString());
        v.put("position", Integer.toString(c.position()));
        v.put("status", c.status());
        for (String lang : ProductService.LOCALES) {
            ProductService.Text t = c.texts().get(lang);
            v.put("name_" + lang, t == null ? "" : t.name());
            v.put("slug_" + lang, t == null ? "" : t.slug());
            v.put("description_" + lang, t == null || t.description() == null ? "" : t.description());
        }
        form(ctx, admin, 200, c, v, Map.of());
    }

    private void form(Ctx ctx, AdminPrincipal admin, int status, ShopQueries.CategoryRow category,
            Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("category", category);
        model.put("values", values);
        model.put("errors", errors);
        model.put("locales", ProductService.LOCALES);
        Map<Long, String> parents = new LinkedHashMap<>(queries.categoryOptions(ctx.lang()));
        if (category != null) {
            parents.remove(category.id());
        }
        model.put("parents", parents);
        model.put("statuses", List.of("active", "inactive"));
        views.render(ctx, admin, status, "shop/category-form", category == null ? "admin.shop.categories.new"
                : "admin.shop.categories.edit", model);
    }

    private void save(Ctx ctx, AdminPrincipal admin, ShopQueries.CategoryRow before) {
        Inputs in = Inputs.form(ctx);
        Long parent = in.id("parent");
        Integer position = in.integer("position", 0, 1_000_000);
        String status = in.text("status");
        Map<String, ProductService.Text> texts = new LinkedHashMap<>();
        for (String lang : ProductService.LOCALES) {
            texts.put(lang, new ProductService.Text(in.text("name_" + lang), in.text("slug_" + lang),
                    in.text("description_" + lang)));
        }
        if (!in.ok()) {
            form(ctx, admin, 400, before, in.values, in.errors);
            return;
        }
        try {
            long id = categories.save(before == null ? null : before.id(), new CategoryService.CategoryInput(parent,
                    position == null ? 0 : position, status, texts));
            audit.record(admin, ctx.clientIp(), before == null ? "category.create" : "category.update",
                    texts.get("en").name() + " (id " + id + ")", (before == null ? "" : "was " + before.name("en")
                            + " under " + before.parentId() + ", " + before.status() + "; now ") + "under " + parent
                            + ", position " + position + ", " + status);
            Flash.success(ctx, "admin.flash.category_saved", texts.get(ctx.lang()) == null ? null
                    : texts.get(ctx.lang()).name());
            ctx.redirect("/admin/categories");
        } catch (ValidationException e) {
            form(ctx, admin, 400, before, in.values, e.fieldErrors());
        }
    }
}
