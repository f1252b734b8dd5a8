package io.brique.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build output folder becomes a plugin jar the host accepts (development mode, test kit). */
class PluginFoldersTest {

    @TempDir
    Path dir;

    @Test
    void manifestFromPluginPropertiesThenManifestThenOverrides() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(classes.resolve("db/migration/plugin/demo"));
        Files.writeString(classes.resolve("db/migration/plugin/demo/V1__t.sql"), "CREATE TABLE demo_t (id INT);");
        Files.writeString(classes.resolve("plugin.properties"), """
                plugin.id=demo
                plugin.version=1.0.0
                plugin.class=x.Demo
                plugin.requires=>=1.0.0 & <2.0.0
                """);
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/MANIFEST.MF"),
                "Manifest-Version: 1.0\nPlugin-Version: 1.1.0\nPlugin-Provider: ACME\n\n");

        Path jar = PluginFolders.jar(classes, Map.of("Plugin-Description", "given"), dir.resolve("demo.jar"));

        PluginHost.Descriptor d = PluginHost.readDescriptor(jar);
        assertEquals("demo", d.id());
        assertEquals("1.1.0", d.version(), "MANIFEST.MF wins over plugin.properties");
        assertEquals("ACME", d.provider());
        assertEquals("given", d.description());
        assertEquals(">=1.0.0 & <2.0.0", d.requires());
        try (JarFile jf = new JarFile(jar.toFile())) {
            assertNotNull(jf.getEntry("db/migration/plugin/demo/V1__t.sql"));
            assertNotNull(jf.getEntry("db/migration/plugin/demo/"), "folders are listed, as in a packaged jar");
        }
        byte[] again = Files.readAllBytes(PluginFolders.jar(classes, Map.of("Plugin-Description", "given"),
                dir.resolve("again.jar")));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(jar), again), "same folder, same bytes");
    }

    @Test
    void aFolderWithoutDescriptorIsRefusedWithAReason() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        PluginException e = assertThrows(PluginException.class,
                () -> PluginFolders.jar(empty, Map.of(), dir.resolve("x.jar")));
        assertTrue(e.getMessage().contains("plugin.properties"), e.getMessage());
        assertThrows(PluginException.class, () -> PluginFolders.jar(dir.resolve("missing"), Map.of(),
                dir.resolve("y.jar")));
    }
}
