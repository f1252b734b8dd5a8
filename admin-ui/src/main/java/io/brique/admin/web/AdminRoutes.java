package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AdminSessions;
import io.brique.core.web.Ctx;
import io.brique.core.web.Router;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one place where admin routes are registered and guarded. Every route under {@code /admin}
 * declares the permission it needs; the guard resolves the session (idle time-out included), sets
 * the admin's language, and answers a redirect to the login page (no session) or 403 (no permission)
 * before the handler runs. {@link #rules()} lists every route with its permission: the route-walk
 * test checks that nothing under {@code /admin} is registered any other way.
 */
public final class AdminRoutes {

    public static final String SESSION_COOKIE = "brq_admin";
    public static final String LANG_COOKIE = "brq_admin_lang";
    static final String PRINCIPAL = "admin.principal";

    /** One admin route and the permission it needs ({@link Permission#PUBLIC} for the login page). */
    public record Rule(String method, String pattern, String permission) {
    }

    /** An admin handler: the principal is null only on public routes without a session. */
    @FunctionalInterface
    public interface AdminHandler {
        void handle(Ctx ctx, AdminPrincipal admin) throws Exception;
    }

    private final Router router;
    private final AdminSessions sessions;
    private final AdminViews views;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    public AdminRoutes(Router router, AdminSessions sessions, AdminViews views) {
        this.router = router;
        this.sessions = sessions;
        this.views = views;
    }

    public void get(String pattern, String permission, AdminHandler handler) {
        add("GET", pattern, permission, handler);
    }

    public void post(String pattern, String permission, AdminHandler handler) {
        add("POST", pattern, permission, handler);
    }

    public void add(String method, String pattern, String permission, AdminHandler handler) {
        if (!pattern.equals("/admin") && !pattern.startsWith("/admin/")) {
            throw new IllegalArgumentException("admin routes live under /admin: " + pattern);
        }
        if (permission == null || permission.isBlank()) {
            throw new IllegalArgumentException("admin route " + pattern + " must declare a permission");
        }
        rules.add(new Rule(method, pattern, permission));
        router.add(method, pattern, ctx -> {
            AdminPrincipal admin = authenticate(ctx);
            if (!Permission.PUBLIC.equals(permission)) {
                if (admin == null) {
                    redirectToLogin(ctx);
                    return;
                }
                if (!admin.has(permission)) {
                    forbid(ctx, admin);
                    return;
                }
            }
            handler.handle(ctx, admin);
        }, "core");
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** The admin of this request (session cookie), with the admin's language set on the context. */
    public AdminPrincipal authenticate(Ctx ctx) {
        AdminPrincipal cached = ctx.attribute(PRINCIPAL);
        if (cached != null) {
            return cached;
        }
        Optional<AdminPrincipal> admin = ctx.cookie(SESSION_COOKIE).flatMap(sessions::resolve);
        chooseLocale(ctx);
        ctx.resp().setHeader("Cache-Control", "no-store");
        admin.ifPresent(a -> ctx.attribute(PRINCIPAL, a));
        return admin.orElse(null);
    }

    /** Language: the admin's choice (cookie), else the browser's if the shop speaks it, else the shop's. */
    private static void chooseLocale(Ctx ctx) {
        String chosen = ctx.cookie(LANG_COOKIE).filter(l -> ctx.web().supports(l)).orElse(null);
        if (chosen == null) {
            var locales = ctx.req().getLocales();
            while (chosen == null && locales.hasMoreElements()) {
                String l = locales.nextElement().getLanguage();
                if (ctx.web().supports(l)) {
                    chosen = l;
                }
            }
        }
        if (chosen != null) {
            ctx.locale(Locale.forLanguageTag(chosen));
        }
    }

    /** 302 to the login page, remembering where the admin wanted to go (GET only). */
    public static void redirectToLogin(Ctx ctx) {
        String next = "GET".equals(ctx.method()) ? ctx.path()
                + (ctx.req().getQueryString() == null ? "" : "?" + ctx.req().getQueryString()) : "/admin";
        ctx.resp().setStatus(302);
        ctx.resp().setHeader("Location", "/admin/login?next=" + Ctx.urlEncode(next));
    }

    /** 403 in the admin layout (the admin keeps the navigation of what they may do). */
    public void forbid(Ctx ctx, AdminPrincipal admin) {
        views.render(ctx, admin, 403, "error", "admin.error.title", java.util.Map.of("messageKey", "admin.forbidden"));
    }

    /** A safe local admin path to go back to after login ({@code next}), else the dashboard. */
    public static String safeNext(String next) {
        if (next == null || !next.startsWith("/admin") || next.startsWith("//") || next.contains("\\")
                || next.contains("\r") || next.contains("\n") || next.startsWith("/admin/login")
                || next.startsWith("/admin/logout")) {
            return "/admin";
        }
        return next;
    }
}
