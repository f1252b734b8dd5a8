package io.brique.bench;

import io.brique.testing.PluginJarBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Product-page throughput of a shop with no plugin against the same shop with six enabled plugins
 * filling product-page slots (the example plugin, which reads its settings, and five trivial ones,
 * one of them rendering a Thymeleaf template from its jar). Both servers run side by side as child
 * processes on embedded H2 with the demo catalog; the driver alternates short closed-loop rounds
 * between them so that drift on a shared machine hits both equally, and reports the ratio of the sums.
 * Usage: {@code ./brique bench-plugins [--rounds 6] [--seconds 10] [--warmup 20] [--connections 32]}.
 */
public final class PluginOverheadBench {

    static final String[] SLOTS = {"product.below-price", "product.bottom", "head", "header", "body.end"};

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadBench.parse(args);
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "6"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
        int connections = Integer.parseInt(opts.getOrDefault("connections", "32"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "20"));
        Path example = Path.of(opts.getOrDefault("example-jar", "plugins/example-hello/target/example-hello-1.0.0.jar"));
        if (!Files.isRegularFile(example)) {
            throw new IllegalStateException("the example plugin jar is missing: " + example
                    + " (build it: ./brique mvn -q -DskipTests -pl plugins/example-hello -am package)");
        }

        Path bare = Files.createTempDirectory("brique-bench-bare");
        Path withPlugins = Files.createTempDirectory("brique-bench-plugins");
        Path dropIn = Files.createDirectories(withPlugins.resolve("drop-in"));
        Files.copy(example, dropIn.resolve("example-hello.jar"));
        Path build = Files.createTempDirectory("brique-bench-build");
        for (int i = 1; i <= 5; i++) {
            Files.copy(trivialPlugin(i, build), dropIn.resolve("trivial-" + i + ".jar"));
        }

