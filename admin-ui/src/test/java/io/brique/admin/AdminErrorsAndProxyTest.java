package io.brique.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The console's own error pages (404, 405, 500, CSRF 403 in the admin layout, FR and EN, no stack
 * trace) and the per-address lock-out behind a trusted reverse proxy.
 */
@Tag("db")
class AdminErrorsAndProxyTest {

    static AdminTestApp app;

    @BeforeAll
    static void start() {
        app = AdminTestApp.start(Map.of("http.trusted-proxies", "127.0.0.1,::1",
                "admin.lockout.ip-max-failures", "3", "admin.lockout.max-failures", "50"));
        app.console().routes().get("/admin/test/boom", Permission.DASHBOARD_VIEW, (ctx, a) -> {
            throw new IllegalStateException("SECRET-DETAIL of a broken handler");
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static void assertAdminPage(HttpSession.Response r) {
        assertTrue(r.body().contains("/admin/assets/admin.css"), "admin layout: " + r.body());
        assertFalse(r.body().contains("Exception"), "no exception name");
        assertFalse(r.body().contains("\tat "), "no stack trace");
    }

    @Test
    void unknownAdminPageIsA404InTheAdminLayoutWithNavigation() {
        HttpSession s = app.loginAs("staff");
        HttpSession.Response r = s.get("/admin/no-such-page", Map.of("Accept-Language", "en"));
        assertEquals(404, r.status());
        assertAdminPage(r);
        assertTrue(r.body().contains("Page not found"), r.body());
        assertTrue(r.body().contains("href=\"/admin/orders\""), "the admin keeps the navigation");
        assertEquals("no-store", r.header("Cache-Control"));
    }

    @Test
    void errorPagesSpeakTheAdminsLanguage() {
        HttpSession s = app.loginAs("owner");
        s.postForm("/admin/lang", Map.of("lang", "fr", "back", "/admin"));
        HttpSession.Response r = s.get("/admin/products/999999999", Map.of("Accept-Language", "fr"));
        assertEquals(404, r.status());
        assertAdminPage(r);
        assertTrue(r.body().contains("Page introuvable"), r.body());
    }

    @Test
    void unexpectedErrorIsA500WithoutDetails() {
        HttpSession s = app.loginAs("owner");
        HttpSession.Response r = s.get("/admin/test/boom", Map.of("Accept-Language", "en"));
        assertEquals(500, r.status());
        assertAdminPage(r);
        assertTrue(r.body().contains("Server error"), r.body());
        assertFalse(r.body().contains("SECRET-DETAIL"), "the exception message never reaches the page");
        assertFalse(r.body().contains("IllegalStateException"));
    }

    @Test
    void wrongMethodAndMissingCsrfAreAdminPagesToo() {
        HttpSession s = app.loginAs("owner");
        HttpSession.Response csrf = s.postFormRaw("/admin/products", Map.of("handle", "x"));
        assertEquals(403, csrf.status());
        assertAdminPage(csrf);
        HttpSession.Response method = s.send("DELETE", "/admin/products", null, new byte[0],
                Map.of("X-CSRF-Token", s.csrfToken()));
        assertTrue(method.status() == 405 || method.status() == 403, "status " + method.status());
        assertAdminPage(method);
    }

    @Test
    void anonymousUnknownPageHasNoNavigation() {
        HttpSession.Response r = app.http().get("/admin/nothing/here");
        assertEquals(404, r.status());
        assertAdminPage(r);
        assertFalse(r.body().contains("href=\"/admin/orders\""));
    }

    @Test
    void storefrontErrorsKeepTheStorefrontPage() {
        HttpSession.Response r = app.http().get("/en/no-such-page-here");
        assertEquals(404, r.status());
        assertFalse(r.body().contains("/admin/assets/admin.css"));
    }

    private static HttpSession.Response loginVia(HttpSession s, String forwardedFor, String email) {
        s.get("/admin/login");
        String body = "email=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=wrong+password+here&_csrf=" + s.csrfToken();
        return s.send("POST", "/admin/login", "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.UTF_8), Map.of("X-Forwarded-For", forwardedFor));
    }

    @Test
    void behindATrustedProxyTheLockOutCountsTheForwardedClientAddress() {
        HttpSession s = app.http();
        // the attacker also forges a first hop: the proxy's appended address is what counts
        for (int i = 0; i < 3; i++) {
            assertEquals(401, loginVia(s, "1.1.1." + i + ", 203.0.113.50", "nobody" + i + "@shop.test").status());
        }
        assertEquals(429, loginVia(s, "9.9.9.9, 203.0.113.50", "someone@shop.test").status(),
                "that client address is locked out whatever account it tries");
        HttpSession other = app.http();
        assertEquals(401, loginVia(other, "203.0.113.51", "someone@shop.test").status(),
                "another client behind the same proxy is not locked out");
        var attempts = app.app().app().core().db().dsl().fetch(
                "select distinct ip from admin_login_attempt where ip like '203.0.113.%'");
        assertEquals(2, attempts.size(), "attempts are recorded with the client's address: " + attempts);
    }

    @Test
    void auditEntriesCarryTheForwardedClientAddress() {
        HttpSession s = app.http();
        s.get("/admin/login");
        String body = "email=owner%40shop.test"
                + "&password=" + java.net.URLEncoder.encode(AdminTestApp.PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + s.csrfToken();
        HttpSession.Response r = s.send("POST", "/admin/login", "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.UTF_8), Map.of("X-Forwarded-For", "198.51.100.77"));
        assertEquals(303, r.status());
        var ips = app.app().app().core().db().dsl().fetch("select ip from admin_audit where ip = '198.51.100.77'");
        assertFalse(ips.isEmpty(), "the login is audited with the client's address");
    }
}
