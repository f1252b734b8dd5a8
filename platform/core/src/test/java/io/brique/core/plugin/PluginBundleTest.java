package io.brique.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bricks shipped with the distribution: offered once, upgraded when newer, not forced back after an uninstall. */
@Tag("db")
class PluginBundleTest {

    @TempDir
    Path build;
    @TempDir
    Path bricks;

    @Test
    void bundledBricksAreOfferedOnceAndUpgradedButNotReinstalledAfterAnUninstall() throws Exception {
        Files.copy(PluginLifecycleTest.hello("1.0.0").build(build), bricks.resolve("hello.jar"));
        Map<String, String> cfg = Map.of("plugins.bundled-dir", bricks.toString());
        try (TestApp a = TestApp.start(cfg)) {
            PluginHost host = a.app().plugins();
            assertEquals("disabled", host.get("hello").orElseThrow().status(), "installed, the merchant enables it");
            host.enable("hello");

            // a release ships a newer brick: the next start upgrades it and keeps it enabled
            Files.copy(PluginLifecycleTest.hello("1.1.0").build(build), bricks.resolve("hello.jar"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (TestApp b = TestApp.startOn(a.dbConfig(), cfg)) {
                assertEquals("1.1.0", b.app().plugins().get("hello").orElseThrow().version());
                assertEquals("enabled", b.app().plugins().get("hello").orElseThrow().status());
                b.app().plugins().disable("hello");
                b.app().plugins().uninstall("hello", true);
            }
            // the merchant removed it: a restart does not bring it back
            try (TestApp c = TestApp.startOn(a.dbConfig(), cfg)) {
                assertFalse(c.app().plugins().get("hello").isPresent());
                assertTrue(c.app().plugins().list().isEmpty());
            }
        }
    }
}
