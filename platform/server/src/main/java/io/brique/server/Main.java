package io.brique.server;

import io.brique.admin.AdminModule;
import io.brique.core.Brique;
import io.brique.core.config.BriqueConfig;
import io.brique.core.config.ConfigException;
import io.brique.core.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The shop distribution: a Brique node with the admin console, {@code java -jar brique-server.jar
 * [--config FILE]}. Stops gracefully on SIGTERM/SIGINT.
 */
public final class Main {

    private Main() {
    }

    /** The bricks shipped next to the jar ({@code bricks/}), unless the operator chose another folder. */
    private static BriqueConfig withBundledBricks(BriqueConfig config) {
        if (config.find("plugins.bundled-dir").isPresent()) {
            return config;
        }
        try {
            Path jarDir = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
            Path bricks = jarDir == null ? null : jarDir.resolve("bricks");
            return bricks != null && java.nio.file.Files.isDirectory(bricks)
                    ? config.with(java.util.Map.of("plugins.bundled-dir", bricks.toString())) : config;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return config;
        }
    }

    public static void main(String[] args) throws Exception {
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (args[i].equals("--help")) {
                System.out.println("usage: brique [--config FILE]   (see README.md, Configuration)");
                return;
            }
        }
        BriqueConfig config;
        try {
            config = ConfigLoader.load(configFile, System.getenv(), System.getProperties());
        } catch (ConfigException e) {
            System.err.println("brique: " + e.getMessage());
            System.exit(2);
            return;
        }
        io.brique.core.ops.Logging.configure(config.get("log.format", "text"));
        config = withBundledBricks(config);
        Brique app;
        try {
            app = Brique.start(config, List.of(new AdminModule()));
        } catch (Exception | Error e) {
            // A node that cannot start (port taken, database unreachable) must exit, not linger
            // half-started: its worker threads would keep the JVM alive.
            org.slf4j.LoggerFactory.getLogger(Main.class).error("Brique did not start: {}", e.toString(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "brique-shutdown"));
        stopped.await();
    }
}
