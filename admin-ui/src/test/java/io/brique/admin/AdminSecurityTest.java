package io.brique.admin;

import static io.brique.core.db.jooq.Tables.ADMIN_SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.admin.web.AdminRoutes;
import io.brique.testing.HttpSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Login, lock-out, session fixation, idle time-out, role boundaries, cookie flags. */
@Tag("db")
class AdminSecurityTest {

    static AdminTestApp app;

    @BeforeAll
    static void start() {
        app = AdminTestApp.start(Map.of("admin.lockout.max-failures", "3"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anonymousIsSentToTheLoginPageAndComesBackAfterLogin() {
        HttpSession s = app.http();
        HttpSession.Response r = s.get("/admin/audit?q=x");
        assertEquals(302, r.status());
        assertEquals("/admin/login?next=%2Fadmin%2Faudit%3Fq%3Dx", r.location());
        s.get(r.location());
        HttpSession.Response login = s.postForm("/admin/login", Map.of("email", AdminTestApp.email("owner"),
                "password", AdminTestApp.PASSWORD, "next", "/admin/audit?q=x"));
        assertEquals(303, login.status());
        assertEquals("/admin/audit?q=x", login.location());
        assertEquals(200, s.get("/admin/audit?q=x").status());
    }

    @Test
    void openRedirectsAreRefused() {
        HttpSession s = app.http();
        s.get("/admin/login");
        HttpSession.Response login = s.postForm("/admin/login", Map.of("email", AdminTestApp.email("staff"),
                "password", AdminTestApp.PASSWORD, "next", "//evil.example/x"));
        assertEquals("/admin", login.location());
    }

    @Test
    void wrongPasswordIsRefusedWithTheTypedEmailKept() {
        HttpSession s = app.http();
        HttpSession.Response r = AdminTestApp.login(s, "manager@shop.test", "wrong password!!");
        assertEquals(401, r.status());
        assertTrue(r.body().contains("value=\"manager@shop.test\""), "e-mail kept");
        assertTrue(r.body().contains("Wrong e-mail or password") || r.body().contains("incorrect"));
        assertEquals(302, s.get("/admin").status());
    }

    @Test
    void accountIsLockedAfterRepeatedFailuresEvenWithTheRightPassword() {
        app.console().users().create("locked@shop.test", "Lock Me", "staff", AdminTestApp.PASSWORD);
        HttpSession s = app.http();
        for (int i = 0; i < 3; i++) {
            assertEquals(401, AdminTestApp.login(s, "locked@shop.test", "not the password " + i).status());
        }
        HttpSession.Response locked = AdminTestApp.login(s, "locked@shop.test", AdminTestApp.PASSWORD);
        assertEquals(429, locked.status());
        assertEquals(302, s.get("/admin").status(), "no session was opened");
        // another account is not affected
        assertEquals(303, AdminTestApp.login(app.http(), AdminTestApp.email("staff"), AdminTestApp.PASSWORD).status());
        assertTrue(app.console().audit().page("admin.login.locked", 1, 10, false).total() >= 1, "audited");
    }

    @Test
    void aSessionIdPlantedBeforeLoginIsNeverAdoptedAndLoginRotatesTheId() throws Exception {
        String planted = "A".repeat(43);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpSession s = app.http();
        s.get("/admin/login");
        String csrf = s.csrfToken();
        String body = "email=" + AdminTestApp.email("owner") + "&password=" + AdminTestApp.PASSWORD.replace(" ", "+")
                + "&_csrf=" + csrf;
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(app.app().url("/admin/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "brq_csrf=" + csrf + "; " + AdminRoutes.SESSION_COOKIE + "=" + planted)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, login.statusCode());
        List<String> cookies = login.headers().allValues("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith(AdminRoutes.SESSION_COOKIE + "=")).findFirst()
                .orElseThrow();
        String issued = session.substring(AdminRoutes.SESSION_COOKIE.length() + 1, session.indexOf(';'));
        assertNotEquals(planted, issued);
        assertTrue(session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Path=/admin"),
                session);
        assertFalse(session.contains("Secure"), "not Secure over plain HTTP in development");
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith("brq_csrf=") && !c.startsWith("brq_csrf=" + csrf)),
                "a new CSRF token at login");
        // the planted value gives nothing; the issued one works
        assertEquals(302, get(client, "/admin", planted).statusCode());
        assertEquals(200, get(client, "/admin", issued).statusCode());

        // logging in again from that browser replaces the session: the old id dies
        HttpSession again = app.loginAs("owner");
        String first = again.cookie(AdminRoutes.SESSION_COOKIE);
        again.get("/admin/login");
        again.postForm("/admin/login", Map.of("email", AdminTestApp.email("owner"), "password", AdminTestApp.PASSWORD));
        String second = again.cookie(AdminRoutes.SESSION_COOKIE);
        assertNotEquals(first, second);
        assertEquals(302, get(client, "/admin", first).statusCode());
    }

    private static HttpResponse<String> get(HttpClient client, String path, String session) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(app.app().url(path)))
                .header("Cookie", AdminRoutes.SESSION_COOKIE + "=" + session).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void idleSessionsExpire() {
        HttpSession s = app.loginAs("manager");
        assertEquals(200, s.get("/admin").status());
        // 31 minutes without a request (default idle time-out 30 minutes)
        app.app().app().core().db().dsl().update(ADMIN_SESSION)
                .set(ADMIN_SESSION.LAST_SEEN_AT, LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(31)).execute();
        HttpSession.Response r = s.get("/admin");
        assertEquals(302, r.status());
        assertTrue(r.location().startsWith("/admin/login"));
    }

    @Test
    void logoutEndsTheSession() {
        HttpSession s = app.loginAs("staff");
        assertEquals(200, s.get("/admin").status());
        assertEquals(303, s.postForm("/admin/logout", Map.of()).status());
        assertEquals(302, s.get("/admin").status());
    }

    @Test
    void staffCannotReachOwnerPagesNorManagePlugins() {
        HttpSession staff = app.loginAs("staff");
        for (String page : List.of("/admin/users", "/admin/roles", "/admin/audit", "/admin/plugins")) {
            HttpSession.Response r = staff.get(page);
            assertEquals(403, r.status(), page);
            assertTrue(r.body().contains("class=\"sidebar\""), "the 403 page keeps the admin layout");
        }
        assertEquals(403, staff.postForm("/admin/plugin-manager/upload", Map.of()).status());
        HttpSession manager = app.loginAs("manager");
        assertEquals(200, manager.get("/admin/plugins").status());
        assertEquals(403, manager.get("/admin/users").status());
        assertEquals(403, manager.postForm("/admin/plugin-manager/x/toggle", Map.of("action", "disable")).status());
        HttpSession owner = app.loginAs("owner");
        assertEquals(200, owner.get("/admin/users").status());
        assertNotNull(owner.get("/admin/roles"));
    }

    @Test
    void forwardedForIsIgnoredWithoutATrustedProxy() {
        HttpSession s = app.http();
        s.get("/admin/login");
        byte[] body = ("email=forged%40shop.test&password=whatever+it+is&_csrf=" + s.csrfToken())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(401, s.send("POST", "/admin/login", "application/x-www-form-urlencoded", body,
                Map.of("X-Forwarded-For", "203.0.113.99")).status());
        var ips = app.app().app().core().db().dsl()
                .fetch("select ip from admin_login_attempt where email = 'forged@shop.test'");
        assertEquals(1, ips.size());
        assertNotEquals("203.0.113.99", ips.get(0).get(0, String.class), "a client cannot choose its address");
    }
}
