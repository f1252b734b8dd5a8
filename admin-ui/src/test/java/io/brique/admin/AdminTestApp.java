package io.brique.admin;

import io.brique.core.testing.TestApp;
import io.brique.testing.HttpSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real node with the admin console, plus one account per built-in role (passwords known to tests)
 * and helpers to log in over HTTP.
 */
public final class AdminTestApp implements AutoCloseable {

    public static final String PASSWORD = "correct horse battery";

    private final TestApp app;
    private final AdminModule module;

    private AdminTestApp(TestApp app, AdminModule module) {
        this.app = app;
        this.module = module;
    }

    public static AdminTestApp start() {
        return start(Map.of());
    }

    public static AdminTestApp start(Map<String, String> overrides) {
        AdminTestApp a = startEmpty(overrides);
        if (a.console().users().count() == 0) {
            for (String role : List.of("owner", "manager", "staff")) {
                a.console().users().create(email(role), "The " + role, role, PASSWORD);
            }
        }
        return a;
    }

    /** Without the test accounts (first-start tests). */
    public static AdminTestApp startEmpty(Map<String, String> overrides) {
        AdminModule module = new AdminModule();
        TestApp app = TestApp.start(new HashMap<>(overrides), List.of(module));
        return new AdminTestApp(app, module);
    }

    public static String email(String role) {
        return role + "@shop.test";
    }

    public TestApp app() {
        return app;
    }

    public AdminConsole console() {
        return module.console();
    }

    public HttpSession http() {
        return app.http();
    }

    /** A session logged in as the account of this role. */
    public HttpSession loginAs(String role) {
        HttpSession s = app.http();
        HttpSession.Response r = login(s, email(role), PASSWORD);
        if (r.status() != 303) {
            throw new AssertionError("login as " + role + " failed: " + r.status() + " " + r.body());
        }
        return s;
    }

    public static HttpSession.Response login(HttpSession s, String email, String password) {
        s.get("/admin/login");
        return s.postForm("/admin/login", Map.of("email", email, "password", password));
    }

    @Override
    public void close() {
        app.close();
    }
}
