package io.brique.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class BootTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void healthEndpointsAnswer() {
        HttpSession http = app.http();
        assertEquals(200, http.get("/health/live").status());
        HttpSession.Response ready = http.get("/health/ready");
        assertEquals(200, ready.status());
        assertEquals("UP", ready.json().get("database").asText());
    }

    @Test
    void metricsArePrometheusText() {
        HttpSession http = app.http();
        http.get("/health/live");
        HttpSession.Response m = http.get("/metrics");
        assertEquals(200, m.status());
        assertTrue(m.body().contains("brique_http_request_duration_seconds"), m.body());
        assertTrue(m.body().contains("jvm_memory"), "JVM metrics exported");
    }

    @Test
    void metricsWithATokenAreRefusedWithoutIt() {
        try (TestApp secured = TestApp.start(java.util.Map.of("ops.metrics-token", "s3cret-token"))) {
            HttpSession http = secured.http();
            assertEquals(401, http.get("/metrics").status());
            assertEquals(401, http.get("/metrics", java.util.Map.of("Authorization", "Bearer wrong")).status());
            HttpSession.Response ok = http.get("/metrics", java.util.Map.of("Authorization", "Bearer s3cret-token"));
            assertEquals(200, ok.status());
            assertTrue(ok.body().contains("jvm_memory"));
        }
    }

    @Test
    void unknownApiPathIsProblemJson() {
        HttpSession.Response r = app.http().get("/api/v1/nothing-here");
        assertEquals(404, r.status());
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"));
        assertEquals(404, r.json().get("status").asInt());
    }

    @Test
    void unknownPageIsLocalisedHtml404WithoutStackTrace() {
        HttpSession.Response fr = app.http().get("/fr/nothing-here");
        assertEquals(404, fr.status());
        assertTrue(fr.body().contains("Cette page n’existe pas"), fr.body());
        HttpSession.Response en = app.http().get("/en/nothing-here");
        assertTrue(en.body().contains("This page does not exist"));
        assertFalse(en.body().contains("Exception"));
    }

    @Test
    void rootRedirectsToPreferredLanguage() {
        HttpSession.Response r = app.http().get("/", Map.of("Accept-Language", "en-GB,en;q=0.8"));
        assertEquals(303, r.status());
        assertEquals("/en/", r.location());
    }

    @Test
    void formPostWithoutCsrfTokenIsRefused() {
        HttpSession.Response r = app.http().postFormRaw("/fr/anything", Map.of("a", "b"));
        assertTrue(r.status() == 403 || r.status() == 404, "status " + r.status());
    }

    @Test
    void openApiDocumentIsServed() {
        HttpSession.Response r = app.http().get("/api/v1/openapi.json");
        assertEquals(200, r.status());
        assertEquals("3.1.0", r.json().get("openapi").asText());
        assertTrue(r.json().get("paths").has("/health/ready"));
    }

    @Test
    void securityHeadersAreSet() {
        HttpSession.Response r = app.http().get("/health/live");
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertTrue(r.header("Content-Security-Policy").contains("default-src 'self'"));
    }
}
