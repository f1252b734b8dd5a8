package io.brique.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testkit.BriqueTestServer;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** plugins.dev-dirs: the shop boots with the plugin loaded from its build output, no jar, no install step. */
@Tag("db")
class DevelopmentModeTest {

    @Test
    void aBuildFolderIsInstalledAndEnabledAtBoot() {
        try (BriqueTestServer shop = BriqueTestServer.start(Map.of("plugins.dev-dirs",
                "target/classes, target/no-such-folder"))) {
            assertEquals("enabled", shop.plugin("example-hello").status());
            assertEquals("1.0.0", shop.plugin("example-hello").version(), "from target/classes/plugin.properties");
            assertEquals(200, shop.http().get("/api/v1/plugins/example-hello/greetings").status());
            assertTrue(shop.http().get("/en/x/example-hello/").body().contains(">Hello</h1>"),
                    "a missing folder is logged and skipped; the shop and the other folders start");
        }
    }
}
