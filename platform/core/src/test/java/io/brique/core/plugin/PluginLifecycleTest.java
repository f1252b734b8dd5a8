package io.brique.core.plugin;

import static io.brique.core.db.jooq.Tables.PLUGIN_SETTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.event.Events;
import io.brique.core.Core;
import io.brique.testing.HttpSession;
import io.brique.testing.PluginJarBuilder;
import io.brique.core.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class PluginLifecycleTest {

    static final String MAIN = """
            package test.hello;
            import io.brique.api.plugin.*;
            public class HelloPlugin extends BriquePlugin {
                public HelloPlugin(PluginContext c) { super(c); }
            }
            """;
    static final String SLOT = """
            package test.hello;
            import io.brique.api.storefront.*;
            public class HelloSlot implements SlotRenderer {
                public String slot() { return Slots.BODY_END; }
                public String render(SlotContext c) { return "<p id=\\"hello-slot\\">Hello from a plugin</p>"; }
            }
            """;
    static final String ROUTES = """
            package test.hello;
            import io.brique.api.http.*;
            import io.brique.api.plugin.*;
            public class HelloRoutes implements PluginRoutes {
                private final PluginContext ctx;
                public HelloRoutes(PluginContext ctx) { this.ctx = ctx; }
                public void register(Registrar r) {
                    r.get(Area.API, "/greeting", req -> {
                        int rows;
                        try (var c = ctx.dataSource().getConnection(); var s = c.createStatement();
                             var rs = s.executeQuery("select count(*) from " + ctx.tablePrefix() + "greeting")) {
                            rs.next();
                            rows = rs.getInt(1);
                        }
                        return PluginResponse.json(200, "{\\"greeting\\":\\"" + ctx.settings().get("greeting", "bonjour")
                                + "\\",\\"rows\\":" + rows + "}");
                    });
                }
            }
            """;
    static final String LISTENER = """
            package test.hello;
            import io.brique.api.event.*;
            import io.brique.api.plugin.*;
            public class HelloListener implements DomainEventListener {
                private final PluginContext ctx;
                public HelloListener(PluginContext ctx) { this.ctx = ctx; }
                public String name() { return "greeter"; }
                public java.util.Set<String> eventTypes() { return java.util.Set.of("customer.updated"); }
                public void onEvent(EventEnvelope e) throws Exception {
                    try (var c = ctx.dataSource().getConnection();
                         var s = c.prepareStatement("insert into hello_greeting (text) values (?)")) {
                        s.setString(1, e.type());
                        s.executeUpdate();
                    }
                }
            }
            """;

    TestApp app;
    Core core;
    PluginHost host;
    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        app = TestApp.start();
        core = app.app().core();
        host = app.app().plugins();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    static PluginJarBuilder hello(String version) {
        PluginJarBuilder b = PluginJarBuilder.plugin("hello", version)
                .pluginClass("test.hello.HelloPlugin", MAIN)
                .extension("test.hello.HelloSlot", SLOT)
                .extension("test.hello.HelloRoutes", ROUTES)
                .extension("test.hello.HelloListener", LISTENER)
                .resource("db/migration/plugin/hello/V1__greetings.sql",
                        "CREATE TABLE hello_greeting (id BIGINT AUTO_INCREMENT PRIMARY KEY, text VARCHAR(100) NOT NULL);\n"
                                + "INSERT INTO hello_greeting (text) VALUES ('hi');\n");
        if (!version.equals("1.0.0")) {
            b.resource("db/migration/plugin/hello/V2__more.sql", "INSERT INTO hello_greeting (text) VALUES ('v2');\n");
        }
        return b;
    }

    int greetingRows() {
        return core.db().dsl().fetchCount(DSL.table(DSL.name("hello_greeting")));
    }

    boolean tableExists(String name) {
        return new PluginSchema(core.db()).tables("hello_").contains(name);
    }

    @Test
    void installEnableDisableUpgradeUninstall() throws Exception {
        HttpSession http = app.http();
        PluginHost.InstalledPlugin p = host.install(hello("1.0.0").build(dir));
        assertEquals("disabled", p.status());
        assertEquals(64, p.sha256().length());
        assertEquals(1, greetingRows(), "the plugin's migration ran at install");
        assertEquals(404, http.get("/api/v1/plugins/hello/greeting").status(), "installed but disabled: no route");
        assertFalse(http.get("/fr/nowhere").body().contains("hello-slot"));

        host.enable("hello");
        HttpSession.Response r = http.get("/api/v1/plugins/hello/greeting");
        assertEquals(200, r.status());
        assertEquals("bonjour", r.json().get("greeting").asText());
        assertTrue(http.get("/fr/nowhere").body().contains("Hello from a plugin"), "slot rendered in the page");

        core.db().dsl().insertInto(PLUGIN_SETTING).set(PLUGIN_SETTING.PLUGIN_ID, "hello")
                .set(PLUGIN_SETTING.SETTING_KEY, "greeting").set(PLUGIN_SETTING.VALUE, "salut").execute();
        host.converge(); // what the sync tick does: a change saved by another node applies here
        assertEquals("salut", http.get("/api/v1/plugins/hello/greeting").json().get("greeting").asText(),
                "a setting change applies without restart");

        core.db().txRun(tx -> core.events().publish(tx, new Events.CustomerUpdated(1, "email")));
        app.drainEvents();
        assertEquals(2, greetingRows(), "the plugin's listener got the event after commit");

        host.disable("hello");
        assertEquals(404, http.get("/api/v1/plugins/hello/greeting").status());
        assertFalse(http.get("/fr/nowhere").body().contains("hello-slot"), "slot gone at once");
        core.db().txRun(tx -> core.events().publish(tx, new Events.CustomerUpdated(1, "phone")));
        app.drainEvents();
        assertEquals(2, greetingRows(), "a disabled plugin receives no event");

        host.enable("hello");
        app.drainEvents();
        assertEquals(200, http.get("/api/v1/plugins/hello/greeting").status(), "re-enabling restores the route");
        assertEquals(3, greetingRows(), "events missed while disabled are delivered on re-enable (position kept)");

        PluginHost.InstalledPlugin v2 = host.install(hello("1.1.0").build(dir));
        assertEquals("1.1.0", v2.version());
        assertEquals("enabled", v2.status(), "an upgrade keeps an enabled plugin enabled");
        assertEquals(4, greetingRows(), "the new migration ran");

        host.uninstall("hello", true);
        assertTrue(tableExists("hello_greeting"), "keep data: tables stay");
        assertEquals(404, http.get("/api/v1/plugins/hello/greeting").status());

        host.install(hello("1.1.0").build(dir));
        assertEquals(4, greetingRows(), "re-install on kept data runs nothing twice");
        host.uninstall("hello", false);
        assertFalse(tableExists("hello_greeting"), "delete data: tables dropped");
        assertTrue(host.list().isEmpty());
    }

    @Test
    void stateSurvivesARestart() {
        host.install(hello("1.0.0").build(dir));
        host.enable("hello");
        try (TestApp second = TestApp.startOn(app.dbConfig(), Map.of())) {
            // a fresh node: it reads the desired state from the database at boot
            assertTrue(second.app().plugins().isActive("hello"));
            assertEquals(200, second.http().get("/api/v1/plugins/hello/greeting").status());
        }
    }

    @Test
    void incompatibleOrBrokenPluginsAreRefusedWithAReason() throws Exception {
        PluginException tooNew = assertThrows(PluginException.class, () -> host.install(
                hello("1.0.0").manifest("Plugin-Requires", ">=2.0.0").build(dir)));
        assertTrue(tooNew.getMessage().contains("needs SDK >=2.0.0"), tooNew.getMessage());

        PluginException noId = assertThrows(PluginException.class, () -> host.install(
                hello("1.0.0").manifest("Plugin-Id", "../evil").build(dir)));
        assertTrue(noId.getMessage().contains("Plugin-Id"), noId.getMessage());

        Path notAJar = dir.resolve("junk.jar");
        Files.writeString(notAJar, "this is not a zip");
        assertThrows(PluginException.class, () -> host.install(notAJar));

        PluginException missingClass = assertThrows(PluginException.class, () -> {
            host.install(PluginJarBuilder.plugin("ghost", "1.0.0").manifest("Plugin-Class", "nope.Missing")
                    .source("x.Y", "package x; public class Y {}").build(dir));
            host.enable("ghost");
        });
        assertTrue(missingClass.getMessage().contains("ghost"), missingClass.getMessage());
        assertFalse(host.isActive("ghost"));
        assertEquals(200, app.http().get("/health/ready").status(), "the shop is unaffected");
    }

    @Test
    void aThrowingSlotRendererLeavesThePageIntact() {
        host.install(PluginJarBuilder.plugin("broken", "1.0.0")
                .pluginClass("t.b.Main", "package t.b; public class Main extends io.brique.api.plugin.BriquePlugin {"
                        + " public Main(io.brique.api.plugin.PluginContext c) { super(c); } }")
                .extension("t.b.Bad", """
                        package t.b;
                        import io.brique.api.storefront.*;
                        public class Bad implements SlotRenderer {
                            public String slot() { return Slots.HEADER; }
                            public String render(SlotContext c) { throw new IllegalStateException("boom"); }
                        }
                        """).build(dir));
        host.install(hello("1.0.0").build(dir));
        host.enable("broken");
        host.enable("hello");
        HttpSession.Response page = app.http().get("/fr/nowhere");
        assertEquals(404, page.status(), "the page keeps its own status");
        assertTrue(page.body().contains("Cette page n’existe pas"), "the rest of the page is intact");
        assertTrue(page.body().contains("Hello from a plugin"), "other plugins still render");
    }
}
