package io.brique.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import io.brique.testkit.BriqueTestServer;
import io.brique.testing.HttpSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The signed inbound webhook (forged, stale, replayed and malformed calls refused, nothing written),
 * the customer timeline panel, abandoned and recovered carts, and GDPR export and erasure propagated
 * to the CRM with a record.
 */
@Tag("db")
class CrmInboundTest {

    static final String ID = "crm";
    static final String INBOUND = "inbound-secret-0123456789";

    BriqueTestServer shop;
    FakeCrm crm;
    HttpSession http;

    @BeforeEach
    void start() throws Exception {
        crm = new FakeCrm(CrmSyncTest.SECRET, CrmSyncTest.TOKEN);
        shop = BriqueTestServer.start();
        shop.installFolder(Path.of("target/classes"));
        shop.enable(ID);
        shop.saveSettings(ID, Map.of("connector", "webhook", "webhook_url", crm.url("/hook"), "webhook_secret",
                CrmSyncTest.SECRET, "allow_private_addresses", "true", "inbound_secret", INBOUND,
                "abandoned_cart_minutes", "30", "abandoned_cart_notify", "true"));
        shop.publish(new Events.CustomerRegistered(71, "ada@example.com", "Ada", "Lovelace", "fr", true));
        shop.publish(new Events.CustomerRegistered(72, "nope@example.com", "No", "Consent", "fr", false));
        shop.drainEvents();
        http = shop.http();
    }

    @AfterEach
    void stop() {
        shop.close();
        crm.close();
    }

