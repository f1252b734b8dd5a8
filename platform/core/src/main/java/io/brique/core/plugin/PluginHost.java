package io.brique.core.plugin;

import static io.brique.core.db.jooq.Tables.PLUGIN_ARTIFACT;
import static io.brique.core.db.jooq.Tables.PLUGIN_INSTALLATION;
import static io.brique.core.db.jooq.Tables.PLUGIN_SETTING;

import io.brique.api.Sdk;
import io.brique.api.event.DomainEventListener;
import io.brique.api.http.PluginRoutes;
import io.brique.api.plugin.BriquePlugin;
import io.brique.api.plugin.PluginContext;
import io.brique.api.plugin.PluginSettings;
import io.brique.api.plugin.SettingsDeclaration;
import io.brique.api.storefront.SlotRenderer;
import io.brique.core.Core;
import io.brique.core.db.jooq.tables.records.PluginInstallationRecord;
import io.brique.core.event.OutboxDispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.flywaydb.core.Flyway;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns PF4J and the plugin lifecycle: install (copy the jar, check it, run its migrations), enable
 * (load, start, register its extensions into the core registries under its id), disable (unregister
 * everything, stop, unload so its class loader can be collected), uninstall (with or without its
 * data). Lifecycle operations are serialised (PF4J is not thread-safe). The desired state is stored
 * in {@code plugin_installation}, so it survives restarts and other nodes converge to it.
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final Core core;
    private final OutboxDispatcher dispatcher;
    private final Path runtimeDir;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final BriquePluginManager manager;
    private final Map<String, HostPluginContext> contexts = new ConcurrentHashMap<>();
    private final PluginSettingsCache settingsCache;
    private final Map<String, Map<Class<?>, Object>> extensionInstances = new ConcurrentHashMap<>();
    private final PluginRouteAdapter routes;
    /** Revision of plugin_installation each locally active plugin was activated from. */
    private final Map<String, FailureWindow> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Map<String, Long> activeRevision = new ConcurrentHashMap<>();
    private final Map<String, String> activeSha = new ConcurrentHashMap<>();
    private volatile Thread syncThread;
    private volatile boolean syncing;

    public PluginHost(Core core, OutboxDispatcher dispatcher) {
        this.core = core;
        this.dispatcher = dispatcher;
        this.runtimeDir = core.config().dataDir().resolve("plugins").resolve("runtime");
        this.settingsCache = new PluginSettingsCache(core.db());
        settingsCache.refresh();
        try {
            Files.createDirectories(runtimeDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + runtimeDir, e);
        }
        this.manager = new BriquePluginManager(runtimeDir);
        this.routes = new PluginRouteAdapter(core, this);
        this.maxFailures = core.config().getInt("plugins.max-failures", 20);
        core.slots().onFailure(this::recordFailure);
        core.extensions().onFailure(this::recordFailure);
    }

    /** What an operator sees of an installed plugin. */
    public record InstalledPlugin(String id, String version, String status, String description, String provider,
            String sha256, int errorCount, String lastError) {
    }

    /**
     * The guard of plugin admin routes ({@code /admin/plugins/<id>/...}); the admin console sets it at
     * boot. Until then (and on a node without admin console) those routes are refused.
     */
    public void useAdminGate(PluginAdminGate gate) {
        routes.useAdminGate(gate);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Installs (or upgrades) a plugin from a jar; its migrations run; it stays disabled. */
    public InstalledPlugin install(Path jar) {
        lifecycle.lock();
        try {
            Descriptor d = readDescriptor(jar);
            boolean compatible;
            try {
                compatible = manager.getVersionManager().checkVersionConstraint(Sdk.VERSION, d.requires());
            } catch (RuntimeException e) {
                throw new PluginException("unreadable Plugin-Requires '" + d.requires() + "': " + e.getMessage());
            }
            if (!compatible) {
                throw new PluginException("plugin " + d.id() + " " + d.version() + " needs SDK " + d.requires()
                        + " but this shop provides SDK " + Sdk.VERSION);
            }
            Optional<PluginInstallationRecord> existing = find(d.id());
            boolean wasEnabled = existing.map(r -> "enabled".equals(r.getStatus())).orElse(false);
            if (wasEnabled) {
                deactivate(d.id());
            }
            String sha = sha256(jar);
            Path copy = runtimeDir.resolve(d.id() + "-" + d.version() + "-" + sha.substring(0, 12) + ".jar");
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            core.db().dsl().insertInto(PLUGIN_ARTIFACT)
                    .set(PLUGIN_ARTIFACT.SHA256, sha)
                    .set(PLUGIN_ARTIFACT.PLUGIN_ID, d.id())
                    .set(PLUGIN_ARTIFACT.VERSION, d.version())
                    .set(PLUGIN_ARTIFACT.CONTENT, Files.readAllBytes(copy))
                    .set(PLUGIN_ARTIFACT.CREATED_AT, now())
                    .onDuplicateKeyIgnore()
                    .execute();
            migrate(d.id(), copy);
            LocalDateTime now = now();
            core.db().dsl().insertInto(PLUGIN_INSTALLATION)
                    .set(PLUGIN_INSTALLATION.PLUGIN_ID, d.id())
                    .set(PLUGIN_INSTALLATION.VERSION, d.version())
                    .set(PLUGIN_INSTALLATION.STATUS, "disabled")
                    .set(PLUGIN_INSTALLATION.JAR_FILE, copy.getFileName().toString())
                    .set(PLUGIN_INSTALLATION.JAR_SHA256, sha)
                    .set(PLUGIN_INSTALLATION.DESCRIPTION, d.description())
                    .set(PLUGIN_INSTALLATION.PROVIDER, d.provider())
                    .set(PLUGIN_INSTALLATION.DEPENDENCIES, d.dependencies())
                    .set(PLUGIN_INSTALLATION.INSTALLED_AT, now)
                    .set(PLUGIN_INSTALLATION.UPDATED_AT, now)
                    .onDuplicateKeyUpdate()
                    .set(PLUGIN_INSTALLATION.VERSION, d.version())
                    .set(PLUGIN_INSTALLATION.JAR_FILE, copy.getFileName().toString())
                    .set(PLUGIN_INSTALLATION.JAR_SHA256, sha)
                    .set(PLUGIN_INSTALLATION.DESCRIPTION, d.description())
                    .set(PLUGIN_INSTALLATION.PROVIDER, d.provider())
                    .set(PLUGIN_INSTALLATION.DEPENDENCIES, d.dependencies())
                    .set(PLUGIN_INSTALLATION.UPDATED_AT, now)
                    .set(PLUGIN_INSTALLATION.REVISION, PLUGIN_INSTALLATION.REVISION.plus(1))
                    .execute();
            LOG.info("plugin {} {} installed (sha256 {})", d.id(), d.version(), sha);
            if (wasEnabled) {
                enable(d.id());
            }
            return get(d.id()).orElseThrow();
        } catch (IOException e) {
            throw new PluginException("cannot install " + jar.getFileName() + ": " + e.getMessage(), e);
        } finally {
            lifecycle.unlock();
        }
    }

    public void enable(String id) {
        lifecycle.lock();
        try {
            PluginInstallationRecord r = find(id).orElseThrow(() -> new PluginException("no plugin " + id));
            for (Dependency dep : Dependency.parse(r.getDependencies())) {
                Optional<PluginInstallationRecord> other = find(dep.id());
                boolean ok = other.isPresent() && manager.isActive(dep.id())
                        && ("*".equals(dep.range()) || manager.getVersionManager()
                                .checkVersionConstraint(other.get().getVersion(), dep.range()));
                if (!ok && !dep.optional()) {
                    throw new PluginException("plugin " + id + " needs plugin " + dep.id()
                            + ("*".equals(dep.range()) ? "" : " " + dep.range()) + " enabled first"
                            + other.map(o -> " (installed: " + o.getVersion() + ", " + o.getStatus() + ")")
                                    .orElse(" (not installed)"));
                }
            }
            if (!manager.isActive(id)) {
                activate(r);
            }
            setStatus(id, "enabled", null);
            find(id).ifPresent(fresh -> activeRevision.put(id, fresh.getRevision()));
        } finally {
            lifecycle.unlock();
        }
    }

    public void disable(String id) {
        lifecycle.lock();
        try {
            find(id).orElseThrow(() -> new PluginException("no plugin " + id));
            List<String> dependents = dependentsOf(id);
            if (!dependents.isEmpty()) {
                throw new PluginException("cannot disable " + id + ": " + String.join(", ", dependents)
                        + " depend" + (dependents.size() == 1 ? "s" : "") + " on it; disable "
                        + (dependents.size() == 1 ? "it" : "them") + " first");
            }
            deactivate(id);
            setStatus(id, "disabled", null);
        } finally {
            lifecycle.unlock();
        }
    }

    /** Removes the plugin; with {@code keepData} its tables stay for a later re-install. */
    public void uninstall(String id, boolean keepData) {
        lifecycle.lock();
        try {
            PluginInstallationRecord r = find(id).orElseThrow(() -> new PluginException("no plugin " + id));
            List<String> dependents = dependentsOf(id);
            if (!dependents.isEmpty()) {
                throw new PluginException("cannot uninstall " + id + ": " + String.join(", ", dependents)
                        + " depend on it");
            }
            deactivate(id);
            if (!keepData) {
                new PluginSchema(core.db()).dropTables(PluginIds.tablePrefix(id));
                core.db().dsl().deleteFrom(PLUGIN_SETTING).where(PLUGIN_SETTING.PLUGIN_ID.eq(id)).execute();
                settingsCache.refresh();
            }
            core.db().dsl().deleteFrom(PLUGIN_INSTALLATION).where(PLUGIN_INSTALLATION.PLUGIN_ID.eq(id)).execute();
            try {
                Files.deleteIfExists(runtimeDir.resolve(r.getJarFile()));
            } catch (IOException e) {
                LOG.warn("could not delete {}: {}", r.getJarFile(), e.toString());
            }
            LOG.info("plugin {} uninstalled ({})", id, keepData ? "data kept" : "data deleted");
        } finally {
            lifecycle.unlock();
        }
    }

    /** At boot: enables what the database says is enabled; a plugin that fails never stops the shop. */
    public void startEnabled() {
        lifecycle.lock();
        try {
            activateInDependencyOrder(core.db().dsl().selectFrom(PLUGIN_INSTALLATION)
                    .where(PLUGIN_INSTALLATION.STATUS.eq("enabled")).fetch(), true);
        } finally {
            lifecycle.unlock();
        }
    }

    /** Dependencies first: passes until nothing more can start; what is left failed (with its reason). */
    private void activateInDependencyOrder(List<PluginInstallationRecord> pending, boolean markFailures) {
        List<PluginInstallationRecord> left = new ArrayList<>(pending);
        Map<String, String> errors = new java.util.HashMap<>();
        boolean progress = true;
        while (!left.isEmpty() && progress) {
            progress = false;
            for (PluginInstallationRecord r : List.copyOf(left)) {
                boolean depsReady = Dependency.parse(r.getDependencies()).stream()
                        .allMatch(d -> d.optional() || manager.isActive(d.id()));
                if (!depsReady) {
                    errors.put(r.getPluginId(), "a plugin it depends on is not running");
                    continue;
                }
                try {
                    activate(r);
                    progress = true;
                } catch (RuntimeException e) {
                    errors.put(r.getPluginId(), e.getMessage());
                }
                left.remove(r);
            }
        }
        for (PluginInstallationRecord r : pending) {
            if (!manager.isActive(r.getPluginId())) {
                String error = errors.getOrDefault(r.getPluginId(), "did not start");
                LOG.error("plugin {} could not be started on this node: {}", r.getPluginId(), error);
                if (markFailures) {
                    setStatus(r.getPluginId(), "failed", error);
                }
            }
        }
    }

    /**
     * Development mode ({@code plugins.dev-dirs}): installs and enables each plugin build output folder
     * (e.g. {@code target/classes}) as if it were a jar, so a developer runs the shop on their plugin
     * without packaging it. Runs at boot; a folder that fails is logged and the shop starts anyway.
     */
    public void loadDevFolders(String commaSeparated) {
        for (String item : commaSeparated.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            Path folder = Path.of(item.trim()).toAbsolutePath().normalize();
            Path jar = null;
            try {
                jar = Files.createTempFile(runtimeDir, "dev-", ".jar");
                InstalledPlugin p = install(PluginFolders.jar(folder, Map.of(), jar));
                enable(p.id());
                LOG.warn("development mode: plugin {} {} loaded from {}", p.id(), p.version(), folder);
            } catch (IOException | RuntimeException e) {
                LOG.error("development mode: could not load the plugin folder {}: {}", folder, e.getMessage());
            } finally {
                if (jar != null) {
                    try {
                        Files.deleteIfExists(jar);
                    } catch (IOException e) {
                        LOG.debug("temp jar {} left behind: {}", jar, e.toString());
                    }
                }
            }
        }
    }

    public List<InstalledPlugin> list() {
        List<InstalledPlugin> out = new ArrayList<>();
        for (PluginInstallationRecord r : core.db().dsl().selectFrom(PLUGIN_INSTALLATION)
                .orderBy(PLUGIN_INSTALLATION.PLUGIN_ID).fetch()) {
            out.add(view(r));
        }
        return out;
    }

    public Optional<InstalledPlugin> get(String id) {
        return find(id).map(PluginHost::view);
    }

    public boolean isActive(String id) {
        return manager.isActive(id);
    }

    // ---------------------------------------------------------------- internals

    /**
     * Brings this node in line with the database: plugins enabled elsewhere start here, disabled ones
     * stop, upgraded ones restart on the new jar. Called periodically ({@link #startSync}).
     */
    public void converge() {
        settingsCache.refresh();
        lifecycle.lock();
        try {
            Map<String, PluginInstallationRecord> desired = new java.util.HashMap<>();
            for (PluginInstallationRecord r : core.db().dsl().selectFrom(PLUGIN_INSTALLATION).fetch()) {
                desired.put(r.getPluginId(), r);
            }
            for (String id : List.copyOf(activeRevision.keySet())) {
                PluginInstallationRecord r = desired.get(id);
                if (r == null || !"enabled".equals(r.getStatus())) {
                    deactivate(id);
                } else if (!r.getRevision().equals(activeRevision.get(id)) && !r.getJarSha256()
                        .equals(activeSha.get(id))) {
                    deactivate(id);
                }
            }
            activateInDependencyOrder(desired.values().stream()
                    .filter(r -> "enabled".equals(r.getStatus()) && !manager.isActive(r.getPluginId())).toList(),
                    false);
        } finally {
            lifecycle.unlock();
        }
    }

    /** Converges every {@code every}; {@code alsoEachTick} (e.g. the plugins folder scan) runs after. */
    public void startSync(java.time.Duration every, Runnable alsoEachTick) {
        syncing = true;
        syncThread = Thread.ofVirtual().name("brique-plugin-sync").start(() -> {
            while (syncing) {
                try {
                    Thread.sleep(every.toMillis());
                    converge();
                    alsoEachTick.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("plugin sync failed: {}", e.toString());
                }
            }
        });
    }

    /** Enabled plugins that need {@code id} (non-optional dependency). */
    private List<String> dependentsOf(String id) {
        List<String> out = new ArrayList<>();
        for (PluginInstallationRecord r : core.db().dsl().selectFrom(PLUGIN_INSTALLATION)
                .where(PLUGIN_INSTALLATION.STATUS.eq("enabled")).fetch()) {
            for (Dependency d : Dependency.parse(r.getDependencies())) {
                if (d.id().equals(id) && !d.optional()) {
                    out.add(r.getPluginId());
                }
            }
        }
        return out;
    }

    private void activate(PluginInstallationRecord r) {
        String id = r.getPluginId();
        String loaded = load(localJar(r));
        if (!loaded.equals(id)) {
            unload(loaded);
            throw new PluginException("jar of " + id + " now declares id " + loaded);
        }
        try {
            PluginState state = manager.startPlugin(id);
            if (state != PluginState.STARTED) {
                PluginWrapper w = manager.getPlugin(id);
                Throwable t = w == null ? null : w.getFailedException();
                throw new PluginException("plugin " + id + " did not start: " + (t == null ? state : t.toString()), t);
            }
            register(id);
            storeSettingsSchema(id);
            // Build the plugin's template engine now, not inside the first time-boxed slot call.
            contextOf(id).warmTemplates();
            activeRevision.put(id, r.getRevision());
            activeSha.put(id, r.getJarSha256());
            LOG.info("plugin {} {} active on this node", id, r.getVersion());
        } catch (RuntimeException | LinkageError e) {
            unregister(id);
            unload(id);
            throw e instanceof PluginException p ? p : new PluginException("plugin " + id + " failed: " + e, e);
        }
    }

    private void deactivate(String id) {
        activeRevision.remove(id);
        activeSha.remove(id);
        unregister(id);
        if (manager.getPlugin(id) != null) {
            if (manager.getPlugin(id).getPluginState() == PluginState.STARTED) {
                manager.stopPlugin(id);
            }
            unload(id);
            LOG.info("plugin {} disabled", id);
        }
    }

    private void register(String id) {
        for (SlotRenderer s : manager.getExtensions(SlotRenderer.class, id)) {
            core.slots().register(id, s);
        }
        for (DomainEventListener l : manager.getExtensions(DomainEventListener.class, id)) {
            dispatcher.register(id, new NamespacedListener(id, l));
        }
        for (PluginRoutes r : manager.getExtensions(PluginRoutes.class, id)) {
            routes.register(id, r);
        }
        for (Class<?> type : REGISTERED_TYPES) {
            registerAll(id, type);
        }
    }

    /** Extension points served through the generic registry (call sites use {@link ExtensionRegistry}). */
    private static final List<Class<?>> REGISTERED_TYPES = List.of(
            io.brique.api.cart.CartAdjuster.class,
            io.brique.api.search.SearchQueryRewriter.class,
            io.brique.api.payment.PaymentProvider.class,
            io.brique.api.recommendation.RecommendationProvider.class,
            io.brique.api.notification.NotificationChannel.class,
            io.brique.api.customer.CustomerDataHandler.class,
            io.brique.api.admin.DashboardWidget.class,
            io.brique.api.admin.CustomerPanel.class,
            io.brique.api.admin.AdminNavigation.class,
            io.brique.api.segment.CustomerSegments.class);

    private <T> void registerAll(String id, Class<T> type) {
        for (T ext : manager.getExtensions(type, id)) {
            core.extensions().register(id, type, ext);
        }
    }

    private void unregister(String id) {
        core.slots().unregisterOwner(id);
        dispatcher.unregisterOwner(id);
        core.router().removeOwner(id);
        core.extensions().unregisterOwner(id);
        HostPluginContext ctx = contexts.remove(id);
        if (ctx != null) {
            ctx.close();
        }
        extensionInstances.remove(id);
    }

    private String load(Path jar) {
        try {
            String id = manager.loadPlugin(jar);
            if (id == null) {
                throw new PluginException("PF4J refused " + jar.getFileName());
            }
            return id;
        } catch (org.pf4j.PluginRuntimeException e) {
            throw new PluginException(e.getMessage(), e);
        }
    }

    private void unload(String id) {
        if (manager.getPlugin(id) != null) {
            manager.unloadPlugin(id);
        }
    }

    /** The plugin's jar on this node, written from the database when another node installed it. */
    private Path localJar(PluginInstallationRecord r) {
        Path jar = runtimeDir.resolve(r.getJarFile());
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        byte[] content = core.db().dsl().select(PLUGIN_ARTIFACT.CONTENT).from(PLUGIN_ARTIFACT)
                .where(PLUGIN_ARTIFACT.SHA256.eq(r.getJarSha256())).fetchOne(PLUGIN_ARTIFACT.CONTENT);
        if (content == null) {
            throw new PluginException("the jar of " + r.getPluginId() + " is missing (sha256 " + r.getJarSha256() + ")");
        }
        try {
            Path tmp = Files.createTempFile(runtimeDir, r.getPluginId(), ".part");
            Files.write(tmp, content);
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return jar;
        } catch (IOException e) {
            throw new PluginException("cannot write the jar of " + r.getPluginId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the plugin's migrations ({@code db/migration/plugin/<id>/V*.sql} in its jar) with its own
     * history table. Only SQL resources are read (no plugin code runs, no dependency is needed).
     */
    private void migrate(String id, Path jar) throws IOException {
        String location = "db/migration/plugin/" + id;
        if (!hasEntries(jar, location + "/")) {
            return;
        }
        try (java.net.URLClassLoader cl = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                PluginHost.class.getClassLoader())) {
            Flyway.configure(cl)
                    .dataSource(core.db().dataSource())
                    .locations("classpath:" + location)
                    .table(PluginIds.tablePrefix(id) + "schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (org.flywaydb.core.api.FlywayException e) {
            throw new PluginException("migrations of " + id + " failed: " + e.getMessage(), e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static boolean hasEntries(Path jar, String prefix) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            return jf.stream().anyMatch(e -> e.getName().startsWith(prefix) && e.getName().endsWith(".sql"));
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<PluginInstallationRecord> find(String id) {
        return Optional.ofNullable(core.db().dsl().selectFrom(PLUGIN_INSTALLATION)
                .where(PLUGIN_INSTALLATION.PLUGIN_ID.eq(id)).fetchOne());
    }

    private void setStatus(String id, String status, String error) {
        core.db().dsl().update(PLUGIN_INSTALLATION)
                .set(PLUGIN_INSTALLATION.STATUS, status)
                .set(PLUGIN_INSTALLATION.LAST_ERROR, error == null ? null : truncate(error, 2000))
                .set(PLUGIN_INSTALLATION.UPDATED_AT, now())
                .set(PLUGIN_INSTALLATION.REVISION, PLUGIN_INSTALLATION.REVISION.plus(1))
                .where(PLUGIN_INSTALLATION.PLUGIN_ID.eq(id))
                .execute();
    }

    private static InstalledPlugin view(PluginInstallationRecord r) {
        return new InstalledPlugin(r.getPluginId(), r.getVersion(), r.getStatus(), r.getDescription(),
                r.getProvider(), r.getJarSha256(), r.getErrorCount(), r.getLastError());
    }

    private LocalDateTime now() {
        return LocalDateTime.now(core.clock().withZone(ZoneOffset.UTC));
    }

    /** The plugin manifest, checked. */
    public record Descriptor(String id, String version, String pluginClass, String requires, String description,
            String provider, String dependencies) {
    }

    /** One required or optional ({@code id?}) dependency, with an optional version range ({@code id@>=1.0.0}). */
    record Dependency(String id, String range, boolean optional) {
        static List<Dependency> parse(String spec) {
            List<Dependency> out = new ArrayList<>();
            if (spec == null) {
                return out;
            }
            for (String item : spec.split(",")) {
                String t = item.trim();
                if (t.isEmpty()) {
                    continue;
                }
                String range = "*";
                int at = t.indexOf('@');
                if (at > 0) {
                    range = t.substring(at + 1).trim();
                    t = t.substring(0, at).trim();
                }
                boolean optional = t.endsWith("?");
                if (optional) {
                    t = t.substring(0, t.length() - 1);
                }
                if (!PluginIds.valid(t)) {
                    throw new PluginException("invalid Plugin-Dependencies entry '" + item.trim() + "'");
                }
                out.add(new Dependency(t, range, optional));
            }
            return out;
        }
    }

    /** Reads and checks the manifest before PF4J sees the jar, to give clear reasons. */
    public static Descriptor readDescriptor(Path jar) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest m = jf.getManifest();
            if (m == null) {
                throw new PluginException("not a plugin: the jar has no manifest");
            }
            Attributes a = m.getMainAttributes();
            String id = a.getValue("Plugin-Id");
            String version = a.getValue("Plugin-Version");
            String cls = a.getValue("Plugin-Class");
            if (!PluginIds.valid(id)) {
                throw new PluginException("invalid or missing Plugin-Id '" + id
                        + "' (lower-case letters, digits and dashes, 2 to 40 characters)");
            }
            if (version == null || !version.matches("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?")) {
                throw new PluginException("invalid or missing Plugin-Version '" + version + "' (semantic version)");
            }
            if (cls == null || cls.isBlank()) {
                throw new PluginException("missing Plugin-Class");
            }
            String requires = a.getValue("Plugin-Requires");
            if (requires == null || requires.isBlank()) {
                throw new PluginException("missing Plugin-Requires: state the SDK versions the plugin works with, "
                        + "e.g. >=1.0.0 & <2.0.0 (this host has SDK " + Sdk.VERSION + ")");
            }
            String deps = a.getValue("Plugin-Dependencies");
            Dependency.parse(deps);
            return new Descriptor(id, version, cls, requires, a.getValue("Plugin-Description"),
                    a.getValue("Plugin-Provider"), deps == null || deps.isBlank() ? null : deps.trim());
        } catch (IOException e) {
            throw new PluginException("not a readable jar: " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private PluginSettings settingsOf(String id) {
        return new StoredPluginSettings(settingsCache, id);
    }

    /** Called after settings were saved on this node, so they apply here at once. */
    public void settingsChanged() {
        settingsCache.refresh();
    }

    private HostPluginContext contextOf(String id) {
        return contexts.computeIfAbsent(id, k -> new HostPluginContext(k, core, settingsOf(k),
                () -> classLoaderOf(k).orElseThrow(() -> new IllegalStateException("plugin " + k + " is not loaded"))));
    }

    /** PF4J with our factories: plugins and extensions get their {@link PluginContext} by constructor. */
    private final class BriquePluginManager extends DefaultPluginManager {

        BriquePluginManager(Path root) {
            super(List.of(root));
            setSystemVersion(Sdk.VERSION);
        }

        @Override
        public RuntimeMode getRuntimeMode() {
            return RuntimeMode.DEPLOYMENT;
        }

        boolean isActive(String id) {
            PluginWrapper w = getPlugin(id);
            return w != null && w.getPluginState() == PluginState.STARTED;
        }

        @Override
        protected PluginFactory createPluginFactory() {
            return wrapper -> {
                String cls = wrapper.getDescriptor().getPluginClass();
                try {
                    Class<?> c = wrapper.getPluginClassLoader().loadClass(cls);
                    if (!Plugin.class.isAssignableFrom(c)) {
                        throw new PluginException(cls + " does not extend " + BriquePlugin.class.getName());
                    }
                    return (Plugin) instantiate(c, wrapper.getPluginId());
                } catch (ClassNotFoundException e) {
                    throw new PluginException("Plugin-Class " + cls + " not found in the jar", e);
                }
            };
        }

        @Override
        protected ExtensionFactory createExtensionFactory() {
            return new ExtensionFactory() {
                @Override
                public <T> T create(Class<T> extensionClass) {
                    PluginWrapper w = whichPlugin(extensionClass);
                    if (w == null) {
                        return extensionClass.cast(instantiate(extensionClass, null));
                    }
                    // One instance per extension class while the plugin runs (PF4J would build one per call).
                    Map<Class<?>, Object> cache = extensionInstances.computeIfAbsent(w.getPluginId(),
                            k -> new ConcurrentHashMap<>());
                    return extensionClass.cast(cache.computeIfAbsent(extensionClass,
                            c -> instantiate(c, w.getPluginId())));
                }
            };
        }

        private Object instantiate(Class<?> c, String pluginId) {
            try {
                if (pluginId != null) {
                    for (Constructor<?> k : c.getConstructors()) {
                        if (k.getParameterCount() == 1 && k.getParameterTypes()[0] == PluginContext.class) {
                            return k.newInstance(contextOf(pluginId));
                        }
                    }
                }
                return c.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new PluginException("cannot create " + c.getName() + ": " + cause, cause);
            }
        }
    }

    @Override
    public void close() {
        syncing = false;
        if (syncThread != null) {
            syncThread.interrupt();
        }
        lifecycle.lock();
        try {
            for (PluginWrapper w : new ArrayList<>(manager.getPlugins())) {
                try {
                    deactivate(w.getPluginId());
                } catch (RuntimeException e) {
                    LOG.warn("plugin {} did not stop cleanly: {}", w.getPluginId(), e.toString());
                }
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Records a failed or timed-out call into a plugin. A plugin failing {@code plugins.max-failures}
     * times within a minute is disabled automatically (on every node) and the reason is kept for the
     * admin.
     */
    public void recordFailure(String id, String hook, String error) {
        core.metrics().pluginFailure(id, hook);
        FailureWindow w = failures.computeIfAbsent(id, k -> new FailureWindow());
        if (w.add(core.clock().millis()) >= maxFailures) {
            failures.remove(id);
            Thread.ofVirtual().start(() -> {
                try {
                    autoDisable(id, hook + ": " + error);
                } catch (RuntimeException e) {
                    LOG.error("could not disable failing plugin {}: {}", id, e.toString());
                }
            });
        }
    }

    private void autoDisable(String id, String reason) {
        lifecycle.lock();
        try {
            if (!manager.isActive(id)) {
                return;
            }
            core.db().dsl().update(PLUGIN_INSTALLATION)
                    .set(PLUGIN_INSTALLATION.STATUS, "failed")
                    .set(PLUGIN_INSTALLATION.ERROR_COUNT, PLUGIN_INSTALLATION.ERROR_COUNT.plus(maxFailures))
                    .set(PLUGIN_INSTALLATION.LAST_ERROR, truncate("disabled automatically after " + maxFailures
                            + " failures within a minute; last: " + reason, 2000))
                    .set(PLUGIN_INSTALLATION.UPDATED_AT, now())
                    .set(PLUGIN_INSTALLATION.REVISION, PLUGIN_INSTALLATION.REVISION.plus(1))
                    .where(PLUGIN_INSTALLATION.PLUGIN_ID.eq(id)).execute();
            deactivate(id);
            LOG.error("plugin {} disabled automatically: {}", id, reason);
        } finally {
            lifecycle.unlock();
        }
    }

    /** Failure timestamps of the last minute. */
    private static final class FailureWindow {
        private final java.util.ArrayDeque<Long> times = new java.util.ArrayDeque<>();

        synchronized int add(long now) {
            times.addLast(now);
            while (!times.isEmpty() && times.peekFirst() < now - 60_000) {
                times.removeFirst();
            }
            return times.size();
        }
    }

    /** For tests: the class loader of a running plugin. */
    public Optional<ClassLoader> classLoaderOf(String id) {
        return Optional.ofNullable(manager.getPlugin(id)).map(PluginWrapper::getPluginClassLoader);
    }

    /** Listener names are scoped by plugin id so two plugins can't share a delivery position. */
    private record NamespacedListener(String pluginId, DomainEventListener delegate) implements DomainEventListener {
        @Override
        public String name() {
            return pluginId + ":" + delegate.name();
        }

        @Override
        public java.util.Set<String> eventTypes() {
            return delegate.eventTypes();
        }

        @Override
        public void onEvent(io.brique.api.event.EventEnvelope envelope) throws Exception {
            delegate.onEvent(envelope);
        }
    }

    /** Keeps the declared settings in the database, so the form exists while the plugin is disabled. */
    private void storeSettingsSchema(String id) {
        List<SettingsDeclaration.Setting> declared = new ArrayList<>();
        for (SettingsDeclaration d : manager.getExtensions(SettingsDeclaration.class, id)) {
            declared.addAll(d.settings());
        }
        try {
            core.db().dsl().update(PLUGIN_INSTALLATION)
                    .set(PLUGIN_INSTALLATION.SETTINGS_SCHEMA, core.json().writeValueAsString(declared))
                    .where(PLUGIN_INSTALLATION.PLUGIN_ID.eq(id)).execute();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PluginException("settings of " + id + " cannot be described: " + e.getMessage(), e);
        }
    }

    /** The settings a plugin declared (last time it ran). */
    public List<SettingsDeclaration.Setting> declaredSettings(String id) {
        String json = find(id).map(PluginInstallationRecord::getSettingsSchema).orElse(null);
        if (json == null) {
            return List.of();
        }
        try {
            return List.of(core.json().readValue(json, SettingsDeclaration.Setting[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PluginException("stored settings of " + id + " are unreadable: " + e.getMessage(), e);
        }
    }
}
