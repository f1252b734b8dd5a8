package io.brique.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.testing.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The console in real headless Chromium: log in, upload a plugin through the form, enable it and see
 * its storefront slot, change a setting and see it applied, disable it and see the slot disappear.
 * Screenshots of the main pages go to target/screenshots.
 */
class AdminBrowserTest {

    AdminTestApp app;
    Browser browser;

    @BeforeEach
    void start() {
        app = AdminTestApp.start();
        browser = Browser.open();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        app.close();
    }

    private WebDriver d() {
        return browser.driver();
    }

    private void open(String path) {
        d().get(app.app().url(path));
    }

    private void waitFor(By by) {
        browser.waitFor(by, Duration.ofSeconds(10));
    }

    @Test
    void loginUploadToggleAndConfigureAPlugin() throws Exception {
        open("/admin/plugins");
        waitFor(By.id("email"));
        browser.screenshot("admin-login");
        d().findElement(By.id("email")).sendKeys(AdminTestApp.email("owner"));
        d().findElement(By.id("password")).sendKeys(AdminTestApp.PASSWORD);
        d().findElement(By.cssSelector("form.form button[type=submit]")).click();
        waitFor(By.cssSelector("form.upload"));
        assertTrue(d().getCurrentUrl().endsWith("/admin/plugins"), "back where the admin wanted to go");

        Path jar = TestPlugins.adminPlugin("shopbell", "1.0.0").build(Files.createTempDirectory("browser-plugin"));
        d().findElement(By.id("jar")).sendKeys(jar.toAbsolutePath().toString());
        d().findElement(By.cssSelector("form.upload button[type=submit]")).click();
        waitFor(By.id("plugin-shopbell"));
        String flash = d().findElement(By.cssSelector(".flash")).getText();
        assertTrue(flash.contains("shopbell 1.0.0") && flash.contains("SHA-256"), flash);

        d().findElement(By.cssSelector("#plugin-shopbell button.toggle")).click();
        waitFor(By.cssSelector("#plugin-shopbell .badge.enabled"));
        browser.screenshot("admin-plugins");
        open("/fr/");
        waitFor(By.id("shopbell-slot"));
        assertEquals("Hello from shopbell", d().findElement(By.id("shopbell-slot")).getText());

        open("/admin/plugin-manager/shopbell/settings");
        waitFor(By.id("s-greeting"));
        d().findElement(By.id("s-limit")).clear();
        d().findElement(By.id("s-limit")).sendKeys("500");
        d().findElement(By.id("s-greeting")).clear();
        d().findElement(By.id("s-greeting")).sendKeys("Bienvenue chez nous");
        d().findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(By.id("s-limit-error"));
        assertEquals("Bienvenue chez nous", d().findElement(By.id("s-greeting")).getAttribute("value"), "kept");
        browser.screenshot("admin-plugin-settings-error");
        d().findElement(By.id("s-limit")).clear();
        d().findElement(By.id("s-limit")).sendKeys("50");
        d().findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(By.cssSelector(".flash.success"));
        open("/fr/");
        waitFor(By.id("shopbell-slot"));
        assertEquals("Bienvenue chez nous", d().findElement(By.id("shopbell-slot")).getText());

        open("/admin/plugins");
        waitFor(By.cssSelector("#plugin-shopbell button.toggle"));
        d().findElement(By.cssSelector("#plugin-shopbell button.toggle")).click();
        waitFor(By.cssSelector("#plugin-shopbell .badge.disabled"));
        open("/fr/");
        waitFor(By.cssSelector("body"));
        assertTrue(d().findElements(By.id("shopbell-slot")).isEmpty(), "the slot is gone");

        for (String page : new String[] {"", "/users", "/roles", "/audit", "/users/new"}) {
            open("/admin" + page);
            waitFor(By.cssSelector("main h1"));
            browser.screenshot("admin" + (page.isEmpty() ? "-dashboard" : page.replace('/', '-')));
        }
        open("/admin/plugin-manager/shopbell/uninstall");
        waitFor(By.cssSelector("main h1"));
        browser.screenshot("admin-plugin-uninstall");
        // French
        open("/admin");
        d().findElement(By.cssSelector(".langs button[value=fr]")).click();
        waitFor(By.cssSelector(".langs button.current[value=fr]"));
        assertEquals("Tableau de bord", d().findElement(By.cssSelector("main h1")).getText());
        browser.screenshot("admin-dashboard-fr");
    }
}
