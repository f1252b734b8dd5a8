package io.brique.core.plugin;

import static io.brique.core.db.jooq.Tables.SHOP_SETTING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bricks shipped with the distribution ({@code plugins.bundled-dir}, the server's {@code bricks/}
 * folder): at start, each one the shop has never been offered is installed, disabled, so the merchant
 * finds it on the plugins page and switches it on; a newer bundled version upgrades an installed one.
 * A brick the merchant uninstalled is not installed again (the offer is remembered in the database).
 */
public final class PluginBundle {

    private static final Logger LOG = LoggerFactory.getLogger(PluginBundle.class);

    private final PluginHost host;
    private final io.brique.core.db.Database db;
    private final java.time.Clock clock;

    public PluginBundle(PluginHost host, io.brique.core.db.Database db, java.time.Clock clock) {
        this.host = host;
        this.db = db;
        this.clock = clock;
    }

    /** Offers every jar of {@code dir}; returns the ids installed or upgraded. Never throws. */
    public List<String> offer(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> jars;
        try (Stream<Path> s = Files.list(dir)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            LOG.warn("bundled plugins: {} not readable: {}", dir, e.toString());
            return List.of();
        }
        List<String> done = new java.util.ArrayList<>();
        for (Path jar : jars) {
            try {
                offerOne(jar).ifPresent(done::add);
            } catch (RuntimeException e) {
                LOG.warn("bundled plugin {} not installed: {}", jar.getFileName(), e.getMessage());
            }
        }
        return done;
    }

    private Optional<String> offerOne(Path jar) {
        PluginHost.Descriptor d = PluginHost.readDescriptor(jar);
        String key = "bundled-plugin." + d.id();
        String offered = db.dsl().select(SHOP_SETTING.VALUE).from(SHOP_SETTING).where(SHOP_SETTING.NAME.eq(key))
                .fetchOne(SHOP_SETTING.VALUE);
        Optional<PluginHost.InstalledPlugin> installed = host.get(d.id());
        boolean install;
        if (installed.isPresent()) {
            // upgrade only to a newer version: a merchant who uploaded a later one keeps it
            install = new org.pf4j.DefaultVersionManager().compareVersions(d.version(), installed.get().version()) > 0;
        } else {
            install = offered == null; // never offered: a new shop, or a brick new in this release
        }
        if (!install) {
            return Optional.empty();
        }
        PluginHost.InstalledPlugin p = host.install(jar);
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        db.dsl().insertInto(SHOP_SETTING).set(SHOP_SETTING.NAME, key).set(SHOP_SETTING.VALUE, d.version())
                .set(SHOP_SETTING.UPDATED_AT, now)
                .onDuplicateKeyUpdate().set(SHOP_SETTING.VALUE, d.version()).set(SHOP_SETTING.UPDATED_AT, now)
                .execute();
        LOG.info("bundled plugin {} {} {}", p.id(), p.version(), installed.isPresent() ? "upgraded" : "installed");
        return Optional.of(p.id());
    }
}
