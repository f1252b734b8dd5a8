package io.brique.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The generic request handling every endpoint relies on: bad input is a clear 4xx, never a 500. */
@Tag("db")
class WebRobustnessTest {

    record Line(String sku, int quantity) {
    }

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        Router r = app.app().core().router();
        r.post("/api/v1/test/lines", ctx -> {
            Line l = ctx.bodyJson(Line.class);
            ctx.json(201, Map.of("sku", l.sku(), "quantity", l.quantity()));
        });
        r.get("/api/v1/test/page", ctx -> ctx.json(Map.of("page", ctx.queryInt("page", 1, 1, 1000))));
        r.get("/api/v1/test/boom", ctx -> {
            throw new IllegalStateException("secret internal detail");
        });
        r.get("/api/v1/test/secure", ctx -> {
            app.app().core().apiTokens().require(ctx, "test:read");
            ctx.json(Map.of("ok", true));
        });
        r.get("/fr/test/echo/{value}", ctx -> ctx.text(200, "text/plain", ctx.pathParam("value")));
        r.get("/fr/test/db-away", ctx -> {
            throw new org.jooq.exception.DataAccessException("SQL [select 1]",
                    new java.sql.SQLTransientConnectionException("brique-db - Connection is not available, request timed out"));
        });
        r.get("/api/v1/test/db-away", ctx -> {
            throw new org.jooq.exception.DataAccessException("SQL [select 1]",
                    new java.sql.SQLException("Communications link failure", "08S01"));
        });
        r.get("/fr/test/boom", ctx -> {
            throw new IllegalStateException("secret internal detail");
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void validJsonIsAccepted() {
        HttpSession.Response r = app.http().postJson("/api/v1/test/lines", "{\"sku\":\"A-1\",\"quantity\":2}");
        assertEquals(201, r.status());
        assertEquals(2, r.json().get("quantity").asInt());
    }

    @Test
    void malformedJsonIs400ProblemDetails() {
        HttpSession.Response r = app.http().postJson("/api/v1/test/lines", "{\"sku\": \"A-1\", ");
        assertEquals(400, r.status());
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"));
        assertTrue(r.json().get("detail").asText().contains("malformed JSON"));
    }

    @Test
    void wrongTypeNamesTheField() {
        HttpSession.Response r = app.http().postJson("/api/v1/test/lines", "{\"sku\":\"A\",\"quantity\":\"two\"}");
        assertEquals(400, r.status());
        assertEquals("quantity", r.json().get("errors").get(0).get("field").asText());
    }

    @Test
    void unknownFieldIsRefused() {
        HttpSession.Response r = app.http().postJson("/api/v1/test/lines", "{\"sku\":\"A\",\"quantity\":1,\"price\":0}");
        assertEquals(400, r.status());
        assertEquals("price", r.json().get("errors").get(0).get("field").asText());
    }

    @Test
    void missingPrimitiveAndNullBodyAreRefused() {
        assertEquals(400, app.http().postJson("/api/v1/test/lines", "{\"sku\":\"A\"}").status());
        assertEquals(400, app.http().postJson("/api/v1/test/lines", "null").status());
        assertEquals(400, app.http().postJson("/api/v1/test/lines", "").status());
        assertEquals(400, app.http().postJson("/api/v1/test/lines", "[1,2]").status());
    }

    @Test
    void wrongContentTypeIs415() {
        HttpSession.Response r = app.http().send("POST", "/api/v1/test/lines", "text/plain",
                "{\"sku\":\"A\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(415, r.status());
    }

    @Test
    void oversizedBodyIs413() {
        byte[] big = ("{\"sku\":\"" + "x".repeat(Ctx.MAX_JSON_BYTES) + "\",\"quantity\":1}").getBytes(StandardCharsets.UTF_8);
        HttpSession.Response r = app.http().send("POST", "/api/v1/test/lines", "application/json", big, Map.of());
        assertEquals(413, r.status());
    }

    @Test
    void badQueryParametersNameTheParameter() {
        assertEquals(400, app.http().get("/api/v1/test/page?page=abc").status());
        HttpSession.Response r = app.http().get("/api/v1/test/page?page=0");
        assertEquals(400, r.status());
        assertEquals("page", r.json().get("errors").get(0).get("field").asText());
        assertEquals(200, app.http().get("/api/v1/test/page?page=3").status());
    }

    @Test
    void missingTokenIs401WithTheBearerChallenge() {
        HttpSession.Response r = app.http().get("/api/v1/test/secure");
        assertEquals(401, r.status());
        assertEquals("Bearer realm=\"brique\"", r.header("WWW-Authenticate"));
        HttpSession.Response bad = app.http().get("/api/v1/test/secure", Map.of("Authorization", "Bearer brq_nope_nope"));
        assertEquals(401, bad.status());
        assertTrue(bad.header("WWW-Authenticate").contains("invalid_token"));
        String token = app.app().core().apiTokens().create("reader", "test:read");
        assertEquals(200, app.http().get("/api/v1/test/secure", Map.of("Authorization", "Bearer " + token)).status());
        String other = app.app().core().apiTokens().create("other", "orders:read");
        assertEquals(403, app.http().get("/api/v1/test/secure", Map.of("Authorization", "Bearer " + other)).status());
    }

    @Test
    void pathParametersAreDecodedSafely() {
        assertEquals("a+b c", app.http().get("/fr/test/echo/a+b%20c").body());
        // java.net.http refuses to send a malformed escape: speak HTTP over a socket.
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", app.app().port())) {
            s.getOutputStream().write("GET /fr/test/echo/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertTrue(statusLine.contains(" 400 ") || statusLine.contains(" 404 "), statusLine);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRotatedBootstrapTokenRetiresTheOldOne() {
        var tokens = app.app().core().apiTokens();
        tokens.storeBootstrap("bootstrap", "brq_first_bootstrap_token");
        assertTrue(tokens.verify("brq_first_bootstrap_token").isPresent());
        tokens.storeBootstrap("bootstrap", "brq_second_bootstrap_token");
        assertTrue(tokens.verify("brq_second_bootstrap_token").isPresent());
        assertTrue(tokens.verify("brq_first_bootstrap_token").isEmpty(), "the leaked token no longer works");
    }

    @Test
    void wrongMethodIs405() {
        assertEquals(405, app.http().get("/api/v1/test/lines").status());
    }

    @Test
    void unexpectedErrorsNeverLeakDetails() {
        HttpSession.Response api = app.http().get("/api/v1/test/boom");
        assertEquals(500, api.status());
        assertFalse(api.body().contains("secret internal detail"));
        assertTrue(api.json().get("detail").asText().contains("incident"));
        HttpSession.Response page = app.http().get("/fr/test/boom");
        assertEquals(500, page.status());
        assertFalse(page.body().contains("secret internal detail"));
        assertFalse(page.body().contains("IllegalStateException"));
    }

    @Test
    void aDatabaseThatIsAwayIsA503WithRetryAfterNotA500() {
        HttpSession.Response page = app.http().get("/fr/test/db-away");
        assertEquals(503, page.status());
        assertEquals("5", page.header("Retry-After"));
        assertTrue(page.body().contains("momentanément indisponible"), page.body());
        assertFalse(page.body().contains("Connection is not available"), "no internal detail");
        HttpSession.Response api = app.http().get("/api/v1/test/db-away");
        assertEquals(503, api.status());
        assertEquals("application/problem+json;charset=utf-8", api.header("Content-Type").replace(" ", ""));
        assertFalse(api.body().contains("Communications link"), "no internal detail");
        assertTrue(api.json().get("detail").asText().contains("briefly unavailable"));
    }

    @Test
    void unsupportedLanguageIs404() {
        assertEquals(404, app.http().get("/de/").status());
    }

    @Test
    void oversizedFormIsAClientError() {
        String big = "x".repeat(300 * 1024);
        HttpSession http = app.http();
        HttpSession.Response r = http.postForm("/fr/test/form", Map.of("big", big));
        assertTrue(r.status() >= 400 && r.status() < 500, "status " + r.status());
    }

    @Test
    void gracefulStopFinishesInFlightRequests() throws Exception {
        try (TestApp node = TestApp.startOn(app.dbConfig(), Map.of())) {
            node.app().core().router().get("/api/v1/test/slow", ctx -> {
                Thread.sleep(1500);
                ctx.json(Map.of("done", true));
            });
            HttpSession http = node.http();
            CompletableFuture<HttpSession.Response> inFlight = CompletableFuture.supplyAsync(
                    () -> http.get("/api/v1/test/slow"));
            Thread.sleep(300);
            node.app().close();
            HttpSession.Response r = inFlight.get();
            assertEquals(200, r.status());
            assertTrue(r.json().get("done").asBoolean());
        }
    }
}
