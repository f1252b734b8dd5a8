package io.brique.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.testing.TestApp;
import io.brique.testing.HttpSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The plugins page and plugin admin pages over HTTP; escaping of user data. */
@Tag("db")
class PluginAdminTest {

    static AdminTestApp app;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        app = AdminTestApp.start();
        dir = Files.createTempDirectory("admin-plugins");
        app.console().services().plugins().install(TestPlugins.adminPlugin("reporter", "1.0.0").build(dir));
        app.console().services().plugins().enable("reporter");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void pluginAdminPagesAreWrappedGuardedAndInTheNavigationWhileEnabled() {
        HttpSession owner = app.loginAs("owner");
        HttpSession.Response page = owner.get("/admin/plugins/reporter/reports");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("id=\"reporter-report\""), "the fragment");
        assertTrue(page.body().contains("class=\"sidebar\""), "inside the admin layout");
        assertTrue(page.body().contains("<title>reporter report"), "title from X-Brique-Title");
        assertTrue(page.body().contains("href=\"/admin/plugins/reporter/reports\""), "navigation entry");
        HttpSession.Response raw = owner.get("/admin/plugins/reporter/reports/raw");
        assertTrue(raw.body().startsWith("<!DOCTYPE html><title>raw</title>"), "X-Brique-Layout: none is not wrapped");
        // plugin admin POSTs: CSRF checked by the core
        assertEquals(403, owner.postFormRaw("/admin/plugins/reporter/reports", Map.of()).status());
        assertEquals(303, owner.postForm("/admin/plugins/reporter/reports", Map.of()).status());

        // the manager has plugins.admin (the /tools page) but not reporter.reports
        HttpSession manager = app.loginAs("manager");
        assertEquals(403, manager.get("/admin/plugins/reporter/reports").status());
        assertEquals(200, manager.get("/admin/plugins/reporter/tools").status());
        assertFalse(manager.get("/admin").body().contains("/admin/plugins/reporter/reports"), "entry hidden without permission");
        assertEquals(302, app.http().get("/admin/plugins/reporter/tools").status());

        // the dashboard shows the plugin's widget
        assertTrue(owner.get("/admin").body().contains("reporter widget"));

        // the role editor shows the plugin's permission; granting it opens the page
        assertTrue(owner.get("/admin/roles").body().contains("value=\"reporter.reports\""));
        assertEquals(303, owner.postForm("/admin/roles/manager", Map.of("permission", "reporter.reports")).status());
        assertEquals(200, manager.get("/admin/plugins/reporter/reports").status());
        app.console().roles().save("manager", java.util.List.of("dashboard.view", "plugins.view", "plugins.admin"),
                java.util.List.of("dashboard.view", "plugins.view", "plugins.admin"));

