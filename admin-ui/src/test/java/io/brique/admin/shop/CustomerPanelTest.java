package io.brique.admin.shop;

import static io.brique.core.db.jooq.Tables.ADMIN_AUDIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.admin.AdminTestApp;
import io.brique.core.commerce.customer.CustomerService;
import io.brique.testing.HttpSession;
import io.brique.testing.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plugin panels on the customer page (shown while the plugin runs, filtered by their permission, a
 * slow one left out) and the plugins' GDPR handlers called by export and erasure.
 */
class CustomerPanelTest {

    static AdminTestApp app;
    static long customer;

    @BeforeAll
    static void start() throws Exception {
        app = AdminTestApp.start();
        Path jar = panelPlugin().build(Files.createTempDirectory("panel-plugin"));
        app.console().services().plugins().install(jar);
        app.console().services().plugins().enable("panelplug");
        customer = app.app().app().commerce().customers().register(new CustomerService.Registration(
                "panel@example.com", "a long password 1", "Paul", "Panel", "fr", false)).getId();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static PluginJarBuilder panelPlugin() {
        return PluginJarBuilder.plugin("panelplug", "1.0.0")
                .pluginClass("test.panelplug.Main", """
                        package test.panelplug;
                        import io.brique.api.plugin.*;
                        public class Main extends BriquePlugin {
                            public Main(PluginContext c) { super(c); }
                        }
                        """)
                .extension("test.panelplug.Loyalty", """
                        package test.panelplug;
                        import io.brique.api.admin.*;
                        public class Loyalty implements CustomerPanel {
                            public String id() { return "loyalty"; }
                            public String title(String lang) { return "fr".equals(lang) ? "Fidélité" : "Loyalty"; }
                            public String render(long id, String lang) { return "<p class=\\"loyalty\\">42 points #" + id + "</p>"; }
                        }
                        """)
                .extension("test.panelplug.Crm", """
                        package test.panelplug;
                        import io.brique.api.admin.*;
                        public class Crm implements CustomerPanel {
                            public String id() { return "crm"; }
                            public String title(String lang) { return "CRM"; }
                            public String render(long id, String lang) { return "<p class=\\"crm-secret\\">timeline</p>"; }
                            public String permission() { return "crm.view"; }
                        }
                        """)
                .extension("test.panelplug.Slow", """
                        package test.panelplug;
                        import io.brique.api.admin.*;
                        public class Slow implements CustomerPanel {
                            public String id() { return "slow"; }
                            public String title(String lang) { return "Slow"; }
                            public String render(long id, String lang) {
                                try { Thread.sleep(3000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                                return "<p class=\\"slow-panel\\">late</p>";
                            }
                        }
                        """)
                .extension("test.panelplug.Nav", """
                        package test.panelplug;
                        import io.brique.api.admin.*;
                        import java.util.*;
                        public class Nav implements AdminNavigation {
                            public List<Entry> entries() { return List.of(); }
                            public List<String> permissions() { return List.of("crm.view"); }
                        }
                        """)
                .extension("test.panelplug.Data", """
                        package test.panelplug;
                        import io.brique.api.customer.*;
                        import java.util.Map;
                        public class Data implements CustomerDataHandler {
                            public Map<String, Object> export(long id, String email) { return Map.of("points", 42, "email", email); }
                            public String erase(long id, String email) { return "points cleared"; }
                        }
                        """);
    }

    @Test
    void panelsShowPerPermissionAndASlowPanelIsLeftOut() {
        HttpSession staff = app.loginAs("staff");
        String page = staff.get("/admin/customers/" + customer).body();
        assertTrue(page.contains("class=\"loyalty\"") && page.contains("42 points #" + customer), page);
        assertFalse(page.contains("crm-secret"), "staff lacks crm.view");
        assertFalse(page.contains("slow-panel"), "a slow panel is left out");
        HttpSession owner = app.loginAs("owner");
        assertTrue(owner.get("/admin/customers/" + customer).body().contains("crm-secret"));
    }

    @Test
    void gdprExportAndErasureCallThePluginHandlers() {
        HttpSession manager = app.loginAs("manager");
        long id = app.app().app().commerce().customers().register(new CustomerService.Registration(
                "gdpr-plugin@example.com", "a long password 1", "G", "P", "fr", false)).getId();
        HttpSession.Response export = manager.get("/admin/customers/" + id + "/export");
        assertEquals(200, export.status());
        assertEquals(42, export.json().get("plugins").get("panelplug").get("points").asInt());
        assertEquals(303, manager.postForm("/admin/customers/" + id + "/erase", Map.of("confirm", "ERASE")).status());
        String summary = app.app().app().core().db().dsl().select(ADMIN_AUDIT.SUMMARY).from(ADMIN_AUDIT)
                .where(ADMIN_AUDIT.ACTION.eq("customer.erase")).and(ADMIN_AUDIT.TARGET.eq("customer " + id))
                .fetchOne(ADMIN_AUDIT.SUMMARY);
        assertTrue(summary.contains("panelplug: points cleared"), summary);
    }
}