    HttpSession.Response inbound(String body, long ts, String secret) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return http.send("POST", "/api/v1/plugins/crm/inbound", "application/json", b, Map.of("X-Crm-Timestamp",
                Long.toString(ts), "X-Crm-Signature", Signatures.sign(secret, ts, b)));
    }

    long timelineRows() {
        return shop.brique().core().db().dsl().fetchCount(org.jooq.impl.DSL.table("crm_timeline"));
    }

    @Test
    void signedCrmActivityLandsOnTheTimelineAndBadCallsAreRefusedWithoutWriting() throws Exception {
        long now = Instant.now().getEpochSecond();
        String call = """
                {"id":"hs-call-1","type":"call","customerId":71,"occurredAt":"2026-11-20T10:00:00Z",
                 "title":"Call about the <b>delivery</b>","body":"Wants Tuesday"}""";
        var ok = inbound(call, now, INBOUND);
        assertEquals(202, ok.status(), ok.body());
        var note = inbound("""
                {"id":"hs-note-9","type":"field_change","email":"ADA@example.com","field":"lifecyclestage",
                 "value":"customer","occurredAt":"2026-11-21T10:00:00Z"}""", now, INBOUND);
        assertEquals(202, note.status(), note.body());
        assertEquals(2, timelineRows());

        // refused, each with a useful code, and nothing written
        assertEquals(409, inbound(call, now, INBOUND).status(), "a replayed message id");
        assertEquals(401, inbound(call.replace("hs-call-1", "hs-call-2"), now, "forged-secret-0123456789").status());
        assertEquals(401, inbound(call.replace("hs-call-1", "hs-call-3"), now - 3600, INBOUND).status(), "stale");
        byte[] b = call.replace("hs-call-1", "hs-call-4").getBytes(StandardCharsets.UTF_8);
        var tampered = http.send("POST", "/api/v1/plugins/crm/inbound", "application/json", b, Map.of(
                "X-Crm-Timestamp", Long.toString(now), "X-Crm-Signature", Signatures.sign(INBOUND, now,
                        call.getBytes(StandardCharsets.UTF_8))));
        assertEquals(401, tampered.status(), "the body changed after signing");
        var noHeaders = http.send("POST", "/api/v1/plugins/crm/inbound", "application/json", b, Map.of());
        assertEquals(401, noHeaders.status());
        var malformed = inbound("{\"id\":\"x\",", now, INBOUND);
        assertEquals(400, malformed.status());
        assertTrue(malformed.body().contains("invalid"), malformed.body());
        assertEquals(400, inbound("{\"id\":\"x5\",\"type\":\"fax\",\"customerId\":71,\"occurredAt\":"
                + "\"2026-11-21T10:00:00Z\"}", now, INBOUND).status());
        assertEquals(400, inbound("{\"id\":\"x6\",\"type\":\"note\",\"customerId\":71,\"occurredAt\":\"yesterday\"}",
                now, INBOUND).status());
        assertEquals(404, inbound(call.replace("hs-call-1", "hs-call-7").replace("71", "999"), now, INBOUND)
                .status());
        assertEquals(2, timelineRows());

        // the timeline panel: shop orders (online and in store) and CRM items, escaped
        shop.publish(CrmSyncTest.order(500, 71L, "ada@example.com"));
        shop.publish(new Events.OrderPlaced(501, "ST501", "store", 71L, "ada@example.com", "EUR", 1000, 0, 0, 0,
                1000, null, 3L, List.of()));
        shop.drainEvents();
        String panel = new CrmAdmin.Timeline(shop.pluginContext(ID)).render(71, "fr");
        assertTrue(panel.contains("Order BR500 · 29.90 EUR · online"), panel);
        assertTrue(panel.contains("Order ST501 · 10.00 EUR · store 3"), panel);
        assertTrue(panel.contains("Call about the &lt;b&gt;delivery&lt;/b&gt;"), panel);
        assertTrue(panel.contains("lifecyclestage = customer"), panel);
        assertFalse(panel.contains("<b>delivery"));

        // without a secret the endpoint is closed
        shop.saveSettings(ID, Map.of("connector", "webhook", "webhook_url", crm.url("/hook"), "webhook_secret",
                CrmSyncTest.SECRET, "allow_private_addresses", "true"));
        // (an empty secret keeps the stored one: the host never blanks a secret from the form)
        assertEquals(409, inbound(call, now, INBOUND).status());
    }

    @Test
    void abandonedCartsOfConsentingCustomersRaiseACrmEventAndRecoveryIsTracked() throws Exception {
        // the shop's own record of customer 71 (the notification goes through the core, which checks it)
        shop.brique().core().db().dsl().execute("INSERT INTO customer (id, email, first_name, locale,"
                + " consent_marketing) VALUES (71, 'ada@example.com', 'Ada', 'fr', TRUE)");
        var ctx = shop.pluginContext(ID);
        CrmListener listener = new CrmListener(ctx);
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        listener.onEvent(new EventEnvelope(1, UUID.randomUUID().toString(), longAgo, new Events.CartChanged("cart-a",
                71L, 7, "MUG-1", 3, 0, 2, 1250, "EUR")));
        listener.onEvent(new EventEnvelope(2, UUID.randomUUID().toString(), longAgo, new Events.CartChanged("cart-b",
                72L, 7, "MUG-1", 3, 0, 1, 1250, "EUR")));
        listener.onEvent(new EventEnvelope(3, UUID.randomUUID().toString(), longAgo, new Events.CartChanged("cart-g",
                null, 7, "MUG-1", 3, 0, 1, 1250, "EUR")));
        listener.onEvent(new EventEnvelope(4, UUID.randomUUID().toString(), Instant.now(), new Events.CartChanged(
                "cart-fresh", 71L, 7, "MUG-1", 3, 0, 1, 1250, "EUR")));
        Crm service = Crm.of(ctx);
        assertEquals(1, service.carts().sweep(), "only the idle cart of a consenting customer with an e-mail");
        assertEquals(0, service.carts().sweep(), "reported once");
        CrmSyncTest.await("the abandoned cart message", () -> crm.applied.values().stream()
                .anyMatch(b -> b.contains("\"cart.abandoned\"")));
        String msg = crm.applied.values().stream().filter(b -> b.contains("\"cart.abandoned\"")).findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) CrmSyncTest.json(msg).get("data");
        assertEquals("ada@example.com", data.get("email"));
        assertEquals("25.00", data.get("value"));
        // the customer was reminded once through the shop's notification channel (the e-mail outbox)
        var dsl = shop.brique().core().db().dsl();
        assertEquals("QUEUED", dsl.fetchValue("SELECT notify_outcome FROM crm_cart WHERE cart_token = 'cart-a'"));
        service.carts().sweep();
        assertEquals(1, dsl.fetchCount(org.jooq.impl.DSL.table("email_outbox"), org.jooq.impl.DSL.field("recipient")
                .eq("ada@example.com")));
        assertEquals(ShopMirror.NOT_FOLLOWED, status("cart-b"));
        assertEquals(ShopMirror.NOT_FOLLOWED, status("cart-g"));
        assertEquals(ShopMirror.OPEN, status("cart-fresh"));

        shop.publish(new Events.OrderPlaced(600, "BR600", "web", 71L, "ada@example.com", "EUR", 2500, 0, 0, 0, 2500,
                "cart-a", null, List.of()));
        shop.drainEvents();
        CrmSyncTest.await("the recovery message", () -> crm.applied.values().stream()
                .anyMatch(b -> b.contains("\"cart.recovered\"") && b.contains("BR600")));
        assertEquals(ShopMirror.RECOVERED, status("cart-a"));
        var page = shop.adminHttp().get("/admin/plugins/crm/sync");
        assertTrue(page.body().contains("1 / 1"), "abandoned / recovered on the status page");
    }

    String status(String token) {
        return Crm.of(shop.pluginContext(ID)).db().read(c -> Crm.of(shop.pluginContext(ID)).mirror().cart(c, token))
                .status();
    }

    @Test
    void gdprExportAndErasureReachTheCrmWithARecord() throws Exception {
        shop.publish(CrmSyncTest.order(700, 71L, "ada@example.com"));
        shop.drainEvents();
        CrmSyncTest.await("the first updates", () -> crm.applied.size() == 3);
        CrmAdmin.Data data = new CrmAdmin.Data(shop.pluginContext(ID));
        Map<String, Object> export = data.export(71, "ada@example.com");
        assertTrue(export.toString().contains("ada@example.com"), export.toString());
        assertTrue(export.toString().contains("Order BR700"), export.toString());

        String record = data.erase(71, "ada@example.com");
        assertTrue(record.contains("contact deletion queued"), record);
        CrmSyncTest.await("the erasure at the CRM", () -> crm.applied.values().stream()
                .anyMatch(b -> b.contains("\"contact.erase\"") && b.contains("\"c:71\"")));
        Map<String, Object> after = data.export(71, "ada@example.com");
        assertFalse(after.toString().contains("ada@example.com"), after.toString());
        var dsl = shop.brique().core().db().dsl();
        assertEquals(1, dsl.fetchCount(org.jooq.impl.DSL.table("crm_erasure")));
        assertEquals(0, dsl.fetchCount(org.jooq.impl.DSL.table("crm_outbox"), org.jooq.impl.DSL.field("payload")
                .like("%ada@example.com%")), "no personal data left in past updates");
    }
}