        // disabled: gone from the navigation and the route is gone
        assertEquals(303, owner.postForm("/admin/plugin-manager/reporter/toggle", Map.of("action", "disable")).status());
        HttpSession.Response list = owner.get("/admin/plugins");
        assertTrue(list.body().contains("Plugin reporter disabled."), "flash after the action");
        assertFalse(owner.get("/admin/plugins").body().contains("Plugin reporter disabled."), "shown once");
        assertFalse(owner.get("/admin").body().contains("/admin/plugins/reporter/reports"));
        assertEquals(404, owner.get("/admin/plugins/reporter/reports").status());
        assertEquals(303, owner.postForm("/admin/plugin-manager/reporter/toggle", Map.of("action", "enable")).status());
        assertEquals(200, owner.get("/admin/plugins/reporter/reports").status());
        assertTrue(app.console().audit().page("plugin.disable", 1, 10, false).total() >= 1);
    }

    @Test
    void withoutAdminModulePluginAdminRoutesAreRefused() throws Exception {
        try (TestApp plain = TestApp.start()) {
            plain.app().plugins().install(TestPlugins.adminPlugin("lonely", "1.0.0").build(Files.createTempDirectory("p")));
            plain.app().plugins().enable("lonely");
            assertEquals(403, plain.http().get("/admin/plugins/lonely/tools").status());
        }
    }

    @Test
    void settingsFormValidatesKeepsTypedValuesNeverShowsSecretsAndEscapes() {
        HttpSession owner = app.loginAs("owner");
        String form = owner.get("/admin/plugin-manager/reporter/settings").body();
        assertTrue(form.contains("name=\"s.greeting\"") && form.contains("name=\"s.limit\""));
        HttpSession.Response bad = owner.postForm("/admin/plugin-manager/reporter/settings",
                Map.of("s.greeting", "typed <b>text</b>", "s.limit", "1000", "s.apiKey", "top-secret-value"));
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("value=\"typed &lt;b&gt;text&lt;/b&gt;\""), "typed value kept, escaped");
        assertTrue(bad.body().contains("value=\"1000\""));
        assertTrue(bad.body().contains("This value is out of range"), "message next to the field");
        assertFalse(bad.body().contains("top-secret-value"), "a secret is never echoed");

        String xss = "<script>alert('x')</script>";
        assertEquals(303, owner.postForm("/admin/plugin-manager/reporter/settings",
                Map.of("s.greeting", xss, "s.limit", "5", "s.apiKey", "top-secret-value")).status());
        String saved = owner.get("/admin/plugin-manager/reporter/settings").body();
        assertFalse(saved.contains(xss));
        assertTrue(saved.contains("&lt;script&gt;"));
        assertFalse(saved.contains("top-secret-value"));
        String audit = owner.get("/admin/audit?q=plugin.settings").body();
        assertTrue(audit.contains("greeting"), "the change is audited");
        assertFalse(audit.contains(xss), "audit entries are escaped");
        assertFalse(audit.contains("top-secret-value"), "secrets never reach the audit log");
        // applied at once on the storefront
        String shop = app.http().get("/fr/").body();
        assertTrue(shop.contains("&lt;script&gt;alert"), shop.length() + " chars");
    }

    @Test
    void adminUserNamesAreEscaped() {
        HttpSession owner = app.loginAs("owner");
        String xss = "<img src=x onerror=alert(1)>";
        assertEquals(303, owner.postForm("/admin/users", Map.of("email", "xss@shop.test", "displayName", xss,
                "role", "staff", "password", AdminTestApp.PASSWORD)).status());
        String users = owner.get("/admin/users").body();
        assertFalse(users.contains(xss));
        assertTrue(users.contains("&lt;img src=x onerror=alert(1)&gt;"));
        String audit = owner.get("/admin/audit").body();
        assertFalse(audit.contains(xss));
        HttpSession xssUser = app.http();
        assertEquals(303, AdminTestApp.login(xssUser, "xss@shop.test", AdminTestApp.PASSWORD).status());
        assertFalse(xssUser.get("/admin").body().contains(xss), "in the header too");
    }

    @Test
    void userFormShowsFieldErrorsAndKeepsInput() {
        HttpSession owner = app.loginAs("owner");
        HttpSession.Response r = owner.postForm("/admin/users", Map.of("email", "not-an-email", "displayName",
                "Kept Name", "role", "staff", "password", "short"));
        assertEquals(400, r.status());
        assertTrue(r.body().contains("value=\"Kept Name\""));
        assertTrue(r.body().contains("Enter a valid e-mail address."));
        assertTrue(r.body().contains("at least 12 characters"));
    }

    @Test
    void uninstallAsksWhatToDoWithTheData() throws Exception {
        app.console().services().plugins().install(TestPlugins.adminPlugin("goner", "1.0.0").build(dir));
        HttpSession owner = app.loginAs("owner");
        assertTrue(owner.get("/admin/plugin-manager/goner/uninstall").body().contains("value=\"delete\""));
        assertEquals(400, owner.postForm("/admin/plugin-manager/goner/uninstall", Map.of()).status());
        assertEquals(303, owner.postForm("/admin/plugin-manager/goner/uninstall", Map.of("data", "delete")).status());
        assertTrue(app.console().services().plugins().get("goner").isEmpty());
        assertTrue(app.console().audit().page("plugin.uninstall", 1, 10, false).total() >= 1);
    }
}
