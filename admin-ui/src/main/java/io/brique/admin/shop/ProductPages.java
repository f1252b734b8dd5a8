package io.brique.admin.shop;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AuditLog;
import io.brique.admin.web.AdminRoutes;
import io.brique.admin.web.AdminViews;
import io.brique.admin.web.Flash;
import io.brique.admin.web.ListLinks;
import io.brique.core.catalog.CatalogModule;
import io.brique.core.catalog.ProductImportService;
import io.brique.core.catalog.ProductService;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.web.Ctx;
import jakarta.servlet.http.Part;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Catalog pages: products list (search, filters, paging, sorting), product edit (texts FR/EN, slugs,
 * status, category, brand, tax class, attributes, images, variants, stock adjustments), CSV import with
 * its line report and CSV export. Writes go through {@link ProductService} and {@link ProductImportService}.
 */
final class ProductPages {

    static final int PAGE_SIZE = 25;
    private static final List<String> SORTS = List.of("name", "handle", "price", "stock", "updated");

    private final AdminRoutes routes;
    private final AdminViews views;
    private final ProductService products;
    private final ProductImportService imports;
    private final io.brique.core.media.MediaStore media;
    private final ShopQueries queries;
    private final AuditLog audit;
    private final String currency;

    ProductPages(AdminRoutes routes, AdminViews views, CatalogModule catalog, ShopQueries queries, AuditLog audit,
            String currency) {
        this.routes = routes;
        this.views = views;
        this.products = catalog.products();
        this.imports = catalog.imports();
        this.media = catalog.media();
        this.queries = queries;
        this.audit = audit;
        this.currency = currency;
    }

    void register() {
        routes.get("/admin/products", Permission.CATALOG_VIEW, this::list);
        routes.get("/admin/products/new", Permission.CATALOG_EDIT, (ctx, a) -> newForm(ctx, a, 200, Map.of(), Map.of()));
        routes.post("/admin/products", Permission.CATALOG_EDIT, this::create);
        routes.get("/admin/products/import", Permission.CATALOG_EDIT, (ctx, a) -> importPage(ctx, a, 200, null, null));
        routes.post("/admin/products/import", Permission.CATALOG_EDIT, this::importCsv);
        routes.get("/admin/products/export.csv", Permission.CATALOG_VIEW, this::exportCsv);
        routes.get("/admin/products/{id}", Permission.CATALOG_VIEW, (ctx, a) -> edit(ctx, a, 200, null, Map.of(),
                Map.of()));
        routes.post("/admin/products/{id}", Permission.CATALOG_EDIT, this::update);
        routes.post("/admin/products/{id}/variants", Permission.CATALOG_EDIT, this::addVariant);
        routes.post("/admin/products/{id}/variants/{variantId}", Permission.CATALOG_EDIT, this::updateVariant);
        routes.post("/admin/products/{id}/variants/{variantId}/details", Permission.CATALOG_EDIT, this::editVariant);
        routes.post("/admin/products/{id}/variants/{variantId}/delete", Permission.CATALOG_EDIT, this::deleteVariant);
        routes.post("/admin/products/{id}/stock", Permission.CATALOG_EDIT, this::adjustStock);
        routes.post("/admin/products/{id}/images", Permission.CATALOG_EDIT, this::addImage);
        routes.post("/admin/products/{id}/images/upload", Permission.CATALOG_EDIT, this::uploadImage);
        routes.post("/admin/products/{id}/images/{imageId}/delete", Permission.CATALOG_EDIT, this::removeImage);
        routes.post("/admin/products/{id}/attributes", Permission.CATALOG_EDIT, this::setAttribute);
    }

    private void list(Ctx ctx, AdminPrincipal admin) {
        Inputs in = Inputs.query(ctx);
        String q = in.text("q", 100);
        String status = in.oneOf("status", ProductService.STATUSES);
        Long category = in.id("category");
        Long brand = in.id("brand");
        String stock = in.oneOf("stock", List.of("in", "low", "out"));
        String sort = Inputs.sort(ctx, SORTS);
        boolean desc = Inputs.desc(ctx, false);
        int page = ctx.queryInt("page", 1, 1, 100_000);
        Map<String, Object> model = new HashMap<>();
        model.put("result", queries.products(new ShopQueries.ProductFilter(q, status, category, brand, stock), ctx.lang(),
                sort, desc, page, PAGE_SIZE));
        model.put("values", in.values);
        model.put("errors", in.errors);
        model.put("statuses", List.of("draft", "active", "archived"));
        model.put("categories", queries.categoryOptions(ctx.lang()));
        model.put("brands", queries.brandOptions());
        model.put("lowStock", ShopQueries.LOW_STOCK);
        model.put("canEdit", admin.has(Permission.CATALOG_EDIT));
        model.put("links", new ListLinks("/admin/products", in.values, sort, desc ? "desc" : "asc"));
        views.render(ctx, admin, in.ok() ? 200 : 400, "shop/products", "admin.shop.products.title", model);
    }

