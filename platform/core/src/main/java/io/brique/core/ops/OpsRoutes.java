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

    public static void register(Router router, Database db, Metrics metrics, BooleanSupplier accepting) {
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
        router.get("/metrics", ctx -> ctx.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    }
}
