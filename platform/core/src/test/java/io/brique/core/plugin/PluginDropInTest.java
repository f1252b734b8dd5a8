package io.brique.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins copied into the plugins folder are discovered, checked and installed without a restart. */
class PluginDropInTest {

    @TempDir
    Path build;
    @TempDir
    Path folder;

    @Test
    void aJarCopiedIntoTheFolderIsInstalledThenUpgradedAndGarbageIsRefused() throws Exception {
        try (TestApp app = TestApp.start(Map.of("plugins.sync-interval", "100ms",
                "plugins.drop-in-dir", folder.toString()))) {
            PluginHost host = app.app().plugins();
            Files.write(folder.resolve("broken.jar"), new byte[] {1, 2, 3, 4});
            copy(PluginLifecycleTest.hello("1.0.0").build(build), folder.resolve("hello.jar"));
            waitFor(() -> host.get("hello").isPresent());
            assertEquals("disabled", host.get("hello").orElseThrow().status(), "installed, not enabled");
            assertTrue(host.list().stream().noneMatch(p -> p.id().equals("broken")));

            host.enable("hello");
            copy(PluginLifecycleTest.hello("1.1.0").build(build), folder.resolve("hello.jar"));
            waitFor(() -> host.get("hello").orElseThrow().version().equals("1.1.0"));
            assertEquals("enabled", host.get("hello").orElseThrow().status(), "an upgrade keeps it enabled");
            assertEquals(200, app.http().get("/fr/").status(), "the shop keeps serving");
        }
    }

    @Test
    void withAutoEnableAPluginInTheFolderAtBootServesAtOnce() throws Exception {
        copy(PluginLifecycleTest.hello("1.0.0").build(build), folder.resolve("hello-1.0.0.jar"));
        try (TestApp app = TestApp.start(Map.of("plugins.drop-in-dir", folder.toString(),
                "plugins.auto-enable", "true"))) {
            assertTrue(app.app().plugins().isActive("hello"));
            assertTrue(app.http().get("/fr/nowhere").body().contains("hello-slot"));
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        // write then move, as an operator's deployment should, so a scan never reads half a file
        Path tmp = to.resolveSibling(to.getFileName() + ".part");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 10 s");
            Thread.sleep(50);
        }
    }
}