    // ---- create ------------------------------------------------------------------------------

    private void newForm(Ctx ctx, AdminPrincipal admin, int status, Map<String, String> values,
            Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("values", values);
        model.put("errors", errors);
        views.render(ctx, admin, status, "shop/product-new", "admin.shop.products.new", model);
    }

    private void create(Ctx ctx, AdminPrincipal admin) {
        Inputs in = Inputs.form(ctx);
        String handle = in.text("handle");
        String fr = in.text("name_fr");
        String en = in.text("name_en");
        try {
            long id = products.create(handle, fr, en);
            audit.record(admin, ctx.clientIp(), "product.create", handle, "id " + id + ", " + en);
            Flash.success(ctx, "admin.flash.product_created", handle);
            ctx.redirect("/admin/products/" + id);
        } catch (ValidationException e) {
            newForm(ctx, admin, 400, in.values, e.fieldErrors());
        }
    }

    // ---- edit --------------------------------------------------------------------------------

    private ShopQueries.ProductDetail load(Ctx ctx) {
        return queries.product(ctx.pathId("id"), ctx.lang()).orElseThrow(() -> new NotFoundException("no such product"));
    }

    /** The edit page; {@code form} names the form whose {@code errors}/{@code values} are shown. */
    private void edit(Ctx ctx, AdminPrincipal admin, int status, String form, Map<String, String> values,
            Map<String, String> errors) {
        ShopQueries.ProductDetail p = load(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("p", p);
        Map<String, String> v = new HashMap<>();
        if (!"main".equals(form)) {
            v.put("status", p.status());
            v.put("category", p.categoryId() == null ? "" : p.categoryId().toString());
            v.put("brand", p.brand() == null ? "" : p.brand());
            v.put("taxClass", p.taxClass());
            for (String lang : ProductService.LOCALES) {
                ProductService.Text t = p.texts().get(lang);
                v.put("name_" + lang, t == null ? "" : t.name());
                v.put("slug_" + lang, t == null ? "" : t.slug());
                v.put("description_" + lang, t == null || t.description() == null ? "" : t.description());
            }
        }
        v.putAll(values);
        model.put("form", form == null ? "" : form);
        model.put("values", v);
        model.put("errors", errors);
        model.put("locales", ProductService.LOCALES);
        model.put("statuses", List.of("draft", "active", "archived"));
        model.put("categories", queries.categoryOptions(ctx.lang()));
        model.put("taxClasses", queries.taxClasses());
        model.put("attributeCodes", queries.attributeCodes());
        model.put("optionCodes", ProductService.OPTION_CODES);
        model.put("mediaMaxMb", Math.max(1, media.maxBytes() / (1024 * 1024)));
        Map<Long, Map<String, String>> options = queries.variantOptionValues(p.id());
        p.variants().forEach(vr -> options.putIfAbsent(vr.id(), Map.of()));
        model.put("variantOptions", options);
        model.put("currency", currency);
        model.put("canEdit", admin.has(Permission.CATALOG_EDIT));
        views.render(ctx, admin, status, "shop/product", "admin.shop.product.title", model);
    }

    private void update(Ctx ctx, AdminPrincipal admin) {
        ShopQueries.ProductDetail before = load(ctx);
        Inputs in = Inputs.form(ctx);
        String status = in.text("status");
        Long category = in.id("category");
        String brand = in.text("brand");
        String taxClass = in.text("taxClass");
        Map<String, ProductService.Text> texts = new LinkedHashMap<>();
        for (String lang : ProductService.LOCALES) {
            texts.put(lang, new ProductService.Text(in.text("name_" + lang), in.text("slug_" + lang),
                    in.text("description_" + lang)));
        }
        if (!in.ok()) {
            edit(ctx, admin, 400, "main", in.values, in.errors);
            return;
        }
        try {
            products.update(before.id(), new ProductService.ProductInput(status, category, brand, taxClass, texts));
            List<String> changes = new java.util.ArrayList<>();
            diff(changes, "status", before.status(), status);
            diff(changes, "category", before.categoryId(), category);
            diff(changes, "brand", before.brand(), brand);
            diff(changes, "tax class", before.taxClass(), taxClass);
            for (String lang : ProductService.LOCALES) {
                ProductService.Text b = before.texts().get(lang);
                diff(changes, "name " + lang, b == null ? null : b.name(), texts.get(lang).name());
                diff(changes, "slug " + lang, b == null ? null : b.slug(), texts.get(lang).slug());
                if (b == null || !java.util.Objects.equals(b.description(), texts.get(lang).description())) {
                    changes.add("description " + lang + " changed");
                }
            }
            audit.record(admin, ctx.clientIp(), "product.update", before.handle(),
                    changes.isEmpty() ? "no change" : String.join("; ", changes));
            Flash.success(ctx, "admin.flash.product_saved", before.handle());
            ctx.redirect("/admin/products/" + before.id());
        } catch (ValidationException e) {
            edit(ctx, admin, 400, "main", in.values, e.fieldErrors());
        }
    }

    private static void diff(List<String> changes, String what, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            changes.add(what + ": " + before + " -> " + after);
        }
    }

