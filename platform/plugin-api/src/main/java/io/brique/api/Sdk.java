package io.brique.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK's own semantic version (not the shop's), which plugins state in {@code Plugin-Requires}. */
public final class Sdk {

    public static final String VERSION = load();

    private Sdk() {
    }

    private static String load() {
        try (InputStream in = Sdk.class.getResourceAsStream("sdk.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("brique-plugin-api is missing sdk.properties", e);
        }
    }
}
