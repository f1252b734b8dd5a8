package com.example.myplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testkit.BriqueTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MyPluginTest {

    @Test
    void theSlotShowsOnStorefrontPagesWhileEnabled() {
        try (BriqueTestServer shop = BriqueTestServer.start()) {
            // tests run before Maven makes the jar: install from the compiled classes
            assertEquals("disabled", shop.installFolder(Path.of("target/classes")).status());
            assertFalse(shop.http().get("/fr/").body().contains("Hello from my-plugin"));

            shop.enable("my-plugin");
            assertTrue(shop.http().get("/fr/").body().contains("<p class=\"my-plugin\">Hello from my-plugin</p>"));

            shop.disable("my-plugin");
            assertFalse(shop.http().get("/fr/").body().contains("Hello from my-plugin"));
        }
    }
}
