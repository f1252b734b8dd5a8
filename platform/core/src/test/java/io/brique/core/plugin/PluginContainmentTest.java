package io.brique.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import io.brique.testing.PluginJarBuilder;
import io.brique.core.testing.TestApp;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins are guests: slow or failing ones never take a page down, and repeat offenders are switched off. */
@Tag("db")
class PluginContainmentTest {

    @TempDir
    Path dir;

    static PluginJarBuilder slotPlugin(String id, String renderBody) {
        String pkg = "t." + id.replace("-", "");
        return PluginJarBuilder.plugin(id, "1.0.0")
                .pluginClass(pkg + ".Main", "package " + pkg + "; public class Main extends io.brique.api.plugin.BriquePlugin {"
                        + " public Main(io.brique.api.plugin.PluginContext c) { super(c); } }")
                .extension(pkg + ".Slot", "package " + pkg + ";\n"
                        + "import io.brique.api.storefront.*;\n"
                        + "public class Slot implements SlotRenderer {\n"
                        + "  private final io.brique.api.plugin.PluginContext ctx;\n"
                        + "  public Slot(io.brique.api.plugin.PluginContext ctx) { this.ctx = ctx; }\n"
                        + "  public String slot() { return Slots.BODY_END; }\n"
                        + "  public String render(SlotContext c) { " + renderBody + " }\n"
                        + "}\n");
    }

    @Test
    void aHangingSlotRendererCostsAtMostItsBudget() {
        try (TestApp app = TestApp.start(Map.of("plugins.slot-budget", "200ms"))) {
            PluginHost host = app.app().plugins();
            host.install(slotPlugin("sleepy", "try { Thread.sleep(10_000); } catch (InterruptedException e) { }"
                    + " return \"<p>late</p>\";").build(dir));
            host.install(slotPlugin("quick", "return \"<p id=quick>quick plugin</p>\";").build(dir));
            host.enable("sleepy");
            host.enable("quick");
            HttpSession http = app.http();
            long t0 = System.nanoTime();
            HttpSession.Response page = http.get("/en/nowhere");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(404, page.status());
            assertTrue(page.body().contains("This page does not exist"));
            assertTrue(page.body().contains("quick plugin"), "the other plugin's slot still renders");
            assertFalse(page.body().contains("late"));
            assertTrue(ms < 3000, "page answered in " + ms + " ms despite a renderer sleeping 10 s");
        }
    }

    @Test
    void aPluginThatKeepsFailingIsDisabledAutomaticallyWithTheReason() throws Exception {
        try (TestApp app = TestApp.start(Map.of("plugins.max-failures", "3"))) {
            PluginHost host = app.app().plugins();
            host.install(slotPlugin("flaky", "throw new IllegalStateException(\"database of the plugin is down\");")
                    .build(dir));
            host.enable("flaky");
            HttpSession http = app.http();
            for (int i = 0; i < 3; i++) {
                assertEquals(404, http.get("/fr/nowhere").status());
            }
            for (int i = 0; i < 50 && host.isActive("flaky"); i++) {
                Thread.sleep(100);
            }
            assertFalse(host.isActive("flaky"));
            PluginHost.InstalledPlugin p = host.get("flaky").orElseThrow();
            assertEquals("failed", p.status());
            assertTrue(p.lastError().contains("disabled automatically"), p.lastError());
            assertTrue(p.lastError().contains("database of the plugin is down"), p.lastError());
            assertTrue(app.http().get("/metrics").body().contains("brique_plugin_failures_total{hook=\"slot:body.end\",plugin=\"flaky\"}"));
        }
    }

