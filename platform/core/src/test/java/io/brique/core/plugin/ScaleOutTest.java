package io.brique.core.plugin;

import static io.brique.core.db.jooq.Tables.VARIANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.brique.core.catalog.ProductImportService;
import io.brique.core.testing.TestApp;
import io.brique.testing.HttpSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one database behind a round-robin reverse proxy (no sticky sessions), as in
 * production behind nginx or HAProxy: a shopper's session and cart survive alternating nodes, a
 * catalog change made through one node shows on both, a plugin toggled on one node is effective on
 * the other within 5 s.
 */
@Tag("db")
class ScaleOutTest {

    /** A minimal HTTP/1.1 reverse proxy: round robin, X-Forwarded-For appended, no retries. */
    static final class RoundRobinProxy implements AutoCloseable {
        private static final Set<String> HOP = Set.of("connection", "content-length", "transfer-encoding", "host",
                "keep-alive", "upgrade", "expect", "te", "trailer", "proxy-connection");
        private final List<String> nodes;
        private final AtomicInteger next = new AtomicInteger();
        final int[] served;
        private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final HttpServer server;

        RoundRobinProxy(List<String> nodes) throws IOException {
            this.nodes = nodes;
            this.served = new int[nodes.size()];
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::forward);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void forward(HttpExchange ex) throws IOException {
            int i = Math.floorMod(next.getAndIncrement(), nodes.size());
            synchronized (served) {
                served[i]++;
            }
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(nodes.get(i) + ex.getRequestURI()))
                        .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                ex.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP.contains(name.toLowerCase()) && !name.equalsIgnoreCase("X-Forwarded-For")) {
                        values.forEach(v -> b.header(name, v));
                    }
                });
                b.header("X-Forwarded-For", ex.getRemoteAddress().getAddress().getHostAddress());
                HttpResponse<byte[]> r;
                try {
                    r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ex.sendResponseHeaders(502, -1);
                    return;
                }
                r.headers().map().forEach((name, values) -> {
                    if (!HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                        ex.getResponseHeaders().put(name, values);
                    }
                });
                byte[] out = r.body();
                ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    ex.getResponseBody().write(out);
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @TempDir
    Path dir;

    private static final String HEADER = String.join(",", ProductImportService.COLUMNS) + "\n";
    private static final String LINE = "tasse-scale,active,Tasse scale,Scale cup,,,chemises,,standard,SCALE-1,,,%s,,EUR,50,\n";

    private static String text(String html) {
        return html.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    private static void within(long millis, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + millis + " ms: " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void sessionsCartsCatalogAndPluginsWorkAcrossTwoNodesBehindARoundRobinProxy() throws Exception {
        Map<String, String> cfg = Map.of("http.trusted-proxies", "127.0.0.1", "plugins.sync-interval", "2s");
        try (TestApp a = TestApp.start(cfg); TestApp b = TestApp.startOn(a.dbConfig(), cfg);
                RoundRobinProxy proxy = new RoundRobinProxy(List.of(a.app().baseUrl(), b.app().baseUrl()))) {
            io.brique.core.catalog.CatalogFixture.load(a.app());
            b.app().catalog().catalog().catalogChanged();
            String token = a.apiToken();
            HttpSession shopper = new HttpSession(proxy.url());
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token);

            // a product created through the proxy (either node)
            HttpSession.Response created = shopper.send("POST", "/api/v1/imports/products", "text/csv; charset=utf-8",
                    (HEADER + LINE.formatted("19.90")).getBytes(StandardCharsets.UTF_8), auth);
            assertEquals(200, created.status(), created.body());
            assertEquals(1, created.json().get("created").asInt(), created.body());
            long variant = a.app().core().db().dsl().select(VARIANT.ID).from(VARIANT).where(VARIANT.SKU.eq("SCALE-1"))
                    .fetchOne(VARIANT.ID);
            a.app().catalog().catalog().catalogChanged();
            b.app().catalog().catalog().catalogChanged();

            // the cart: added on one node, updated on the other, read on both
            HttpSession.Response add = shopper.postForm("/fr/cart/add",
                    Map.of("variantId", Long.toString(variant), "quantity", "1"));
            assertEquals(303, add.status(), add.body());
            HttpSession.Response update = shopper.postForm("/fr/cart/update",
                    Map.of("variantId", Long.toString(variant), "quantity", "3"));
            assertEquals(303, update.status(), update.body());
            for (int i = 0; i < 4; i++) {
                String cart = text(shopper.get("/fr/cart").body());
                assertTrue(cart.contains("Tasse scale") && cart.contains("59,70"), "request " + i + ": " + cart);
            }

            // a price change through the proxy shows on both nodes (events refresh each node's cache)
            assertEquals(200, shopper.send("POST", "/api/v1/imports/products", "text/csv; charset=utf-8",
                    (HEADER + LINE.formatted("17.00")).getBytes(StandardCharsets.UTF_8), auth).status());
            within(5_000, () -> text(a.http().get("/fr/p/tasse-scale").body()).contains("17,00")
                    && text(b.http().get("/fr/p/tasse-scale").body()).contains("17,00"), "new price on both nodes");

            // a plugin enabled and disabled on node A is effective on node B within 5 s
            a.app().plugins().install(PluginLifecycleTest.hello("1.0.0").build(dir));
            a.app().plugins().enable("hello");
            within(5_000, () -> b.http().get("/api/v1/plugins/hello/greeting").status() == 200, "enabled on B");
            a.app().plugins().disable("hello");
            within(5_000, () -> b.http().get("/api/v1/plugins/hello/greeting").status() == 404, "disabled on B");

            synchronized (proxy.served) {
                assertTrue(proxy.served[0] >= 4 && proxy.served[1] >= 4, "both nodes served the shopper: "
                        + proxy.served[0] + " / " + proxy.served[1]);
            }
        }
    }
}
