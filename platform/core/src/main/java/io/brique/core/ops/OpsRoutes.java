package io.brique.core.ops;

import io.brique.core.db.Database;
import io.brique.core.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Liveness, readiness and Prometheus metrics. */
public final class OpsRoutes {

    private OpsRoutes() {
    }

    /**
     * {@code metricsToken}: when set, {@code /metrics} wants {@code Authorization: Bearer <token>};
     * when not set, {@code loopbackOnly} limits it to local scrapers (production mode), since metrics
     * tell an outsider about traffic and orders.
     */
    public static void register(Router router, Database db, Metrics metrics, BooleanSupplier accepting,
            String metricsToken, boolean loopbackOnly) {
        router.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        router.get("/health/ready", ctx -> {
            boolean dbUp = db.ping();
            boolean up = dbUp && accepting.getAsBoolean();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "UP" : "DOWN");
            body.put("database", dbUp ? "UP" : "DOWN");
            body.put("accepting", accepting.getAsBoolean());
            ctx.resp().setHeader("Cache-Control", "no-store");
            ctx.json(up ? 200 : 503, body);
        });
        var openApi = io.brique.core.web.OpenApiDocument.build(io.brique.core.Brique.jsonMapper());
        router.get("/api/v1/openapi.json", ctx -> {
            ctx.resp().setHeader("Cache-Control", "public, max-age=300");
            ctx.json(openApi);
        });
        byte[] expected = metricsToken == null || metricsToken.isBlank() ? null
                : ("Bearer " + metricsToken).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        router.get("/metrics", ctx -> {
            if (expected != null) {
                String sent = ctx.req().getHeader("Authorization");
                if (sent == null || !java.security.MessageDigest.isEqual(expected,
                        sent.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                    ctx.resp().setHeader("WWW-Authenticate", "Bearer");
                    ctx.text(401, "text/plain; charset=utf-8", "metrics need the token set in ops.metrics-token\n");
                    return;
                }
            } else if (loopbackOnly && !isLoopback(ctx.req().getRemoteAddr())) {
                ctx.text(403, "text/plain; charset=utf-8",
                        "metrics are served to local scrapers only; set ops.metrics-token to scrape remotely\n");
                return;
            }
            ctx.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
        });
    }

    private static boolean isLoopback(String address) {
        // the servlet's remote address is an IP literal, so this never does a DNS lookup
        if (address == null || !address.matches("[0-9a-fA-F:.\\[\\]%]+")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
