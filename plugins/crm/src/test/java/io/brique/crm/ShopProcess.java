package io.brique.crm;

import io.brique.api.event.Events;
import io.brique.core.Brique;
import io.brique.core.config.BriqueConfig;
import io.brique.core.config.ConfigLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A shop in its own JVM for the kill-and-restart test: boots a node on the given database with the
 * CRM plugin from {@code target/classes} (development mode: installed and enabled), points it at the
 * fake CRM, then places orders {@code next..total} (each order's event and its progress mark in one
 * transaction, so a restart resumes exactly after the last committed order) and keeps running, its
 * dispatcher delivering, until it is killed.
 *
 * <p>Arguments: {@code total webhookUrl secret pluginClasses} and {@code -Ddb.url/-Ddb.user/-Ddb.password/-Ddata.dir}.
 */
public final class ShopProcess {

    private ShopProcess() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(2); // the node's threads would keep a broken process alive
        }
    }

    private static void run(String[] args) throws Exception {
        int total = Integer.parseInt(args[0]);
        Map<String, String> cfg = new HashMap<>();
        for (String k : List.of("db.url", "db.user", "db.password", "data.dir")) {
            cfg.put(k, System.getProperty(k, ""));
        }
        cfg.put("http.port", "0");
        cfg.put("http.host", "127.0.0.1");
        cfg.put("demo.enabled", "false");
        cfg.put("events.gap-grace", "1s");
        cfg.put("plugins.dev-dirs", args[3]);
        BriqueConfig config = ConfigLoader.load(null, Map.of(), new Properties()).with(cfg);
        Brique app = Brique.start(config, List.of(new io.brique.admin.AdminModule()));
        app.pluginSettings().save("crm", Map.of("connector", "webhook", "webhook_url", args[1], "webhook_secret",
                args[2], "allow_private_addresses", "true", "backoff_base_ms", "200", "backoff_max_ms", "2000",
                "request_timeout_ms", "3000", "rate_limit_per_second", "1000", "parallel_requests", "16"));
        var dsl = app.core().db().dsl();
        dsl.execute("CREATE TABLE IF NOT EXISTS crmtest_progress (n INT PRIMARY KEY)");
        Integer last = dsl.fetchOne("SELECT MAX(n) FROM crmtest_progress").get(0, Integer.class);
        int next = last == null ? 1 : last + 1;
        System.out.println("READY next=" + next);
        System.out.flush();
        for (int n = next; n <= total; n++) {
            int number = n;
            long customer = 1 + n % 40; // 40 customers: each one's orders must arrive in order
            app.core().db().txRun(tx -> {
                app.core().events().publish(tx, new Events.OrderPlaced(number, "K" + number, "web", customer,
                        "k" + customer + "@example.com", "EUR", 1000 + number, 0, 0, 0, 1000 + number, null, null,
                        List.of(new Events.OrderLine(1, 1, "SKU-1", "Thing", 1, 1000 + number, 1000 + number, 2000))));
                tx.dsl().execute("INSERT INTO crmtest_progress (n) VALUES (" + number + ")");
            });
            Thread.sleep(5); // about 150 orders a second: the kills land inside the burst
        }
        System.out.println("PUBLISHED " + total);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