    private void addVariant(Ctx ctx, AdminPrincipal admin) {
        ShopQueries.ProductDetail p = load(ctx);
        Inputs in = Inputs.form(ctx);
        String sku = in.text("sku", 64);
        Long price = in.money("price", currency);
        Integer stock = in.integer("stock", 0, 1_000_000_000);
        Map<String, String> options = new HashMap<>();
        for (String code : ProductService.OPTION_CODES) {
            String v = in.text("option_" + code, 100);
            if (v != null) {
                options.put(code, v);
            }
        }
        in.required("sku");
        in.required("price");
        if (!in.ok()) {
            edit(ctx, admin, 400, "variant", in.values, in.errors);
            return;
        }
        try {
            products.addVariant(p.id(), sku, price, currency, stock == null ? 0 : stock, options);
            audit.record(admin, ctx.clientIp(), "product.variant_add", p.handle(),
                    "sku " + sku + ", price " + price + " minor, stock " + (stock == null ? 0 : stock) + ", options "
                            + options);
            Flash.success(ctx, "admin.flash.variant_added", sku);
            ctx.redirect("/admin/products/" + p.id());
        } catch (ValidationException e) {
            edit(ctx, admin, 400, "variant", in.values, e.fieldErrors());
        }
    }

    private ShopQueries.VariantRow variant(ShopQueries.ProductDetail p, long variantId) {
        return p.variants().stream().filter(v -> v.id() == variantId).findFirst()
                .orElseThrow(() -> new NotFoundException("no such variant"));
    }

    private void updateVariant(Ctx ctx, AdminPrincipal admin) {
        ShopQueries.ProductDetail p = load(ctx);
        ShopQueries.VariantRow before = variant(p, ctx.pathId("variantId"));
        Inputs in = Inputs.form(ctx);
        Long price = in.money("price", before.currency());
        Long compareAt = in.money("compareAt", before.currency());
        String status = in.text("status");
        in.required("price");
        String form = "v" + before.id();
        if (!in.ok()) {
            edit(ctx, admin, 400, form, in.values, in.errors);
            return;
        }
        try {
            products.updateVariant(before.id(), price, compareAt, status);
            audit.record(admin, ctx.clientIp(), "product.variant_update", before.sku(),
                    "price " + before.priceMinor() + " -> " + price + ", compare-at " + before.compareAtMinor() + " -> "
                            + compareAt + ", status " + before.status() + " -> " + status);
            Flash.success(ctx, "admin.flash.variant_saved", before.sku());
            ctx.redirect("/admin/products/" + p.id());
        } catch (ValidationException e) {
            edit(ctx, admin, 400, form, in.values, e.fieldErrors());
        }
    }

