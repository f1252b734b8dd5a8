package io.brique.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Loads {@link BriqueConfig}: {@code brique-defaults.properties} from the classpath, then the config
 * file ({@code --config FILE}, {@code BRIQUE_CONFIG}, or {@code ./brique.properties} when present),
 * then {@code BRIQUE_*} environment variables, then {@code brique.*} system properties.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static BriqueConfig load(Path explicitFile, Map<String, String> env, Properties sys) {
        Map<String, String> values = new HashMap<>();
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/brique-defaults.properties")) {
            if (in == null) {
                throw new ConfigException("brique-defaults.properties missing from the classpath");
            }
            putAll(values, read(in));
        } catch (IOException e) {
            throw new ConfigException("cannot read built-in defaults: " + e.getMessage());
        }
        Path file = explicitFile;
        if (file == null && env.get("BRIQUE_CONFIG") != null) {
            file = Path.of(env.get("BRIQUE_CONFIG"));
        }
        if (file == null && Files.isRegularFile(Path.of("brique.properties"))) {
            file = Path.of("brique.properties");
        }
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file not found: " + file.toAbsolutePath());
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Properties p = new Properties();
                p.load(r);
                putAll(values, p);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
            }
        }
        env.forEach((k, v) -> {
            if (k.startsWith("BRIQUE_") && !k.equals("BRIQUE_CONFIG")) {
                values.put(envToKey(k), v);
            }
        });
        sys.stringPropertyNames().forEach(k -> {
            if (k.startsWith("brique.") && !k.startsWith("brique.test.")) {
                values.put(k.substring("brique.".length()), sys.getProperty(k));
            }
        });
        return new BriqueConfig(values);
    }

    /** {@code BRIQUE_DB_URL} to {@code db.url}; a double underscore keeps a dash: {@code BRIQUE_MAIL_SMTP__HOST}. */
    static String envToKey(String env) {
        return env.substring("BRIQUE_".length()).toLowerCase(Locale.ROOT).replace("__", "-").replace('_', '.');
    }

    private static Properties read(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        return p;
    }

    private static void putAll(Map<String, String> target, Properties p) {
        p.stringPropertyNames().forEach(k -> target.put(k, p.getProperty(k)));
    }
}
