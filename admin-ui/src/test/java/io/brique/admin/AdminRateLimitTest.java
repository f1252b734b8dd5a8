package io.brique.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The login rate limit in front of the console (per client address, before the per-account and
 * per-address lock-out counts anything) and the security headers of console pages.
 */
@Tag("db")
class AdminRateLimitTest {

    static AdminTestApp app;

    @BeforeAll
    static void start() {
        app = AdminTestApp.start(Map.of("http.rate-limit.login", "4/1m", "http.trusted-proxies", "127.0.0.1,::1",
                "admin.lockout.ip-max-failures", "100", "admin.lockout.max-failures", "100"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void loginAttemptsBeyondTheBucketAre429WithRetryAfterInTheAdminLayout() {
        HttpSession s = app.http();
        s.get("/admin/login");
        Map<String, String> from = Map.of("X-Forwarded-For", "203.0.113.50", "Accept-Language", "en");
        String csrf = s.csrfToken();
        String form = "email=owner%40shop.test&password=wrong&_csrf=" + csrf;
        for (int i = 0; i < 4; i++) {
            HttpSession.Response r = s.send("POST", "/admin/login", "application/x-www-form-urlencoded",
                    form.getBytes(), from);
            assertNotEquals(429, r.status(), "attempt " + i);
        }
        HttpSession.Response refused = s.send("POST", "/admin/login", "application/x-www-form-urlencoded",
                form.getBytes(), from);
        assertEquals(429, refused.status());
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        assertTrue(refused.body().contains("/admin/assets/admin.css"), "admin layout: " + refused.body());
        // the right password from the same address is refused too: the bucket counts attempts, not failures
        String good = "email=owner%40shop.test&password=" + AdminTestApp.PASSWORD.replace(" ", "+") + "&_csrf=" + csrf;
        assertEquals(429, s.send("POST", "/admin/login", "application/x-www-form-urlencoded", good.getBytes(), from)
                .status());
        // another shopper's address logs in normally
        HttpSession other = app.http();
        other.get("/admin/login");
        HttpSession.Response ok = other.send("POST", "/admin/login", "application/x-www-form-urlencoded",
                ("email=owner%40shop.test&password=" + AdminTestApp.PASSWORD.replace(" ", "+") + "&_csrf="
                        + other.csrfToken()).getBytes(), Map.of("X-Forwarded-For", "203.0.113.51"));
        assertEquals(303, ok.status());
    }

    @Test
    void consolePagesCarryTheSecurityHeaders() {
        HttpSession s = app.loginAs("owner");
        for (String path : new String[] {"/admin", "/admin/login", "/admin/no-such-page"}) {
            HttpSession.Response r = s.get(path);
            assertEquals("SAMEORIGIN", r.header("X-Frame-Options"), path);
            assertTrue(r.header("Content-Security-Policy").contains("frame-ancestors 'self'"), path);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
            assertEquals("strict-origin-when-cross-origin", r.header("Referrer-Policy"), path);
            assertTrue(r.header("Permissions-Policy").contains("geolocation=()"), path);
        }
    }
}
