package io.brique.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin jar for tests: compiles Java sources against the SDK (and PF4J, SLF4J) with
 * the JDK compiler, writes the PF4J manifest and extension index and any resources.
 */
public final class PluginJarBuilder {

    private final String id;
    private final String version;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();
    private final Map<String, String> manifest = new LinkedHashMap<>();

    private PluginJarBuilder(String id, String version) {
        this.id = id;
        this.version = version;
        manifest.put("Plugin-Id", id);
        manifest.put("Plugin-Version", version);
        manifest.put("Plugin-Requires", ">=1.0.0 & <2.0.0");
        manifest.put("Plugin-Provider", "Brique tests");
        manifest.put("Plugin-Description", "test plugin " + id);
    }

    public static PluginJarBuilder plugin(String id, String version) {
        return new PluginJarBuilder(id, version);
    }

    public PluginJarBuilder manifest(String key, String value) {
        if (value == null) {
            manifest.remove(key);
        } else {
            manifest.put(key, value);
        }
        return this;
    }

    /** The main class (extends BriquePlugin). */
    public PluginJarBuilder pluginClass(String className, String source) {
        manifest.put("Plugin-Class", className);
        sources.put(className, source);
        return this;
    }

    public PluginJarBuilder extension(String className, String source) {
        sources.put(className, source);
        extensions.add(className);
        return this;
    }

    public PluginJarBuilder source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    public PluginJarBuilder resource(String path, String content) {
        resources.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Path build(Path dir) {
        try {
            Map<String, byte[]> classes = compile();
            Path jar = dir.resolve(id + "-" + version + ".jar");
            Manifest m = new Manifest();
            m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
                for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                    put(out, e.getKey().replace('.', '/') + ".class", e.getValue());
                }
                if (!extensions.isEmpty()) {
                    put(out, "META-INF/extensions.idx",
                            (String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                for (Map.Entry<String, byte[]> e : resources.entrySet()) {
                    put(out, e.getKey(), e.getValue());
                }
            }
            return jar;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(JarOutputStream out, String name, byte[] data) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(data);
        out.closeEntry();
    }

    /** Where a class was loaded from (a jar or a classes folder), for the compiler's classpath. */
    private static String locationOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, byte[]> compile() {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("tests need a JDK (javax.tools compiler), not a JRE");
        }
        String cp = String.join(java.io.File.pathSeparator, locationOf(io.brique.api.Sdk.class),
                locationOf(org.pf4j.Plugin.class), locationOf(org.slf4j.Logger.class));
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, src) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return src;
            }
        }));
        Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
        var std = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        var fm = new javax.tools.ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    javax.tools.FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        out.put(className, b);
                        return b;
                    }
                };
            }
        };
        java.io.StringWriter diagnostics = new java.io.StringWriter();
        boolean ok = compiler.getTask(diagnostics, fm, null, List.of("-classpath", cp, "--release", "21",
                "-proc:none"), null, units).call();
        if (!ok) {
            throw new IllegalStateException("plugin sources do not compile:\n" + diagnostics);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        out.forEach((k, v) -> classes.put(k, v.toByteArray()));
        return classes;
    }
}
