package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AdminRoles;
import io.brique.admin.account.AdminUsers;
import io.brique.admin.account.AuditLog;
import io.brique.core.web.Ctx;
import java.util.HashMap;
import java.util.Map;

/** Admin users and roles (owner pages). */
public final class UserPages {

    private final AdminRoutes routes;
    private final AdminViews views;
    private final AdminUsers users;
    private final AdminRoles roles;
    private final AdminNav nav;
    private final AuditLog audit;

    public UserPages(AdminRoutes routes, AdminViews views, AdminUsers users, AdminRoles roles, AdminNav nav,
            AuditLog audit) {
        this.routes = routes;
        this.views = views;
        this.users = users;
        this.roles = roles;
        this.nav = nav;
        this.audit = audit;
    }

    public void register() {
        routes.get("/admin/users", Permission.USERS_MANAGE, this::list);
    }

    private void list(Ctx ctx, AdminPrincipal admin) {
        Map<String, Object> model = new HashMap<>();
        model.put("result", users.list(1, 50, "email", false));
        views.render(ctx, admin, 200, "users", "admin.users.title", model);
    }
}
