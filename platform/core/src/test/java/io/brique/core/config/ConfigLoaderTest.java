package io.brique.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void defaultsJustWork() {
        BriqueConfig c = ConfigLoader.load(null, Map.of(), new Properties());
        assertEquals(8080, c.httpPort());
        assertEquals("EUR", c.currency());
        assertEquals("fr", c.defaultLocale().getLanguage());
        assertEquals("http://localhost:8080", c.baseUrl());
    }

    @Test
    void fileThenEnvironmentThenSystemPropertiesOverride(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("brique.properties");
        Files.writeString(file, "http.port=9000\nshop.locale=en\ndb.url=jdbc:h2:mem:x\n");
        Properties sys = new Properties();
        sys.setProperty("brique.db.url", "jdbc:mysql://db/shop");
        BriqueConfig c = ConfigLoader.load(file, Map.of("BRIQUE_HTTP_PORT", "9100", "BRIQUE_BASE_URL",
                "https://shop.example/"), sys);
        assertEquals(9100, c.httpPort(), "environment beats the file");
        assertEquals("en", c.get("shop.locale"), "file beats defaults");
        assertEquals("jdbc:mysql://db/shop", c.get("db.url"), "system property beats the file");
        assertEquals("https://shop.example", c.baseUrl());
    }

    @Test
    void environmentNamesMapToKeys() {
        assertEquals("db.url", ConfigLoader.envToKey("BRIQUE_DB_URL"));
        assertEquals("shipping.free-threshold", ConfigLoader.envToKey("BRIQUE_SHIPPING_FREE__THRESHOLD"));
    }

    @Test
    void invalidValuesNameTheKey() {
        BriqueConfig c = new BriqueConfig(Map.of("http.port", "eighty", "flag", "maybe"));
        ConfigException e = assertThrows(ConfigException.class, c::httpPort);
        assertTrue(e.getMessage().contains("http.port"));
        assertThrows(ConfigException.class, () -> c.getBoolean("flag", false));
    }

    @Test
    void missingConfigFileIsAClearError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Path.of("/nonexistent/brique.properties"), Map.of(), new Properties()));
        assertTrue(e.getMessage().contains("not found"));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(30), BriqueConfig.parseDuration("30s"));
        assertEquals(Duration.ofMillis(250), BriqueConfig.parseDuration("250ms"));
        assertEquals(Duration.ofDays(30), BriqueConfig.parseDuration("30d"));
        assertEquals(Duration.ofMinutes(5), BriqueConfig.parseDuration("PT5M"));
    }
}
