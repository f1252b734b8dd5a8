package io.brique.admin;

import io.brique.testing.PluginJarBuilder;

/**
 * A test plugin with everything the console deals with: a storefront slot showing its "greeting"
 * setting, declared settings (text, secret, bounded number), admin navigation with its own permission,
 * admin routes (an HTML fragment with a form, a POST, a bare page without layout, a page without
 * navigation entry) and a dashboard widget.
 */
final class TestPlugins {

    private TestPlugins() {
    }

    static PluginJarBuilder adminPlugin(String id, String version) {
        String pkg = "test." + id.replace("-", "");
        return PluginJarBuilder.plugin(id, version)
                .pluginClass(pkg + ".Main", """
                        package PKG;
                        import io.brique.api.plugin.*;
                        public class Main extends BriquePlugin {
                            public Main(PluginContext c) { super(c); }
                        }
                        """.replace("PKG", pkg))
                .extension(pkg + ".Slot", """
                        package PKG;
                        import io.brique.api.storefront.*;
                        import io.brique.api.plugin.*;
                        public class Slot implements SlotRenderer {
                            private final PluginContext ctx;
                            public Slot(PluginContext ctx) { this.ctx = ctx; }
                            public String slot() { return Slots.BODY_END; }
                            public String render(SlotContext c) {
                                String g = ctx.settings().get("greeting", "Hello from ID");
                                g = g.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\\"", "&quot;");
                                return "<p id=\\"ID-slot\\">" + g + "</p>";
                            }
                        }
                        """.replace("PKG", pkg).replace("ID", id))
                .extension(pkg + ".Settings", """
                        package PKG;
                        import io.brique.api.plugin.*;
                        import java.util.List;
                        public class Settings implements SettingsDeclaration {
                            public List<Setting> settings() {
                                return List.of(Setting.text("greeting", "Greeting", "Hello from ID"),
                                        Setting.secret("apiKey", "API key"),
                                        Setting.number("limit", "Limit", 10, 1, 100));
                            }
                        }
                        """.replace("PKG", pkg).replace("ID", id))
                .extension(pkg + ".Nav", """
                        package PKG;
                        import io.brique.api.admin.*;
                        import java.util.*;
                        public class Nav implements AdminNavigation {
                            public List<Entry> entries() {
                                return List.of(new Entry(Map.of("en", "ID reports", "fr", "Rapports ID"), "/reports",
                                        "ID.reports", 10));
                            }
                            public List<String> permissions() { return List.of("ID.reports"); }
                        }
                        """.replace("PKG", pkg).replace("ID", id))
                .extension(pkg + ".Widget", """
                        package PKG;
                        import io.brique.api.admin.*;
                        public class Widget implements DashboardWidget {
                            public String id() { return "w"; }
                            public String render(String lang) { return "<p class=\\"ID-widget\\">ID widget " + lang + "</p>"; }
                        }
                        """.replace("PKG", pkg).replace("ID", id))
                .extension(pkg + ".Routes", """
                        package PKG;
                        import io.brique.api.http.*;
                        import java.util.Map;
                        public class Routes implements PluginRoutes {
                            public void register(Registrar r) {
                                r.get(Area.ADMIN, "/reports", req -> new PluginResponse(200, "text/html;charset=utf-8",
                                        ("<p id=\\"ID-report\\">Report of ID</p><form method=\\"post\\" action=\\"/admin/plugins/ID/reports\\">"
                                        + "<button>Go</button></form>").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                        Map.of("X-Brique-Title", "ID report")));
                                r.post(Area.ADMIN, "/reports", req -> new PluginResponse(303, null, new byte[0],
                                        Map.of("Location", "/admin/plugins/ID/reports")));
                                r.get(Area.ADMIN, "/reports/raw", req -> new PluginResponse(200, "text/html;charset=utf-8",
                                        "<!DOCTYPE html><title>raw</title><p id=raw>raw</p>".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                        Map.of("X-Brique-Layout", "none")));
                                r.get(Area.ADMIN, "/tools", req -> PluginResponse.html(200, "<p id=\\"ID-tools\\">tools</p>"));
                            }
                        }
                        """.replace("PKG", pkg).replace("ID", id));
    }
}