        Process a = LoadBench.startServer(env(18090, bare, null), bare);
        Process b = LoadBench.startServer(env(18091, withPlugins, dropIn), withPlugins);
        try {
            String baseA = "http://127.0.0.1:18090";
            String baseB = "http://127.0.0.1:18091";
            LoadBench.waitReady(baseA, a);
            LoadBench.waitReady(baseB, b);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            List<String> urlsA = LoadBench.urls(client, baseA, "product");
            List<String> urlsB = LoadBench.urls(client, baseB, "product");
            checkPluginsServe(client, urlsB.get(0));

            System.out.printf(Locale.ROOT, "== product pages, 0 vs 6 plugins: %d rounds of %d s each, %d connections ==%n",
                    rounds, seconds, connections);
            // long enough for the JIT to settle on both servers before anything counts
            LoadBench.runClosed(client, urlsA, connections, warmup);
            LoadBench.runClosed(client, urlsB, connections, warmup);
            List<Double> ratios = new ArrayList<>();
            double sumA = 0;
            double sumB = 0;
            Histogram ha = new Histogram(60_000_000_000L, 3);
            Histogram hb = new Histogram(60_000_000_000L, 3);
            long[] errors = new long[2];
            List<String> lines = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                long[] e = new long[1];
                // alternate which one goes first, so a trend over time does not favour either
                double ra;
                double rb;
                if (r % 2 == 1) {
                    ra = LoadBench.runClosed(client, urlsA, connections, seconds, ha, e);
                    errors[0] += e[0];
                    rb = LoadBench.runClosed(client, urlsB, connections, seconds, hb, e);
                    errors[1] += e[0];
                } else {
                    rb = LoadBench.runClosed(client, urlsB, connections, seconds, hb, e);
                    errors[1] += e[0];
                    ra = LoadBench.runClosed(client, urlsA, connections, seconds, ha, e);
                    errors[0] += e[0];
                }
                sumA += ra;
                sumB += rb;
                ratios.add(rb / ra);
                String line = String.format(Locale.ROOT, "round %d: 0 plugins %.0f pages/s, 6 plugins %.0f pages/s, ratio %.3f",
                        r, ra, rb, rb / ra);
                System.out.println(line);
                lines.add(line);
            }
            System.out.println();
            System.out.println("| date | page | plugins | pages/s (mean of rounds) | p50 ms | p99 ms | errors |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            System.out.printf(Locale.ROOT, "| %s | product | 0 | %.0f | %.2f | %.2f | %d |%n", LocalDate.now(),
                    sumA / rounds, LoadBench.ms(ha, 50), LoadBench.ms(ha, 99), errors[0]);
            System.out.printf(Locale.ROOT, "| %s | product | 6 | %.0f | %.2f | %.2f | %d |%n", LocalDate.now(),
                    sumB / rounds, LoadBench.ms(hb, 50), LoadBench.ms(hb, 99), errors[1]);
            ratios.sort(null);
            double median = ratios.size() % 2 == 1 ? ratios.get(ratios.size() / 2)
                    : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
            System.out.printf(Locale.ROOT, "%nratio 6 plugins / 0 plugins: %.3f over all rounds, median of rounds %.3f"
                    + " (goal >= 0.85)%n", sumB / sumA, median);
        } finally {
            for (Process p : List.of(a, b)) {
                p.destroy();
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static Map<String, String> env(int port, Path dataDir, Path dropIn) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BRIQUE_HTTP_PORT", Integer.toString(port));
        env.put("BRIQUE_HTTP_HOST", "127.0.0.1");
        env.put("BRIQUE_DATA_DIR", dataDir.toString());
        env.put("BRIQUE_DEMO_ENABLED", "true");
        if (dropIn != null) {
            env.put("BRIQUE_PLUGINS_DROP__IN__DIR", dropIn.toString());
            env.put("BRIQUE_PLUGINS_AUTO__ENABLE", "true");
        }
        return env;
    }

    /** Fails the run when the six plugins do not all show on the product page. */
    private static void checkPluginsServe(HttpClient client, String url) throws Exception {
        String page = "";
        // the first renders in a cold JVM may exceed the slot budget and show nothing: warm up first
        for (int attempt = 0; attempt < 20 && !(page.contains("trivial-5-slot") && page.contains("example-hello"));
                attempt++) {
            page = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
        for (int i = 1; i <= 5; i++) {
            if (!page.contains("trivial-" + i + "-slot")) {
                throw new IllegalStateException("plugin trivial-" + i + " does not render on " + url);
            }
        }
        if (!page.contains("example-hello")) {
            throw new IllegalStateException("the example plugin does not render on " + url);
        }
    }

    private static Path trivialPlugin(int i, Path dir) {
        String pkg = "bench.trivial" + i;
        String id = "trivial-" + i;
        String slot = SLOTS[i - 1];
        PluginJarBuilder b = PluginJarBuilder.plugin(id, "1.0.0")
                .pluginClass(pkg + ".Main", "package " + pkg + ";\n"
                        + "public class Main extends io.brique.api.plugin.BriquePlugin {\n"
                        + "  public Main(io.brique.api.plugin.PluginContext c) { super(c); }\n}\n");
        String body = i == 5
                // one renders a template from its jar, the way real bricks do
                ? "return ctx.templates().render(\"slot\", c.locale(), java.util.Map.of(\"product\", "
                        + "String.valueOf(c.value(\"productId\"))));"
                : "return \"<div class=\\\"" + id + "-slot\\\">plugin " + i + "</div>\";";
        b.extension(pkg + ".Slot", "package " + pkg + ";\n"
                + "import io.brique.api.storefront.*;\n"
                + "public class Slot implements SlotRenderer {\n"
                + "  private final io.brique.api.plugin.PluginContext ctx;\n"
                + "  public Slot(io.brique.api.plugin.PluginContext ctx) { this.ctx = ctx; }\n"
                + "  public String slot() { return \"" + slot + "\"; }\n"
                + "  public String render(SlotContext c) { " + body + " }\n}\n");
        if (i == 5) {
            b.resource("templates/slot.html", "<div class=\"" + id + "-slot\" th:text=\"${product}\">x</div>");
        }
        return b.build(dir);
    }
}
