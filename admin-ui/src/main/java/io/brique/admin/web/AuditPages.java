package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AuditLog;
import io.brique.core.web.Ctx;
import java.util.HashMap;
import java.util.Map;

/** The audit log: newest first, filter, paging. */
public final class AuditPages {

    private static final int PAGE_SIZE = 50;

    private final AdminRoutes routes;
    private final AdminViews views;
    private final AuditLog audit;

    public AuditPages(AdminRoutes routes, AdminViews views, AuditLog audit) {
        this.routes = routes;
        this.views = views;
        this.audit = audit;
    }

    public void register() {
        routes.get("/admin/audit", Permission.AUDIT_VIEW, this::list);
    }

    private void list(Ctx ctx, AdminPrincipal admin) {
        String q = ctx.query("q").orElse("");
        int page = ctx.queryInt("page", 1, 1, 100_000);
        boolean oldest = "asc".equals(ctx.query("dir").orElse("desc"));
        Map<String, Object> model = new HashMap<>();
        model.put("q", q);
        model.put("dir", oldest ? "asc" : "desc");
        model.put("result", audit.page(q, page, PAGE_SIZE, oldest));
        model.put("links", new ListLinks("/admin/audit", Map.of("q", q), "when", oldest ? "asc" : "desc"));
        views.render(ctx, admin, 200, "audit", "admin.audit.title", model);
    }
}
