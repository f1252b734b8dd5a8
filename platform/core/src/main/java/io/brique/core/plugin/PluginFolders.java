package io.brique.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Turns a plugin's build output folder ({@code target/classes}) into a plugin jar, so development
 * mode ({@code plugins.dev-dirs}) and the test kit go through the very same install path as a
 * packaged plugin (checks, migrations, class loader). The manifest attributes come, in this order,
 * from the explicit map, from {@code META-INF/MANIFEST.MF} in the folder, from PF4J's
 * {@code plugin.properties} there ({@code plugin.id}, {@code plugin.version}, ...).
 */
public final class PluginFolders {

    /** PF4J's plugin.properties keys and the manifest attributes they stand for. */
    private static final Map<String, String> PROPERTY_TO_MANIFEST = Map.of(
            "plugin.id", "Plugin-Id",
            "plugin.version", "Plugin-Version",
            "plugin.class", "Plugin-Class",
            "plugin.requires", "Plugin-Requires",
            "plugin.provider", "Plugin-Provider",
            "plugin.description", "Plugin-Description",
            "plugin.dependencies", "Plugin-Dependencies");

    /** 1980-01-02 UTC: zip's DOS dates start in 1980. */
    private static final long FIXED_TIME = 315_619_200_000L;

    private PluginFolders() {
    }

    /** The plugin attributes the folder declares (empty when it declares none). */
    public static Map<String, String> attributes(Path folder) {
        Map<String, String> out = new LinkedHashMap<>();
        Path props = folder.resolve("plugin.properties");
        if (Files.isRegularFile(props)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(props)) {
                p.load(in);
            } catch (IOException e) {
                throw new PluginException("cannot read " + props + ": " + e.getMessage(), e);
            }
            PROPERTY_TO_MANIFEST.forEach((key, attr) -> {
                String v = p.getProperty(key);
                if (v != null && !v.isBlank()) {
                    out.put(attr, v.trim());
                }
            });
        }
        Path mf = folder.resolve("META-INF/MANIFEST.MF");
        if (Files.isRegularFile(mf)) {
            try (InputStream in = Files.newInputStream(mf)) {
                new Manifest(in).getMainAttributes().forEach((k, v) -> {
                    if (k.toString().startsWith("Plugin-")) {
                        out.put(k.toString(), v.toString());
                    }
                });
            } catch (IOException e) {
                throw new PluginException("cannot read " + mf + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Writes {@code target} as a jar of every file under {@code folder} with a manifest made of the
     * folder's attributes overridden by {@code overrides}.
     */
    public static Path jar(Path folder, Map<String, String> overrides, Path target) {
        if (!Files.isDirectory(folder)) {
            throw new PluginException("not a folder: " + folder + " (build the plugin first)");
        }
        Map<String, String> attrs = attributes(folder);
        attrs.putAll(overrides);
        if (!attrs.containsKey("Plugin-Id")) {
            throw new PluginException(folder + " declares no plugin: put Plugin-* attributes in META-INF/MANIFEST.MF "
                    + "or plugin.id, plugin.version, plugin.class, plugin.requires in plugin.properties");
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attrs.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(folder)) {
            // the manifest entry gets the fixed time too (JarOutputStream(file, manifest) would stamp it
            // with the current time, so two jars of the same folder made seconds apart would differ)
            JarEntry manifest = new JarEntry(JarFile.MANIFEST_NAME);
            manifest.setTime(FIXED_TIME);
            out.putNextEntry(manifest);
            m.write(out);
            out.closeEntry();
            for (Path f : walk.sorted().toList()) {
                String name = folder.relativize(f).toString().replace('\\', '/');
                boolean dir = Files.isDirectory(f);
                if (name.isEmpty() || name.equalsIgnoreCase("META-INF/MANIFEST.MF") || name.equals("META-INF")) {
                    continue; // the root; the manifest is written above, merged
                }
                // directory entries too, as a packaged jar has them (class path scanners look folders up)
                JarEntry e = new JarEntry(dir ? name + "/" : name);
                // fixed time: the same classes give the same jar (and sha256)
                e.setTime(FIXED_TIME);
                out.putNextEntry(e);
                if (!dir) {
                    Files.copy(f, out);
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new PluginException("cannot package " + folder + ": " + e.getMessage(), e);
        }
        return target;
    }
}
