package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AdminBootstrap;
import io.brique.admin.account.AdminLogin;
import io.brique.admin.account.AdminSessions;
import io.brique.admin.account.AdminUsers;
import io.brique.admin.account.AuditLog;
import io.brique.core.error.ValidationException;
import io.brique.core.web.Csrf;
import io.brique.core.web.Ctx;
import java.util.HashMap;
import java.util.Map;

/** Login, logout, the first-owner setup page and the language switch. */
public final class AuthPages {

    private final AdminRoutes routes;
    private final AdminViews views;
    private final AdminLogin login;
    private final AdminSessions sessions;
    private final AdminUsers users;
    private final AdminBootstrap bootstrap;
    private final AuditLog audit;

    public AuthPages(AdminRoutes routes, AdminViews views, AdminLogin login, AdminSessions sessions, AdminUsers users,
            AdminBootstrap bootstrap, AuditLog audit) {
        this.routes = routes;
        this.views = views;
        this.login = login;
        this.sessions = sessions;
        this.users = users;
        this.bootstrap = bootstrap;
        this.audit = audit;
    }

    public void register() {
        routes.get("/admin/login", Permission.PUBLIC, this::loginPage);
        routes.post("/admin/login", Permission.PUBLIC, this::doLogin);
        routes.post("/admin/logout", Permission.AUTHENTICATED, this::logout);
        routes.get("/admin/setup", Permission.PUBLIC, this::setupPage);
        routes.post("/admin/setup", Permission.PUBLIC, this::doSetup);
        routes.post("/admin/lang", Permission.PUBLIC, this::language);
    }

    private void loginPage(Ctx ctx, AdminPrincipal admin) {
        String next = AdminRoutes.safeNext(ctx.query("next").orElse(null));
        if (admin != null) {
            ctx.resp().setStatus(302);
            ctx.resp().setHeader("Location", next);
            return;
        }
        if (bootstrap.needsSetup()) {
            views.render(ctx, null, 200, "setup-needed", "admin.setup.title", Map.of());
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("email", "");
        model.put("next", next);
        views.render(ctx, null, 200, "login", "admin.login.title", model);
    }

    private void doLogin(Ctx ctx, AdminPrincipal current) {
        String email = ctx.form("email");
        String password = ctx.req().getParameter("password");
        String next = AdminRoutes.safeNext(ctx.form("next"));
        String ip = ctx.clientIp();
        AdminLogin.Result result = login.attempt(email, password, ip);
        if (result instanceof AdminLogin.Success ok) {
            // A new session id at every login; the browser's previous one (maybe planted) is dropped.
            String token = sessions.create(ok.userId(), ctx.cookie(AdminRoutes.SESSION_COOKIE).orElse(null), ip);
            setSessionCookie(ctx, token);
            // A fresh CSRF token too, so a token known before login is useless after it.
            String csrf = Csrf.newToken();
            ctx.setCookie(Csrf.COOKIE, csrf, 60 * 60 * 24 * 365, true);
            ctx.attribute(Csrf.COOKIE, csrf);
            audit.record(ok.userId(), normalizedEmail(email), ip, "admin.login", null, null);
            ctx.resp().setStatus(303);
            ctx.resp().setHeader("Location", next);
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("email", email == null ? "" : email);
        model.put("next", next);
        if (result instanceof AdminLogin.Locked locked) {
            long minutes = Math.max(1, (locked.retryAfter().toSeconds() + 59) / 60);
            model.put("error", views.messages().get(ctx.locale(), "admin.login.locked", minutes));
            audit.record(null, normalizedEmail(email), ip, "admin.login.locked", email, null);
            views.render(ctx, null, 429, "login", "admin.login.title", model);
        } else {
            model.put("error", views.messages().get(ctx.locale(), "admin.login.invalid"));
            views.render(ctx, null, 401, "login", "admin.login.title", model);
        }
    }

    private static String normalizedEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private void setSessionCookie(Ctx ctx, String token) {
        ctx.resp().addHeader("Set-Cookie", AdminRoutes.SESSION_COOKIE + "=" + token + "; Path=/admin; HttpOnly; "
                + "SameSite=Lax" + (ctx.web().secureCookies() ? "; Secure" : ""));
    }

    private void logout(Ctx ctx, AdminPrincipal admin) {
        sessions.delete(ctx.cookie(AdminRoutes.SESSION_COOKIE).orElse(null));
        ctx.resp().addHeader("Set-Cookie", AdminRoutes.SESSION_COOKIE + "=; Path=/admin; Max-Age=0; HttpOnly; "
                + "SameSite=Lax" + (ctx.web().secureCookies() ? "; Secure" : ""));
        audit.record(admin, ctx.clientIp(), "admin.logout", null, null);
        Flash.success(ctx, "admin.flash.logged_out", null);
        ctx.redirect("/admin/login");
    }

    private void setupPage(Ctx ctx, AdminPrincipal admin) {
        String token = ctx.query("token").orElse("");
        if (!bootstrap.needsSetup() || !bootstrap.validToken(token)) {
            views.render(ctx, admin, 404, "error", "admin.setup.title",
                    Map.of("messageKey", "admin.setup.invalid"));
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("token", token);
        model.put("email", "");
        model.put("displayName", "");
        model.put("errors", Map.of());
        views.render(ctx, null, 200, "setup", "admin.setup.title", model);
    }

    private void doSetup(Ctx ctx, AdminPrincipal admin) {
        String token = ctx.form("token");
        String email = ctx.form("email");
        String name = ctx.form("displayName");
        try {
            long id = bootstrap.completeSetup(token, email, name, ctx.req().getParameter("password"));
            audit.record(id, normalizedEmail(email), ctx.clientIp(), "admin.setup", email,
                    "first owner created");
            Flash.success(ctx, "admin.flash.setup_done", null);
            ctx.redirect("/admin/login");
        } catch (ValidationException e) {
            if (e.fieldErrors().containsKey("token")) {
                views.render(ctx, null, 404, "error", "admin.setup.title", Map.of("messageKey", "admin.setup.invalid"));
                return;
            }
            Map<String, Object> model = new HashMap<>();
            model.put("token", token);
            model.put("email", email == null ? "" : email);
            model.put("displayName", name == null ? "" : name);
            model.put("errors", e.fieldErrors());
            views.render(ctx, null, 400, "setup", "admin.setup.title", model);
        }
    }

    private void language(Ctx ctx, AdminPrincipal admin) {
        String lang = ctx.form("lang");
        if (lang != null && ctx.web().supports(lang)) {
            ctx.resp().addHeader("Set-Cookie", AdminRoutes.LANG_COOKIE + "=" + lang
                    + "; Path=/admin; Max-Age=31536000; SameSite=Lax" + (ctx.web().secureCookies() ? "; Secure" : ""));
            if (admin != null) {
                users.setLocale(admin.id(), lang);
            }
        }
        ctx.redirect(AdminRoutes.safeNext(ctx.form("back")));
    }
}