    /** SKU and options (per language) of a variant. */
    private void editVariant(Ctx ctx, AdminPrincipal admin) {
        ShopQueries.ProductDetail p = load(ctx);
        ShopQueries.VariantRow before = variant(p, ctx.pathId("variantId"));
        Inputs in = Inputs.form(ctx);
        String sku = in.text("sku", 64);
        Map<String, Map<String, String>> options = new LinkedHashMap<>();
        for (String code : ProductService.OPTION_CODES) {
            Map<String, String> byLang = new HashMap<>();
            for (String lang : ProductService.LOCALES) {
                byLang.put(lang, in.text("option_" + code + "_" + lang, 100));
            }
            options.put(code, byLang);
        }
        in.required("sku");
        String form = "d" + before.id();
        if (!in.ok()) {
            edit(ctx, admin, 400, form, in.values, in.errors);
            return;
        }
        try {
            products.editVariant(p.id(), before.id(), sku, options);
            audit.record(admin, ctx.clientIp(), "product.variant_edit", before.sku(),
                    "sku " + before.sku() + " -> " + sku + ", options " + before.options() + " -> " + options);
            Flash.success(ctx, "admin.flash.variant_saved", sku);
            ctx.redirect("/admin/products/" + p.id() + "#variant-" + before.id());
        } catch (ValidationException e) {
            edit(ctx, admin, 400, form, in.values, e.fieldErrors());
        }
    }

    private void deleteVariant(Ctx ctx, AdminPrincipal admin) {
        ShopQueries.ProductDetail p = load(ctx);
        ShopQueries.VariantRow v = variant(p, ctx.pathId("variantId"));
        try {
            products.deleteVariant(p.id(), v.id());
            audit.record(admin, ctx.clientIp(), "product.variant_delete", v.sku(),
                    "variant " + v.id() + " of " + p.handle() + " (on hand " + v.onHand() + ")");
            Flash.success(ctx, "admin.flash.variant_deleted", v.sku());
        } catch (io.brique.core.error.ConflictException e) {
            Flash.error(ctx, "last_variant".equals(e.code()) ? "admin.flash.variant_last"
                    : "admin.flash.variant_in_use", v.sku());
        }
        ctx.redirect("/admin/products/" + p.id());
    }

    private void adjustStock(Ctx ctx, AdminPrincipal admin) {
        ShopQueries.ProductDetail p = load(ctx);
        Inputs in = Inputs.form(ctx);
        Long variantId = in.id("variant");
        Integer delta = in.integer("delta", -1_000_000_000, 1_000_000_000);
        String reason = in.text("reason", 100);
        in.required("variant");
        in.required("delta");
        if (!in.ok()) {
            edit(ctx, admin, 400, "stock", in.values, in.errors);
            return;
        }
        ShopQueries.VariantRow v;
        try {
            v = variant(p, variantId);
        } catch (NotFoundException e) {
            in.errors.put("variant", "error.range");
            edit(ctx, admin, 400, "stock", in.values, in.errors);
            return;
        }
        try {
            int after = products.adjustStock(v.id(), delta, reason);
            audit.record(admin, ctx.clientIp(), "product.stock", v.sku(), "on hand " + v.onHand() + " -> "
                    + after + " (" + (delta > 0 ? "+" : "") + delta + (reason == null ? "" : ", " + reason) + ")");
            Flash.success(ctx, "admin.flash.stock_adjusted", v.sku());
            ctx.redirect("/admin/products/" + p.id());
        } catch (ValidationException e) {
            edit(ctx, admin, 400, "stock", in.values, e.fieldErrors());
        }
    }

    private void addImage(Ctx ctx, AdminPrincipal admin) {
        ShopQueries.ProductDetail p = load(ctx);
        Inputs in = Inputs.form(ctx);
        String url = in.text("url");
        String alt = in.text("alt");
        try {
            products.addImage(p.id(), url, alt);
            audit.record(admin, ctx.clientIp(), "product.image_add", p.handle(), url);
            Flash.success(ctx, "admin.flash.product_saved", p.handle());
            ctx.redirect("/admin/products/" + p.id());
        } catch (ValidationException e) {
            edit(ctx, admin, 400, "image", in.values, e.fieldErrors());
        }
    }

