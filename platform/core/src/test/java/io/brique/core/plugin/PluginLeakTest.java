package io.brique.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.PluginJarBuilder;
import io.brique.core.testing.TestApp;
import io.brique.testing.HttpSession;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enabling and disabling a plugin 100 times must not leak: every disabled plugin's class loader becomes
 * collectable, and neither the number of loaded classes nor the heap grows with the cycles. The plugin
 * renders a Thymeleaf template from its own jar with one of its own classes in the model, the path most
 * likely to leave a reference behind (template and expression caches).
 */
class PluginLeakTest {

    static final String MAIN = """
            package test.leak;
            import io.brique.api.plugin.*;
            public class LeakPlugin extends BriquePlugin {
                public LeakPlugin(PluginContext c) { super(c); }
            }
            """;
    static final String SLOT = """
            package test.leak;
            import io.brique.api.plugin.*;
            import io.brique.api.storefront.*;
            public class LeakSlot implements SlotRenderer {
                public record Greeting(String text, int count) {}
                private final PluginContext ctx;
                public LeakSlot(PluginContext ctx) { this.ctx = ctx; }
                public String slot() { return Slots.BODY_END; }
                public String render(SlotContext c) {
                    return ctx.templates().render("greeting", c.locale(),
                            java.util.Map.of("g", new Greeting("<b>hi</b>", 3), "all", java.util.List.of(new Greeting("x", 1))));
                }
            }
            """;
    static final String ROUTES = """
            package test.leak;
            import io.brique.api.http.*;
            public class LeakRoutes implements PluginRoutes {
                public void register(Registrar r) {
                    r.get(Area.API, "/ping", req -> PluginResponse.json(200, "{\\"pong\\":true}"));
                }
            }
            """;

    TestApp app;
    PluginHost host;
    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        app = TestApp.start();
        host = app.app().plugins();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void hundredEnableDisableCyclesLeakNoClassLoaderClassOrHeap() throws Exception {
        host.install(PluginJarBuilder.plugin("leak", "1.0.0")
                .pluginClass("test.leak.LeakPlugin", MAIN)
                .extension("test.leak.LeakSlot", SLOT)
                .extension("test.leak.LeakRoutes", ROUTES)
                .resource("templates/greeting.html",
                        "<p id=\"leak-slot\" th:text=\"#{leak.greeting(${g.count})} + ' ' + ${g.text}\">x</p><i th:each=\"a : ${all}\" th:text=\"${a.text}\"></i>")
                .resource("i18n/messages_fr.properties", "leak.greeting=Bonjour {0} fois")
                .resource("i18n/messages_en.properties", "leak.greeting=Hello {0} times")
                .build(dir));
        HttpSession http = app.http();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        long classesAfterWarmUp = 0;
        long heapAfterWarmUp = 0;
        for (int i = 0; i < 100; i++) {
            host.enable("leak");
            assertEquals(200, http.get("/api/v1/plugins/leak/ping").status());
            // the very first render in a cold JVM may exceed the slot's 150 ms budget (and show nothing)
            String page = http.get("/fr/nowhere").body();
            for (int retry = 0; retry < 5 && !page.contains("leak-slot"); retry++) {
                page = http.get("/fr/nowhere").body();
            }
            // the template, the plugin's own text and the escaping all work
            assertTrue(page.contains("Bonjour 3 fois &lt;b&gt;hi&lt;/b&gt;</p><i>x</i>"), "slot rendered from the plugin template");
            loaders.add(new WeakReference<>(host.classLoaderOf("leak").orElseThrow()));
            host.disable("leak");
            if (i == 9) {
                settle(loaders);
                classesAfterWarmUp = loadedClasses();
                heapAfterWarmUp = usedHeap();
            }
        }
        settle(loaders);
        assertEquals(0, loaders.stream().filter(w -> w.get() != null).count(),
                "class loaders of disabled plugins must be collectable");
        long classGrowth = loadedClasses() - classesAfterWarmUp;
        long heapGrowth = usedHeap() - heapAfterWarmUp;
        System.out.printf("leak test: 90 cycles after warm-up, loaded classes %+d, heap %+d KiB%n", classGrowth,
                heapGrowth / 1024);
        // One cycle loads ~10 plugin classes: a leak would add ~900 classes over 90 cycles.
        assertTrue(classGrowth < 150, "loaded classes grew by " + classGrowth);
        assertTrue(heapGrowth < 24L * 1024 * 1024, "heap grew by " + heapGrowth / 1024 + " KiB");
    }

    private static void settle(List<WeakReference<ClassLoader>> loaders) throws InterruptedException {
        for (int i = 0; i < 40 && (i < 3 || loaders.stream().anyMatch(w -> w.get() != null)); i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    private static long loadedClasses() {
        return ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
