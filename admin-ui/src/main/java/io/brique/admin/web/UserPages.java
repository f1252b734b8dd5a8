package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AdminRoles;
import io.brique.admin.account.AdminUsers;
import io.brique.admin.account.AuditLog;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.web.Ctx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Admin users (list, create, edit role/status/name, reset password) and roles with their permissions. */
public final class UserPages {

    private static final int PAGE_SIZE = 25;

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
        routes.get("/admin/users/new", Permission.USERS_MANAGE, (ctx, a) -> userForm(ctx, a, 200, null, Map.of(),
                Map.of()));
        routes.post("/admin/users", Permission.USERS_MANAGE, this::create);
        routes.get("/admin/users/{id}", Permission.USERS_MANAGE, this::edit);
        routes.post("/admin/users/{id}", Permission.USERS_MANAGE, this::update);
        routes.get("/admin/roles", Permission.USERS_MANAGE, (ctx, a) -> rolesPage(ctx, a, 200, Map.of(), null));
        routes.post("/admin/roles", Permission.USERS_MANAGE, this::createRole);
        routes.post("/admin/roles/{role}", Permission.USERS_MANAGE, this::saveRole);
    }

    private void list(Ctx ctx, AdminPrincipal admin) {
        String sort = ctx.query("sort").filter(s -> List.of("email", "name", "role", "created", "last_login").contains(s))
                .orElse("email");
        boolean desc = "desc".equals(ctx.query("dir").orElse("asc"));
        int page = ctx.queryInt("page", 1, 1, 100_000);
        Map<String, Object> model = new HashMap<>();
        model.put("result", users.list(page, PAGE_SIZE, sort, desc));
        model.put("sort", sort);
        model.put("dir", desc ? "desc" : "asc");
        model.put("links", new ListLinks("/admin/users", Map.of(), sort, desc ? "desc" : "asc"));
        views.render(ctx, admin, 200, "users", "admin.users.title", model);
    }

    private void userForm(Ctx ctx, AdminPrincipal admin, int status, AdminUsers.User user, Map<String, String> values,
            Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("user", user);
        model.put("values", values);
        model.put("errors", errors);
        model.put("roles", roles.names());
        views.render(ctx, admin, status, "user-form", user == null ? "admin.users.new" : "admin.users.edit", model);
    }

    private void create(Ctx ctx, AdminPrincipal admin) {
        Map<String, String> values = Map.of("email", nz(ctx.form("email")), "displayName", nz(ctx.form("displayName")),
                "role", nz(ctx.form("role")));
        try {
            long id = users.create(values.get("email"), values.get("displayName"), values.get("role"),
                    ctx.req().getParameter("password"));
            audit.record(admin, ctx.clientIp(), "admin_user.create", values.get("email"),
                    "role " + values.get("role") + ", name " + values.get("displayName") + " (id " + id + ")");
            Flash.success(ctx, "admin.flash.user_created", values.get("email"));
            ctx.redirect("/admin/users");
        } catch (ValidationException e) {
            userForm(ctx, admin, 400, null, values, e.fieldErrors());
        }
    }

    private void edit(Ctx ctx, AdminPrincipal admin) {
        AdminUsers.User u = users.find(ctx.pathId("id")).orElseThrow(() -> new NotFoundException("no such user"));
        userForm(ctx, admin, 200, u, Map.of("displayName", u.displayName(), "role", u.role(), "status", u.status()),
                Map.of());
    }

    private void update(Ctx ctx, AdminPrincipal admin) {
        AdminUsers.User before = users.find(ctx.pathId("id")).orElseThrow(() -> new NotFoundException("no such user"));
        Map<String, String> values = Map.of("displayName", nz(ctx.form("displayName")), "role", nz(ctx.form("role")),
                "status", nz(ctx.form("status")));
        String password = ctx.req().getParameter("password");
        try {
            if (password != null && !password.isEmpty()) {
                String err = AdminUsers.passwordError(password);
                if (err != null) {
                    throw new ValidationException("password", err);
                }
            }
            users.update(before.id(), values.get("displayName"), values.get("role"), values.get("status"));
            if (password != null && !password.isEmpty()) {
                users.setPassword(before.id(), password);
            }
            List<String> changes = new ArrayList<>();
            diff(changes, "name", before.displayName(), values.get("displayName"));
            diff(changes, "role", before.role(), values.get("role"));
            diff(changes, "status", before.status(), values.get("status"));
            if (password != null && !password.isEmpty()) {
                changes.add("password reset");
            }
            audit.record(admin, ctx.clientIp(), "admin_user.update", before.email(),
                    changes.isEmpty() ? "no change" : String.join("; ", changes));
            Flash.success(ctx, "admin.flash.user_saved", before.email());
            ctx.redirect("/admin/users");
        } catch (ValidationException e) {
            userForm(ctx, admin, 400, before, values, e.fieldErrors());
        }
    }

    private static void diff(List<String> changes, String what, String before, String after) {
        if (!java.util.Objects.equals(before, after)) {
            changes.add(what + ": " + before + " -> " + after);
        }
    }

    /** Every permission that exists: the core's and those of running plugins. */
    private List<String> knownPermissions() {
        Set<String> all = new LinkedHashSet<>(Permission.CORE);
        all.addAll(nav.pluginPermissions());
        return new ArrayList<>(all);
    }

    private void rolesPage(Ctx ctx, AdminPrincipal admin, int status, Map<String, String> errors, String newName) {
        Map<String, Object> model = new HashMap<>();
        model.put("roles", roles.list());
        model.put("corePermissions", Permission.CORE);
        model.put("pluginPermissions", nav.pluginPermissions().stream().filter(p -> !Permission.CORE.contains(p)).toList());
        model.put("errors", errors);
        model.put("newName", newName == null ? "" : newName);
        views.render(ctx, admin, status, "roles", "admin.roles.title", model);
    }

    private void saveRole(Ctx ctx, AdminPrincipal admin) {
        String role = ctx.pathParam("role");
        String[] sent = ctx.req().getParameterValues("permission");
        List<String> perms = sent == null ? List.of() : Arrays.asList(sent);
        Set<String> before = roles.permissions(role);
        try {
            roles.save(role, perms, knownPermissions());
        } catch (ValidationException e) {
            rolesPage(ctx, admin, 400, Map.of(role, e.fieldErrors().values().iterator().next()), null);
            return;
        }
        Set<String> added = new java.util.TreeSet<>(perms);
        added.removeAll(before);
        Set<String> removed = new java.util.TreeSet<>(before);
        removed.removeAll(perms);
        audit.record(admin, ctx.clientIp(), "admin_role.update", role,
                "added " + added + ", removed " + removed);
        Flash.success(ctx, "admin.flash.role_saved", role);
        ctx.redirect("/admin/roles");
    }

    private void createRole(Ctx ctx, AdminPrincipal admin) {
        String name = nz(ctx.form("name"));
        try {
            roles.create(name);
            audit.record(admin, ctx.clientIp(), "admin_role.create", name, null);
            Flash.success(ctx, "admin.flash.role_created", name);
            ctx.redirect("/admin/roles");
        } catch (ValidationException e) {
            rolesPage(ctx, admin, 400, Map.of("name", e.fieldErrors().get("name")), name);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