    /**
     * An uploaded picture: stored in the shared media folder under its SHA-256 (type read from the
     * bytes), then added to the product like an image address.
     */
    private void uploadImage(Ctx ctx, AdminPrincipal admin) throws Exception {
        ShopQueries.ProductDetail p = load(ctx);
        Part part = ctx.req().getContentType() != null && ctx.req().getContentType().startsWith("multipart/")
                ? ctx.req().getPart("file") : null;
        String alt = ctx.form("alt");
        Map<String, String> values = new HashMap<>();
        values.put("alt", alt == null ? "" : alt);
        if (part == null || part.getSize() == 0) {
            edit(ctx, admin, 400, "upload", values, Map.of("file", "error.required"));
            return;
        }
        if (part.getSize() > media.maxBytes()) {
            part.delete();
            edit(ctx, admin, 400, "upload", values, Map.of("file", "media.error.too_big"));
            return;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) media.maxBytes() + 1);
        } finally {
            part.delete();
        }
        try {
            if (alt != null && alt.length() > 255) {
                throw new ValidationException("alt", "error.too_long");
            }
            var stored = media.store(bytes);
            products.addImage(p.id(), stored.url(), alt);
            audit.record(admin, ctx.clientIp(), "product.image_upload", p.handle(), stored.url() + " ("
                    + stored.contentType() + ", " + stored.size() + " bytes, from " + part.getSubmittedFileName() + ")");
            Flash.success(ctx, "admin.flash.product_saved", p.handle());
            ctx.redirect("/admin/products/" + p.id() + "#images");
        } catch (ValidationException e) {
            edit(ctx, admin, 400, "upload", values, e.fieldErrors());
        }
    }

    private void removeImage(Ctx ctx, AdminPrincipal admin) {
        ShopQueries.ProductDetail p = load(ctx);
        long imageId = ctx.pathId("imageId");
        String url = p.images().stream().filter(i -> i.id() == imageId).map(ShopQueries.ImageRow::url).findFirst()
                .orElseThrow(() -> new NotFoundException("no such image"));
        products.removeImage(p.id(), imageId);
        audit.record(admin, ctx.clientIp(), "product.image_remove", p.handle(), url);
        Flash.success(ctx, "admin.flash.product_saved", p.handle());
        ctx.redirect("/admin/products/" + p.id());
    }

    private void setAttribute(Ctx ctx, AdminPrincipal admin) {
        ShopQueries.ProductDetail p = load(ctx);
        Inputs in = Inputs.form(ctx);
        String code = in.text("attribute");
        Map<String, String> values = new HashMap<>();
        for (String lang : ProductService.LOCALES) {
            values.put(lang, in.text("value_" + lang));
        }
        try {
            products.setAttribute(p.id(), code, values);
            audit.record(admin, ctx.clientIp(), "product.attribute", p.handle(), code + " = " + values);
            Flash.success(ctx, "admin.flash.product_saved", p.handle());
            ctx.redirect("/admin/products/" + p.id());
        } catch (ValidationException e) {
            edit(ctx, admin, 400, "attribute", in.values, e.fieldErrors());
        }
    }

    // ---- import / export ---------------------------------------------------------------------

    private void importPage(Ctx ctx, AdminPrincipal admin, int status, ProductImportService.ImportReport report,
            String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("report", report);
        model.put("error", error);
        model.put("columns", ProductImportService.COLUMNS);
        views.render(ctx, admin, status, "shop/product-import", "admin.shop.import.title", model);
    }

    private void importCsv(Ctx ctx, AdminPrincipal admin) throws Exception {
        Part part = ctx.req().getContentType() != null && ctx.req().getContentType().startsWith("multipart/")
                ? ctx.req().getPart("file") : null;
        if (part == null || part.getSize() == 0) {
            importPage(ctx, admin, 400, null, "admin.shop.import.missing");
            return;
        }
        if (part.getSize() > ProductImportService.MAX_BYTES) {
            part.delete();
            importPage(ctx, admin, 400, null, "admin.shop.import.too_big");
            return;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        } finally {
            part.delete();
        }
        try {
            ProductImportService.ImportReport r = imports.importCsv(bytes);
            audit.record(admin, ctx.clientIp(), "product.import", part.getSubmittedFileName(),
                    r.created() + " created, " + r.updated() + " updated, " + r.skipped() + " skipped, "
                            + r.errors().size() + " error(s)");
            importPage(ctx, admin, r.errors().isEmpty() ? 200 : 422, r, null);
        } catch (ValidationException e) {
            importPage(ctx, admin, 400, null, "admin.shop.import.unreadable");
        }
    }

    private void exportCsv(Ctx ctx, AdminPrincipal admin) throws Exception {
        byte[] csv = imports.exportCsv().getBytes(StandardCharsets.UTF_8);
        ctx.resp().setStatus(200);
        ctx.resp().setContentType("text/csv;charset=utf-8");
        ctx.resp().setHeader("Content-Disposition", "attachment; filename=\"products.csv\"");
        ctx.resp().setContentLength(csv.length);
        ctx.resp().getOutputStream().write(csv);
    }
}
