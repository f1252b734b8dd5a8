package io.brique.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.event.Events;
import io.brique.testkit.BriqueTestServer;
import io.brique.testing.HttpSession;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The initial back-fill of customers and orders that existed before the plugin (through the SDK 1.2
 * customer directory), with its progress on the status page, and {@code customer.updated} sent with
 * the consent the shop holds now.
 */
@Tag("db")
class CrmBackfillTest {

    BriqueTestServer shop;
    FakeCrm crm;

    @BeforeEach
    void start() throws Exception {
        crm = new FakeCrm(CrmSyncTest.SECRET, CrmSyncTest.TOKEN);
        shop = BriqueTestServer.start();
        DSLContext dsl = shop.brique().core().db().dsl();
        for (int i = 1; i <= 3; i++) {
            dsl.execute("INSERT INTO customer (id, email, first_name, last_name, locale, consent_marketing)"
                    + " VALUES (?, ?, ?, ?, 'fr', ?)", 900 + i, "old" + i + "@example.com", "Old", "N" + i, i == 1);
        }
        for (int i = 1; i <= 5; i++) {
            dsl.execute("INSERT INTO orders (id, number, channel, status, customer_id, email, locale, currency,"
                    + " subtotal_minor, total_minor, shipping_method, payment_method, placed_at) VALUES (?, ?, 'web',"
                    + " ?, ?, ?, 'fr', 'EUR', 1000, 1000, 'home', 'bank_transfer', ?)", 800 + i, "OLD" + i,
                    i <= 2 ? "paid" : "placed", i == 5 ? null : 901L + i % 3, "old@example.com", LocalDateTime.now());
            dsl.execute("INSERT INTO order_line (order_id, variant_id, product_id, sku, name, quantity,"
                    + " unit_price_minor, tax_rate_bp, line_total_minor, line_tax_minor) VALUES (?, 1, 1, 'SKU', 'Thing',"
                    + " 1, 1000, 2000, 1000, 167)", 800 + i);
        }
        shop.installFolder(Path.of("target/classes"));
        shop.enable("crm");
        shop.saveSettings("crm", Map.of("connector", "webhook", "webhook_url", crm.url("/hook"), "webhook_secret",
                CrmSyncTest.SECRET, "allow_private_addresses", "true"));
    }

    @AfterEach
    void stop() {
        shop.close();
        crm.close();
    }

    @Test
    void existingCustomersAndOrdersAreSentOnceWithProgressShown() throws Exception {
        HttpSession admin = shop.adminHttp();
        var page = admin.get("/admin/plugins/crm/sync");
        assertEquals(200, page.status());
        var started = admin.postFormRaw("/admin/plugins/crm/sync/backfill", Map.of("_csrf", CrmSyncTest.csrf(
                page.body())));
        assertEquals(303, started.status());
        // 3 contacts, 5 orders, 2 of them paid since
        CrmSyncTest.await("the back-fill", () -> crm.applied.size() == 10);
        List<String> types = crm.applied.values().stream().map(b -> (String) CrmSyncTest.json(b).get("type")).toList();
        assertEquals(3, types.stream().filter("contact.upsert"::equals).count());
        assertEquals(5, types.stream().filter("order.placed"::equals).count());
        assertEquals(2, types.stream().filter("order.status_changed"::equals).count());
        assertTrue(crm.applied.values().stream().anyMatch(b -> b.contains("\"o:OLD5\"")), "a guest order");
        CrmSyncTest.await("done", () -> admin.get("/admin/plugins/crm/sync").body().contains("bf-orders\">5 / 5<"));
        String status = admin.get("/admin/plugins/crm/sync").body();
        assertTrue(status.contains("bf-customers\">3 / 3<"), status);

        // customer.updated carries no details: the consent sent is the one the shop holds now
        shop.brique().core().db().dsl().execute("UPDATE customer SET consent_marketing = TRUE WHERE id = 902");
        shop.publish(new Events.CustomerUpdated(902, "profile"));
        shop.drainEvents();
        CrmSyncTest.await("the update", () -> crm.applied.values().stream().anyMatch(b -> b.contains("\"profile\"")
                && b.contains("\"marketingConsent\":true") && b.contains("old2@example.com")));
    }
}
