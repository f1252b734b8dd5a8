package io.brique.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.admin.web.AdminRoutes;
import io.brique.testing.PluginJarBuilder;
import io.brique.core.web.Router;
import io.brique.testing.HttpSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Walks every route registered under /admin (the console's own and a test plugin's admin routes) for
 * anonymous, staff, manager and owner, and checks each gets exactly what the route's declared
 * permission says: a redirect to the login page, 403, or the page. Also checks that nothing under
 * /admin was registered around the guard, and that every POST refuses a missing or wrong CSRF token.
 */
@Tag("db")
class RouteWalkTest {

    static AdminTestApp app;
    static Map<String, HttpSession> sessions = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        app = AdminTestApp.start();
        Path dir = Files.createTempDirectory("walk-plugin");
        Path jar = TestPlugins.adminPlugin("walker", "1.0.0").build(dir);
        app.console().services().plugins().install(jar);
        app.console().services().plugins().enable("walker");
        for (String role : List.of("staff", "manager", "owner")) {
            sessions.put(role, app.loginAs(role));
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The expected permission of each admin route: from the console's rules or the plugin gate. */
    private static Map<Router.Route, String> adminRoutes() {
        Map<String, String> declared = app.console().routes().rules().stream()
                .collect(Collectors.toMap(r -> r.method() + " " + r.pattern(), AdminRoutes.Rule::permission));
        Map<Router.Route, String> out = new LinkedHashMap<>();
        for (Router.Route r : app.app().app().core().router().routes()) {
            if (!r.pattern().equals("/admin") && !r.pattern().startsWith("/admin/")) {
                continue;
            }
            String perm = declared.get(r.method() + " " + r.pattern());
            if (perm == null && r.pattern().startsWith("/admin/plugins/" + r.owner() + "/")) {
                perm = app.console().pluginPages().permissionFor(r.owner(),
                        r.pattern().substring(("/admin/plugins/" + r.owner()).length()));
            }
            if (perm == null) {
                throw new AssertionError("admin route " + r.method() + " " + r.pattern() + " (owner " + r.owner()
                        + ") was not registered through AdminRoutes: it is unguarded");
            }
            out.put(r, perm);
        }
        return out;
    }

    private static String concrete(String pattern) {
        return pattern.replace("{pluginId}", "nosuch").replace("{file}", "admin.css").replaceAll("\\{[^}]+}", "1");
    }

    private static boolean has(String role, String permission) {
        if (role.equals("owner") || permission.equals(Permission.PUBLIC) || permission.equals(Permission.AUTHENTICATED)) {
            return true;
        }
        return app.console().roles().permissions(role).contains(permission);
    }

    @Test
    void everyAdminRouteAnswersPerRole() {
        Map<Router.Route, String> routes = adminRoutes();
        assertTrue(routes.size() >= 10, "the walk found the admin routes: " + routes.keySet());
        assertTrue(routes.keySet().stream().anyMatch(r -> r.owner().equals("walker")), "the plugin's admin routes are walked");
        List<String> failures = new ArrayList<>();
        HttpSession anonymous = app.http();
        for (var e : routes.entrySet()) {
            Router.Route r = e.getKey();
            String perm = e.getValue();
            if (Set.of("/admin/logout", "/admin/login", "/admin/setup", "/admin/lang").contains(r.pattern())
                    && r.method().equals("POST")) {
                continue; // session-changing public forms: covered by their own tests
            }
            String path = concrete(r.pattern());
            check(failures, "anonymous", r, path, perm, anonymous);
            for (var s : sessions.entrySet()) {
                check(failures, s.getKey(), r, path, perm, s.getValue());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void check(List<String> failures, String role, Router.Route r, String path, String perm,
            HttpSession s) {
        HttpSession.Response resp = r.method().equals("GET") ? s.get(path)
                : s.postForm(path, Map.of());
        boolean anonymous = role.equals("anonymous");
        String what = role + " " + r.method() + " " + path + " (" + perm + ") -> " + resp.status();
        if (perm.equals(Permission.PUBLIC)) {
            if (resp.status() >= 500 || resp.status() == 403) {
                failures.add(what + ": a public route must answer");
            }
            return;
        }
        if (anonymous) {
            if (resp.status() != 302 || resp.location() == null || !resp.location().startsWith("/admin/login")) {
                failures.add(what + ": expected 302 to /admin/login, got " + resp.location());
            }
            return;
        }
        if (!has(role, perm)) {
            if (resp.status() != 403) {
                failures.add(what + ": expected 403");
            }
            return;
        }
        boolean ok = resp.status() < 500 && resp.status() != 403
                && !(resp.status() == 302 && String.valueOf(resp.location()).startsWith("/admin/login"));
        if (r.method().equals("GET") && !r.pattern().contains("{")) {
            ok = resp.status() == 200;
        }
        if (!ok) {
            failures.add(what + ": expected the page");
        }
    }

    @Test
    void everyAdminPostRefusesAMissingOrWrongCsrfToken() {
        HttpSession owner = sessions.get("owner");
        int posts = 0;
        for (Router.Route r : adminRoutes().keySet()) {
            if (!r.method().equals("POST")) {
                continue;
            }
            posts++;
            String path = concrete(r.pattern());
            assertEquals(403, owner.postFormRaw(path, Map.of()).status(), "no token: " + path);
            assertEquals(403, owner.postFormRaw(path, Map.of("_csrf", "x".repeat(43))).status(), "wrong token: " + path);
        }
        assertTrue(posts >= 3, "admin POST routes were found");
        // and the owner is still logged in (the refused posts changed nothing)
        assertNotEquals(302, owner.get("/admin").status());
    }

    @Test
    void theWalkCoversEveryShopManagementRoute() {
        Set<String> walked = adminRoutes().keySet().stream().map(r -> r.method() + " " + r.pattern())
                .collect(Collectors.toSet());
        for (String route : List.of("GET /admin/orders/export.csv", "POST /admin/orders/bulk",
                "POST /admin/customers/{id}", "POST /admin/customers/{id}/addresses",
                "POST /admin/customers/{id}/addresses/{addressId}",
                "POST /admin/customers/{id}/addresses/{addressId}/delete",
                "POST /admin/products/{id}/variants/{variantId}/details",
                "POST /admin/products/{id}/variants/{variantId}/delete", "POST /admin/products/{id}/images/upload",
                "GET /admin/attributes", "GET /admin/attributes/new", "POST /admin/attributes",
                "GET /admin/attributes/{id}", "POST /admin/attributes/{id}", "POST /admin/attributes/{id}/delete")) {
            assertTrue(walked.contains(route), route + " is walked");
        }
    }
}
