package io.brique.crm.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.testing.Browser;
import io.brique.testkit.BriqueTestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The registration form in real headless Chromium: a mistyped e-mail domain gets a hint, one click fixes it. */
class QualityHintsBrowserTest {

    @Test
    void aMistypedDomainIsSuggestedAndFixedByOneClick() {
        try (BriqueTestServer shop = BriqueTestServer.start(); Browser browser = Browser.open()) {
            shop.installFolder(Path.of("target/classes"));
            shop.enable("crm");
            var driver = browser.driver();
            driver.get(shop.baseUrl() + "/fr/account/register");
            WebElement email = driver.findElement(By.name("email"));
            email.sendKeys("jean.dupont@gmial.com");
            driver.findElement(By.name("firstName")).sendKeys("JEAN"); // moving on fires the change event
            driver.findElement(By.name("lastName")).click();
            browser.waitFor(By.cssSelector("#crm-quality-email .crm-quality-use"), Duration.ofSeconds(15));
            String hint = driver.findElement(By.id("crm-quality-email")).getText();
            assertTrue(hint.contains("jean.dupont@gmail.com"), hint);
            driver.findElement(By.cssSelector("#crm-quality-email .crm-quality-use")).click();
            assertEquals("jean.dupont@gmail.com", email.getAttribute("value"));
            browser.waitFor(By.cssSelector("#crm-quality-firstName .crm-quality-use"), Duration.ofSeconds(15));
            driver.findElement(By.cssSelector("#crm-quality-firstName .crm-quality-use")).click();
            assertEquals("Jean", driver.findElement(By.name("firstName")).getAttribute("value"));
        }
    }
}
