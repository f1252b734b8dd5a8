package io.brique.core.catalog;

import io.brique.core.web.ApiTokens;
import io.brique.core.web.Ctx;
import io.brique.core.web.Router;

/** Back-office routes for product CSV import (scope catalog:write) and export (scope catalog:read). */
public final class ProductImportRoutes {

    private final ProductImportService imports;
    private final ApiTokens tokens;

    public ProductImportRoutes(ProductImportService imports, ApiTokens tokens) {
        this.imports = imports;
        this.tokens = tokens;
    }

    public void register(Router router) {
        router.post("/api/v1/imports/products", this::importProducts);
        router.get("/api/v1/exports/products.csv", this::exportProducts);
    }

    void importProducts(Ctx ctx) {
        tokens.require(ctx, "catalog:write");
        ctx.requireContentType("text/csv");
        byte[] body = ctx.readBody(ProductImportService.MAX_BYTES);
        ctx.json(200, imports.importCsv(body));
    }

    void exportProducts(Ctx ctx) {
        tokens.require(ctx, "catalog:read");
        String csv = imports.exportCsv();
        ctx.resp().setHeader("Content-Disposition", "attachment; filename=\"products.csv\"");
        ctx.resp().setHeader("Cache-Control", "no-store");
        ctx.text(200, "text/csv;charset=utf-8", csv);
    }
}
