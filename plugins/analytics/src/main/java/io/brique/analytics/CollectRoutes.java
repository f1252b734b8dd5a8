package io.brique.analytics;

import io.brique.api.http.PluginRequest;
import io.brique.api.http.PluginResponse;
import io.brique.api.http.PluginRoutes;
import io.brique.api.plugin.PluginContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The collection endpoint {@code POST /api/v1/plugins/analytics/collect} and the tracker script
 * {@code GET /{locale}/x/analytics/tracker.js}. The endpoint validates the whole batch, hands it to
 * the bounded queue and answers 202 at once; 400 with field messages for bad input (nothing of the
 * batch is kept), 503 with {@code Retry-After} when the queue is full, 204 for robots and opted-out
 * requests that are dropped on purpose.
 */
@Extension
public class CollectRoutes implements PluginRoutes {

    static final int MAX_BODY = 64 * 1024;

    private final PluginContext context;
    private final String trackerJs;

    public CollectRoutes(PluginContext context) {
        this.context = context;
        this.trackerJs = resource("tracker.js");
    }

    @Override
    public void register(Registrar routes) {
        routes.post(Area.API, "/collect", this::collect);
        routes.post(Area.API, "/import/store-sales", this::importStoreSales);
        routes.get(Area.STOREFRONT, "/tracker.js", r -> new PluginResponse(200, "text/javascript;charset=utf-8",
                trackerJs.getBytes(StandardCharsets.UTF_8), Map.of("Cache-Control", "public, max-age=3600")));
    }

    PluginResponse collect(PluginRequest request) {
        Analytics a = Analytics.of(context);
        byte[] body = request.body();
        if (body.length > MAX_BODY) {
            return reject(a, 413, "Payload Too Large", List.of(new CollectParser.Error("body", "at most " + MAX_BODY + " bytes")));
        }
        boolean trusted = trusted(request);
        if (!trusted && Bots.isBot(request.header("User-Agent"))) {
            context.count("bot_dropped", 1);
            return new PluginResponse(204, null, null, Map.of());
        }
        Instant now = context.clock().instant();
        boolean optedOut = Privacy.optedOut(request.header("DNT"), request.header("Sec-GPC"));
        List<Hit> hits;
        try {
            String fallback = a.privacy.audienceKey(CollectParser.day(now), clientIp(request), request.header("User-Agent"));
            hits = new CollectParser(a.ids).parse(new String(body, StandardCharsets.UTF_8),
                    new CollectParser.Origin(now, Settings.consentedMode(context.settings()), optedOut, trusted,
                            fallback, request.customerId(), null));
        } catch (CollectParser.BadInput e) {
            return reject(a, 400, "Bad Request", e.errors);
        } catch (java.sql.SQLException e) {
            context.logger().warn("analytics: salt lookup failed: {}", e.toString());
            return unavailable();
        }
        if (!a.collector.offer(hits)) {
            context.count("refused_full", 1);
            return unavailable();
        }
        context.count("events_accepted", hits.size());
        return PluginResponse.json(202, "{\"accepted\":" + hits.size() + "}");
    }

    /** Offline store sales as CSV ({@link StoreImport}); server to server, with the import token. */
    PluginResponse importStoreSales(PluginRequest request) throws java.sql.SQLException {
        if (!trusted(request)) {
            return new PluginResponse(401, "application/problem+json", ("{\"type\":\"about:blank\",\"title\":"
                    + "\"Unauthorized\",\"status\":401,\"detail\":\"Authorization: Bearer <import token> required\"}")
                    .getBytes(StandardCharsets.UTF_8), Map.of("WWW-Authenticate", "Bearer"));
        }
        Analytics a = Analytics.of(context);
        try {
            StoreImport.Result r = StoreImport.run(a.store, request.bodyText());
            return PluginResponse.json(200, "{\"orders\":" + r.orders() + ",\"lines\":" + r.lines()
                    + ",\"alreadyImported\":" + r.alreadyImported() + "}");
        } catch (CollectParser.BadInput e) {
            return reject(a, 400, "Bad Request", e.errors);
        }
    }

    private static PluginResponse unavailable() {
        return new PluginResponse(503, "application/problem+json", ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
                + "\"status\":503,\"detail\":\"the collection queue is full, retry later\"}").getBytes(StandardCharsets.UTF_8),
                Map.of("Retry-After", "1"));
    }

    private PluginResponse reject(Analytics a, int status, String title, List<CollectParser.Error> errors) {
        a.rejected.incrementAndGet();
        context.count("rejected", 1);
        StringBuilder json = new StringBuilder("{\"type\":\"about:blank\",\"title\":").append(Json.quote(title))
                .append(",\"status\":").append(status).append(",\"detail\":")
                .append(Json.quote(errors.isEmpty() ? title : errors.get(0).field() + ": " + errors.get(0).message()))
                .append(",\"errors\":[");
        for (int i = 0; i < errors.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"field\":").append(Json.quote(errors.get(i).field()))
                    .append(",\"message\":").append(Json.quote(errors.get(i).message())).append('}');
        }
        return new PluginResponse(status, "application/problem+json",
                json.append("]}").toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Server-to-server backfill: {@code Authorization: Bearer <import_token setting>}. */
    private boolean trusted(PluginRequest request) {
        String token = context.settings().get(Settings.IMPORT_TOKEN).orElse("");
        String auth = request.header("Authorization");
        if (token.isEmpty() || auth == null || !auth.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                auth.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    /** The address the core saw (it overwrites any client-sent header of that name). */
    static String clientIp(PluginRequest request) {
        String ip = request.header("X-Brique-Client-Ip");
        return ip == null ? "" : ip;
    }

    private static String resource(String name) {
        try (InputStream in = CollectRoutes.class.getResourceAsStream("/analytics/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
