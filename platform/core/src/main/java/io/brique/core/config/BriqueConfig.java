package io.brique.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Effective configuration: built-in defaults, overridden by the config file, then by environment
 * variables ({@code BRIQUE_DB_URL} for {@code db.url}), then by system properties ({@code -Dbrique.db.url}).
 */
public final class BriqueConfig {

    private final Map<String, String> values;

    public BriqueConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public Optional<String> find(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String get(String key) {
        return find(key).orElseThrow(() -> new ConfigException("missing configuration value: " + key));
    }

    public String get(String key, String fallback) {
        return find(key).orElse(fallback);
    }

    public int getInt(String key, int fallback) {
        return find(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
    }

    public long getLong(String key, long fallback) {
        return find(key).map(v -> parse(key, v, Long::parseLong)).orElse(fallback);
    }

    public boolean getBoolean(String key, boolean fallback) {
        return find(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(key + " must be true or false, got '" + v + "'");
        }).orElse(fallback);
    }

    public Duration getDuration(String key, Duration fallback) {
        return find(key).map(v -> parse(key, v, BriqueConfig::parseDuration)).orElse(fallback);
    }

    /** {@code 30s}, {@code 5m}, {@code 2h}, {@code 250ms}, or ISO-8601 {@code PT30S}. */
    public static Duration parseDuration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unknown unit");
        };
    }

    public Path dataDir() {
        return Path.of(get("data.dir")).toAbsolutePath().normalize();
    }

    public int httpPort() {
        return getInt("http.port", 8080);
    }

    public String baseUrl() {
        String explicit = get("base.url", "");
        return explicit.isEmpty() ? "http://localhost:" + httpPort() : explicit.replaceAll("/+$", "");
    }

    public Locale defaultLocale() {
        return Locale.forLanguageTag(get("shop.locale", "fr"));
    }

    public String currency() {
        return get("shop.currency", "EUR");
    }

    public String country() {
        return get("shop.country", "FR");
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** A copy with some values replaced (tests, CLI flags). */
    public BriqueConfig with(Map<String, String> overrides) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.putAll(overrides);
        return new BriqueConfig(copy);
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new ConfigException("invalid value for " + key + ": '" + value + "'");
        }
    }
}
