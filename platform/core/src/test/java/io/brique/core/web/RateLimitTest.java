package io.brique.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brique.core.testing.TestApp;
import io.brique.testing.HttpSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Token buckets per client address on login, search and collection; security headers everywhere. */
@Tag("db")
class RateLimitTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        // trusted proxy = the test itself, so each test can be "another client" through X-Forwarded-For
        app = TestApp.start(Map.of("http.rate-limit.login", "3/1m", "http.rate-limit.search", "5/1m",
                "http.rate-limit.collect", "4/1m", "http.trusted-proxies", "127.0.0.1"));
        app.app().core().router().post("/api/v1/plugins/fake/collect", ctx -> ctx.json(202, Map.of("ok", true)));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Map<String, String> from(String address) {
        return Map.of("X-Forwarded-For", address);
    }

    @Test
    void storefrontLoginIsLimitedPerAddressWithRetryAfter() {
        HttpSession s = app.http();
        String csrf = s.csrfToken();
        for (int i = 0; i < 3; i++) {
            HttpSession.Response r = s.send("POST", "/fr/account/login", "application/x-www-form-urlencoded",
                    ("email=a%40b.fr&password=wrong&_csrf=" + csrf).getBytes(), from("203.0.113.10"));
            assertTrue(r.status() != 429, "attempt " + i + " was refused: " + r.status());
        }
        HttpSession.Response refused = s.send("POST", "/fr/account/login", "application/x-www-form-urlencoded",
                ("email=a%40b.fr&password=wrong&_csrf=" + csrf).getBytes(), from("203.0.113.10"));
        assertEquals(429, refused.status());
        long retry = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
        assertTrue(refused.body().contains("Trop de tentatives"), "the French page explains the refusal");
        // another address has its own bucket
        HttpSession.Response other = s.send("POST", "/fr/account/login", "application/x-www-form-urlencoded",
                ("email=a%40b.fr&password=wrong&_csrf=" + csrf).getBytes(), from("203.0.113.11"));
        assertTrue(other.status() != 429);
    }

    @Test
    void searchAndCollectionAreLimitedAndTheApiAnswersProblemJson() {
        HttpSession s = app.http();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, s.get("/en/search?q=tea", from("198.51.100.7")).status());
        }
        HttpSession.Response page = s.get("/en/search?q=tea", from("198.51.100.7"));
        assertEquals(429, page.status());
        assertNotNull(page.header("Retry-After"));
        for (int i = 0; i < 4; i++) {
            assertEquals(202, s.postJson("/api/v1/plugins/fake/collect", "{}", from("198.51.100.8")).status());
        }
        HttpSession.Response api = s.postJson("/api/v1/plugins/fake/collect", "{}", from("198.51.100.8"));
        assertEquals(429, api.status());
        assertEquals(429, api.json().get("status").asInt());
        assertTrue(api.header("Content-Type").startsWith("application/problem+json"));
        // pages that are not limited keep answering for the same address
        assertEquals(200, s.get("/en/", from("198.51.100.7")).status());
    }

    @Test
    void aClientCannotEscapeByForgingForwardedForWithoutTrust() {
        // the header is believed only from trusted proxies; here the right-most hop is what counts
        HttpSession s = app.http();
        for (int i = 0; i < 5; i++) {
            s.get("/en/search?q=x", from("192.0.2.99, 198.51.100.20"));
        }
        assertEquals(429, s.get("/en/search?q=x", from("10.9.9." + 1 + ", 198.51.100.20")).status());
    }

    @Test
    void securityHeadersOnStorefrontApiAndErrors() {
        HttpSession s = app.http();
        for (HttpSession.Response r : List.of(s.get("/en/"), s.get("/api/v1/products"), s.get("/en/no-such-page"),
                s.get("/api/v1/no-such"))) {
            assertEquals("nosniff", r.header("X-Content-Type-Options"));
            assertEquals("SAMEORIGIN", r.header("X-Frame-Options"));
            assertEquals("strict-origin-when-cross-origin", r.header("Referrer-Policy"));
            assertTrue(r.header("Content-Security-Policy").contains("frame-ancestors 'self'"));
            assertTrue(r.header("Content-Security-Policy").contains("default-src 'self'"));
            assertTrue(r.header("Permissions-Policy").contains("camera=()"));
        }
    }

    @Test
    void oversizedHeadersAre431NotA500() {
        HttpSession.Response r = app.http().get("/en/", Map.of("X-Big", "a".repeat(20 * 1024)));
        assertEquals(431, r.status());
    }

    @Test
    void bucketsRefillAtTheConfiguredRate() {
        AtomicLong now = new AtomicLong();
        RateLimits limits = new RateLimits(List.of(new RateLimits.Rule("search", "GET", Pattern.compile("/s"), 2,
                Duration.ofSeconds(10))), now::get);
        assertTrue(limits.check("GET", "/s", "a").allowed());
        assertTrue(limits.check("GET", "/s", "a").allowed());
        RateLimits.Verdict refused = limits.check("GET", "/s", "a");
        assertTrue(!refused.allowed());
        assertEquals(5, refused.retryAfterSeconds());
        assertTrue(limits.check("POST", "/s", "a").allowed(), "other methods are not counted");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(limits.check("GET", "/s", "a").allowed());
        assertTrue(!limits.check("GET", "/s", "a").allowed());
    }

    @Test
    void badSpecsStopTheBootWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RateLimits.configured("ten per minute", "off", ""));
        assertTrue(e.getMessage().contains("http.rate-limit.login"));
        assertTrue(RateLimits.configured("off", "off", "off").isEmpty());
    }
}
