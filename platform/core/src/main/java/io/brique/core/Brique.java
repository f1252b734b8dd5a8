package io.brique.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.brique.core.catalog.CatalogModule;
import io.brique.core.commerce.CommerceModule;
import io.brique.core.config.BriqueConfig;
import io.brique.core.db.Database;
import io.brique.core.db.Migrations;
import io.brique.core.event.EventJson;
import io.brique.core.event.EventPublisher;
import io.brique.core.event.EventTypes;
import io.brique.core.event.ObservationRecorder;
import io.brique.core.event.OutboxDispatcher;
import io.brique.core.i18n.Messages;
import io.brique.core.mail.MailOutbox;
import io.brique.core.mail.MailSender;
import io.brique.core.ops.Metrics;
import io.brique.core.ops.OpsRoutes;
import io.brique.core.plugin.ExtensionRegistry;
import io.brique.core.plugin.PluginBundle;
import io.brique.core.plugin.PluginDropIn;
import io.brique.core.plugin.PluginHost;
import io.brique.core.plugin.PluginSettingsService;
import io.brique.core.plugin.PluginUploads;
import io.brique.core.slot.SlotService;
import io.brique.core.web.ApiTokens;
import io.brique.core.web.ClientAddresses;
import io.brique.core.web.Router;
import io.brique.core.web.ServerFactory;
import io.brique.core.web.Views;
import io.brique.core.web.WebSupport;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Brique node. {@link #start} is the boot sequence, in order: configuration, data folder,
 * database and migrations, event infrastructure, modules (services and routes), demo data, event
 * dispatch, HTTP. {@link #close} stops in reverse: stop accepting requests and let in-flight ones
 * finish, flush observations, drain the outbox, send queued mail, close the pool.
 */
public final class Brique implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Brique.class);

    private final Core core;
    private final OutboxDispatcher dispatcher;
    private final MailSender mailSender;
    private final CatalogModule catalog;
    private final CommerceModule commerce;
    private final PluginHost plugins;
    private final PluginUploads pluginUploads;
    private final PluginSettingsService pluginSettings;
    private final Server server;
    private final List<AutoCloseable> modules;
    private volatile boolean accepting;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Brique(Core core, OutboxDispatcher dispatcher, MailSender mailSender, ModuleServices services,
            List<AutoCloseable> modules, Server server) {
        this.core = core;
        this.dispatcher = dispatcher;
        this.mailSender = mailSender;
        this.catalog = services.catalog();
        this.commerce = services.commerce();
        this.plugins = services.plugins();
        this.pluginUploads = services.pluginUploads();
        this.pluginSettings = services.pluginSettings();
        this.modules = modules;
        this.server = server;
    }

    /** A node with the core only (no admin console). */
    public static Brique start(BriqueConfig startConfig) throws Exception {
        return start(startConfig, List.of());
    }

    /** A node with extra modules (the distribution passes the admin console), wired in list order. */
    public static Brique start(BriqueConfig startConfig, List<BriqueModule> extraModules) throws Exception {
        BriqueConfig config = startConfig;
        long t0 = System.nanoTime();
        Clock clock = Clock.systemUTC();
        String nodeId = config.get("node.id", "node-" + UUID.randomUUID().toString().substring(0, 8));
        config = config.with(java.util.Map.of("node.id", nodeId));
        Files.createDirectories(config.dataDir());
        LOG.info("boot 1/6 configuration: node {}, data folder {}, mode {}", nodeId, config.dataDir(),
                config.get("mode", "development"));

        Database db = Database.open(config);
        Migrations.migrateCore(db);
        LOG.info("boot 2/6 database ready ({})", db.dialect());

        Metrics metrics = new Metrics();
        ObjectMapper json = jsonMapper();
        EventJson eventJson = new EventJson(json, new EventTypes());
        OutboxDispatcher dispatcher = new OutboxDispatcher(db, eventJson, clock, metrics, nodeId,
                config.getDuration("events.gap-grace", Duration.ofSeconds(30)),
                config.getDuration("events.retry-base", Duration.ofMillis(100)));
        EventPublisher events = new EventPublisher(eventJson, clock, dispatcher::wakeUp);
        ObservationRecorder observations = new ObservationRecorder(db.dsl(), eventJson, clock, dispatcher::wakeUp,
                config.getInt("events.observation-queue", 50_000));
        MailSender mailSender = new MailSender(config, db, clock, nodeId);
        MailOutbox mail = new MailOutbox(clock, mailSender::wakeUp);
        LOG.info("boot 3/6 events and mail outboxes ready");

        List<String> languages = Arrays.stream(config.get("shop.locales", "fr,en").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        Messages messages = new Messages(Messages.CORE_BUNDLES, languages, config.defaultLocale().getLanguage());
        boolean production = "production".equals(config.get("mode", "development"));
        Views views = new Views(messages, config.getBoolean("templates.cache", true));
        SlotService slots = new SlotService(config.getDuration("plugins.slot-budget", Duration.ofMillis(150)));
        WebSupport web = new WebSupport(json, views, messages, languages, config.defaultLocale(),
                config.getBoolean("http.secure-cookies", production), config.get("shop.name", "Brique"),
                ZoneId.of(config.get("shop.timezone", "Europe/Paris")), slots);
        web.useClientAddresses(ClientAddresses.parse(config.get("http.trusted-proxies", "")));
        web.useRateLimits(io.brique.core.web.RateLimits.configured(config.get("http.rate-limit.login", "10/1m"),
                config.get("http.rate-limit.search", "120/1m"), config.get("http.rate-limit.collect", "1200/1m")));
        Router router = new Router();
        ApiTokens apiTokens = new ApiTokens(db, clock);
        config.find("api.bootstrap.token").ifPresent(t -> apiTokens.storeBootstrap("bootstrap", t));
        Core core = new Core(config, clock, db, json, events, observations, mail, messages, web, router, metrics,
                slots, apiTokens, new ExtensionRegistry(), dispatcher);

        CatalogModule catalog = new CatalogModule(core);
        CommerceModule commerce = new CommerceModule(core);
        LOG.info("boot 4/6 modules wired: {} routes", router.routes().size());

        PluginHost plugins = new PluginHost(core, dispatcher);
        ModuleServices services = new ModuleServices(core, catalog, commerce, plugins,
                new PluginUploads(plugins, config), new PluginSettingsService(db, plugins, clock));
        List<AutoCloseable> started = new java.util.ArrayList<>();
        for (BriqueModule m : extraModules) {
            started.add(m.start(services));
            LOG.info("boot 4/6 module {} wired", m.name());
        }
        plugins.startEnabled();
        plugins.loadDevFolders(config.get("plugins.dev-dirs", ""));
        PluginDropIn dropIn = new PluginDropIn(plugins, services.pluginUploads(),
                java.nio.file.Path.of(config.get("plugins.drop-in-dir",
                        config.dataDir().resolve("plugins").resolve("drop-in").toString())),
                config.getBoolean("plugins.auto-enable", false));
        dropIn.scan();
        config.find("plugins.bundled-dir").filter(d -> !d.isBlank())
                .ifPresent(d -> new PluginBundle(plugins, db, clock).offer(java.nio.file.Path.of(d)));
        plugins.startSync(config.getDuration("plugins.sync-interval", Duration.ofSeconds(2)), dropIn::scan);
        LOG.info("boot 4/6 plugins: {} enabled", plugins.list().stream().filter(p -> p.status().equals("enabled")).count());

        if (config.getBoolean("demo.enabled", true)) {
            catalog.loadDemoDataIfEmpty();
            commerce.loadDemoDataIfEmpty();
        }
        mailSender.start();
        LOG.info("boot 5/6 background workers started");

        Server server = ServerFactory.create(config.get("http.host", "0.0.0.0"), config.httpPort(), router, web,
                metrics, config.getLong("plugins.max-upload-bytes", 20L * 1024 * 1024),
                config.getBoolean("bench.bare-endpoint", false));
        Brique app = new Brique(core, dispatcher, mailSender, services, List.copyOf(started), server);
        OpsRoutes.register(router, db, metrics, () -> app.accepting, config.get("ops.metrics-token", ""),
                production);
        router.get("/", ctx -> ctx.redirect("/" + preferredLanguage(ctx, web) + "/"));
        server.start();
        app.accepting = true;
        LOG.info("boot 6/6 HTTP listening on port {}: {} (started in {} ms)", app.port(), config.baseUrl(),
                (System.nanoTime() - t0) / 1_000_000);
        return app;
    }

    /** The visitor's preferred shop language from Accept-Language, else the shop default. */
    private static String preferredLanguage(io.brique.core.web.Ctx ctx, WebSupport web) {
        var locales = ctx.req().getLocales();
        while (locales.hasMoreElements()) {
            String l = locales.nextElement().getLanguage();
            if (web.supports(l)) {
                return l;
            }
        }
        return web.defaultLocale().getLanguage();
    }

    public static ObjectMapper jsonMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    public Core core() {
        return core;
    }

    public CatalogModule catalog() {
        return catalog;
    }

    public CommerceModule commerce() {
        return commerce;
    }

    public PluginHost plugins() {
        return plugins;
    }

    public PluginUploads pluginUploads() {
        return pluginUploads;
    }

    public PluginSettingsService pluginSettings() {
        return pluginSettings;
    }

    public OutboxDispatcher dispatcher() {
        return dispatcher;
    }

    public MailSender mailSender() {
        return mailSender;
    }

    public int port() {
        return ServerFactory.port(server);
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** Graceful stop; see the class comment for the order. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping: finishing in-flight requests");
        accepting = false;
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("HTTP stop: {}", e.toString());
        }
        plugins.close();
        for (int i = modules.size() - 1; i >= 0; i--) {
            try {
                modules.get(i).close();
            } catch (Exception e) {
                LOG.warn("module stop: {}", e.toString());
            }
        }
        core.observations().close();
        try {
            if (!dispatcher.drain(Duration.ofSeconds(10))) {
                LOG.warn("some events were not delivered before stop; they will be delivered at next start");
            }
        } catch (RuntimeException e) {
            LOG.warn("could not drain the outbox at stop (database away?): {}", e.toString());
        }
        dispatcher.close();
        catalog.search().close();
        mailSender.close();
        core.db().close();
        LOG.info("stopped");
    }
}
