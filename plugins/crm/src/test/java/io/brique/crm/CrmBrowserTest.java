package io.brique.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.event.Events;
import io.brique.core.testing.Browser;
import io.brique.testkit.BriqueTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The merchant's flow in real headless Chromium: a CRM refusing an update puts it on the dead letters
 * page; once the CRM is fixed, the merchant presses Retry and the status page shows it sent.
 */
class CrmBrowserTest {

    BriqueTestServer shop;
    FakeCrm crm;
    Browser browser;

    @BeforeEach
    void start() throws Exception {
        crm = new FakeCrm(CrmSyncTest.SECRET, CrmSyncTest.TOKEN);
        shop = BriqueTestServer.start();
        shop.installFolder(Path.of("target/classes"));
        shop.enable("crm");
        shop.saveSettings("crm", Map.of("connector", "webhook", "webhook_url", crm.url("/hook"), "webhook_secret",
                CrmSyncTest.SECRET, "allow_private_addresses", "true", "max_attempts", "1"));
        browser = Browser.open();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        shop.close();
        crm.close();
    }

    @Test
    void aDeadLetterIsRetriedFromTheAdminConsole() throws Exception {
        crm.always(r -> true, FakeCrm.Answer.status(500));
        shop.publish(new Events.CustomerRegistered(5, "zoe@example.com", "Zoé", "Martin", "fr", true));
        shop.drainEvents();
        CrmSyncTest.await("a dead letter", () -> Crm.of(shop.pluginContext("crm")).outbox().count(Outbox.DEAD) == 1);
        crm.clearRules();

        WebDriver d = browser.driver();
        d.get(shop.baseUrl() + "/admin/plugins/crm/sync/dead-letters");
        browser.waitFor(By.id("email"), Duration.ofSeconds(10));
        d.findElement(By.id("email")).sendKeys(BriqueTestServer.ADMIN_EMAIL);
        d.findElement(By.id("password")).sendKeys(BriqueTestServer.ADMIN_PASSWORD);
        d.findElement(By.cssSelector("form.form button[type=submit]")).click();
        browser.waitFor(By.cssSelector("table.crm-dead-list"), Duration.ofSeconds(10));
        assertTrue(d.findElement(By.cssSelector("table.crm-dead-list .error")).getText().startsWith("HTTP 500"));
        browser.screenshot("crm-dead-letters");
        d.findElement(By.cssSelector("table.crm-dead-list form button[type=submit]")).click();
        browser.waitFor(By.cssSelector(".crm-none"), Duration.ofSeconds(10));
        CrmSyncTest.await("the retried update", () -> crm.applied.size() == 1);

        d.get(shop.baseUrl() + "/admin/plugins/crm/sync");
        browser.waitFor(By.cssSelector("table.crm-counters"), Duration.ofSeconds(10));
        assertEquals("1", d.findElement(By.cssSelector("td.sent")).getText());
        assertEquals("0", d.findElement(By.cssSelector("td.dead")).getText());
        browser.screenshot("crm-sync-status");
    }
}
