package io.brique.crm;

import io.brique.api.event.Events;
import io.brique.testkit.BriqueTestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not part of the suite: its name does not end in Test): a burst of orders through the
 * shop's events, the CRM outbox and a connector to the local fake CRM; throughput and lag from the
 * order event to the CRM's receipt. Run:
 * {@code ./brique mvn -B -q -pl plugins/crm -am verify -Dtest=CrmOutboxBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dcrm.bench.orders=5000} (add {@code -Dbrique.test.db=mariadb} style runs through the mariadb execution).
 */
@org.junit.jupiter.api.Tag("db")
class CrmOutboxBench {

    static final int ORDERS = Integer.getInteger("crm.bench.orders", 3000);

    @Test
    void burst() throws Exception {
        for (String connector : List.of("webhook", "hubspot")) {
            run(connector);
        }
    }

    void run(String connector) throws Exception {
        try (FakeCrm crm = new FakeCrm(CrmSyncTest.SECRET, CrmSyncTest.TOKEN);
                BriqueTestServer shop = BriqueTestServer.start()) {
            shop.installFolder(Path.of("target/classes"));
            shop.enable("crm");
            shop.saveSettings("crm", Map.of("connector", connector, "webhook_url", crm.url("/hook"), "webhook_secret",
                    CrmSyncTest.SECRET, "hubspot_base_url", crm.url(""), "hubspot_token", CrmSyncTest.TOKEN,
                    "allow_private_addresses", "true", "rate_limit_per_second", "1000", "parallel_requests", "16"));
            long t0 = System.nanoTime();
            Instant start = Instant.now();
            for (int i = 1; i <= ORDERS; i++) {
                shop.publish(new Events.OrderPlaced(i, "B" + i, "web", 1L + i % 500, "b" + (i % 500) + "@example.com",
                        "EUR", 1000, 0, 0, 0, 1000, null, null, List.of(new Events.OrderLine(1, 1, "SKU", "Thing", 1,
                                1000, 1000, 2000))));
            }
            double publishS = (System.nanoTime() - t0) / 1e9;
            var outbox = Crm.of(shop.pluginContext("crm")).outbox();
            while (outbox.count(Outbox.SENT) < ORDERS) {
                Thread.sleep(20);
            }
            double totalS = (System.nanoTime() - t0) / 1e9;
            // lag from the order event to the CRM's 2xx, and the plugin's own part (outbox row to 2xx)
            List<Double> lags = new ArrayList<>();
            List<Double> own = new ArrayList<>();
            shop.brique().core().db().dsl().fetch("SELECT created_at, sent_at, occurred_at FROM crm_outbox")
                    .forEach(r -> {
                        long created = r.get(0, java.sql.Timestamp.class).getTime();
                        long sent = r.get(1, java.sql.Timestamp.class).getTime();
                        lags.add((sent - r.get(2, java.sql.Timestamp.class).getTime()) / 1000.0);
                        own.add((sent - created) / 1000.0);
                    });
            Collections.sort(lags);
            Collections.sort(own);
            System.out.printf(Locale.ROOT, "%n| %s | %s | %s | %d | %.1f | %.0f | %.2f / %.2f / %.2f | %.2f / %.2f | %d |%n",
                    start.toString().substring(0, 10), connector, BriqueTestServer.databaseKind(), ORDERS, publishS,
                    ORDERS / totalS, lags.get(lags.size() / 2), lags.get((int) (lags.size() * 0.99)),
                    lags.get(lags.size() - 1), own.get(own.size() / 2), own.get((int) (own.size() * 0.99)),
                    crm.received.size());
        }
    }
}