    @Test
    void otherExtensionPointsAreRegisteredPerOwnerAndCalledUnderABudget() {
        try (TestApp app = TestApp.start()) {
            PluginHost host = app.app().plugins();
            host.install(PluginJarBuilder.plugin("widgets", "1.0.0")
                    .pluginClass("t.w.Main", "package t.w; public class Main extends io.brique.api.plugin.BriquePlugin {"
                            + " public Main(io.brique.api.plugin.PluginContext c) { super(c); } }")
                    .extension("t.w.Tile", """
                            package t.w;
                            public class Tile implements io.brique.api.admin.DashboardWidget {
                                public String id() { return "tile"; }
                                public String render(String lang) { return lang.equals("fr") ? "Bonjour" : "Hello"; }
                            }
                            """)
                    .extension("t.w.Slow", """
                            package t.w;
                            public class Slow implements io.brique.api.customer.CustomerDataHandler {
                                public java.util.Map<String, Object> export(long id, String email) {
                                    try { Thread.sleep(5000); } catch (InterruptedException e) { }
                                    return java.util.Map.of("late", true);
                                }
                                public String erase(long id, String email) { return "nothing kept"; }
                            }
                            """).build(dir));
            io.brique.core.plugin.ExtensionRegistry reg = app.app().core().extensions();
            assertTrue(reg.entries(io.brique.api.admin.DashboardWidget.class).isEmpty(), "nothing before enable");
            host.enable("widgets");
            var tiles = reg.entries(io.brique.api.admin.DashboardWidget.class);
            assertEquals(1, tiles.size());
            assertEquals("widgets", tiles.get(0).owner());
            assertEquals("Bonjour", reg.call(tiles.get(0), "widget", java.time.Duration.ofMillis(500),
                    w -> w.render("fr"), ""));
            var handler = reg.entries(io.brique.api.customer.CustomerDataHandler.class).get(0);
            long t0 = System.nanoTime();
            Object result = reg.call(handler, "export", java.time.Duration.ofMillis(200),
                    h -> h.export(1, "a@b.c"), java.util.Map.of("unavailable", true));
            assertEquals(java.util.Map.of("unavailable", true), result, "a hanging extension gives the fallback");
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000);
            host.disable("widgets");
            assertTrue(reg.entries(io.brique.api.admin.DashboardWidget.class).isEmpty(), "gone when disabled");
            assertTrue(reg.entries(io.brique.api.customer.CustomerDataHandler.class).isEmpty());
        }
    }

    @Test
    void anotherNodeConvergesToEnableAndDisable() throws Exception {
        try (TestApp a = TestApp.start(Map.of("plugins.sync-interval", "200ms"));
                TestApp b = TestApp.startOn(a.dbConfig(), Map.of("plugins.sync-interval", "200ms"))) {
            a.app().plugins().install(slotPlugin("shared",
                    "return \"<p>shared plugin \" + ctx.settings().get(\"word\", \"plain\") + \"</p>\";").build(dir));
            a.app().plugins().enable("shared");
            long t0 = System.nanoTime();
            while (!b.http().get("/fr/nowhere").body().contains("shared plugin")
                    && System.nanoTime() - t0 < 5_000_000_000L) {
                Thread.sleep(50);
            }
            long enableMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(b.http().get("/fr/nowhere").body().contains("shared plugin plain"), "node B enabled it");

            // a setting saved on node A applies on node B within a sync tick
            a.app().core().db().dsl().insertInto(io.brique.core.db.jooq.Tables.PLUGIN_SETTING)
                    .set(io.brique.core.db.jooq.Tables.PLUGIN_SETTING.PLUGIN_ID, "shared")
                    .set(io.brique.core.db.jooq.Tables.PLUGIN_SETTING.SETTING_KEY, "word")
                    .set(io.brique.core.db.jooq.Tables.PLUGIN_SETTING.VALUE, "configured").execute();
            a.app().plugins().settingsChanged();
            assertTrue(a.http().get("/fr/nowhere").body().contains("shared plugin configured"), "at once on A");
            t0 = System.nanoTime();
            while (!b.http().get("/fr/nowhere").body().contains("shared plugin configured")
                    && System.nanoTime() - t0 < 5_000_000_000L) {
                Thread.sleep(50);
            }
            assertTrue(b.http().get("/fr/nowhere").body().contains("shared plugin configured"), "node B follows");
            a.app().plugins().disable("shared");
            t0 = System.nanoTime();
            while (b.http().get("/fr/nowhere").body().contains("shared plugin")
                    && System.nanoTime() - t0 < 5_000_000_000L) {
                Thread.sleep(50);
            }
            assertFalse(b.http().get("/fr/nowhere").body().contains("shared plugin"), "node B disabled it");
            System.out.println("plugin enable propagated to a second node in " + enableMs + " ms");
        }
    }
}
