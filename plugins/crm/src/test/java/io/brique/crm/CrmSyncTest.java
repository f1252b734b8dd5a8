package io.brique.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import io.brique.testkit.BriqueTestServer;
import io.brique.testing.HttpSession;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The outbox and its connectors in a real shop against a real local HTTP server playing the CRM:
 * order per customer, idempotency, retries honouring Retry-After, dead letters with retry and discard
 * from the admin, a slow customer not blocking the others, HubSpot-style upserts, URL checks.
 */
@Tag("db")
class CrmSyncTest {

    static final String ID = "crm";
    static final String SECRET = "webhook-secret-0123456789";
    static final String TOKEN = "pat-test-token-123";

    BriqueTestServer shop;
    FakeCrm crm;

    @BeforeEach
    void start() throws Exception {
        crm = new FakeCrm(SECRET, TOKEN);
        shop = BriqueTestServer.start();
        shop.installFolder(Path.of("target/classes"));
        shop.enable(ID);
    }

    @AfterEach
    void stop() {
        shop.close();
        crm.close();
    }

    void webhook(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>(Map.of("connector", "webhook", "webhook_url", crm.url("/hook"),
                "webhook_secret", SECRET, "allow_private_addresses", "true", "backoff_base_ms", "100",
                "backoff_max_ms", "1000"));
        s.putAll(extra);
        shop.saveSettings(ID, s);
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static Events.OrderPlaced order(long id, Long customerId, String email) {
        return new Events.OrderPlaced(id, "BR" + id, "web", customerId, email, "EUR", 2500, 0, 490, 417, 2990, null,
                null, List.of(new Events.OrderLine(7, 3, "MUG-1", "Mug", 2, 1250, 2500, 2000)));
    }

    long outbox(String status) {
        return Crm.of(shop.pluginContext(ID)).outbox().count(status);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) {
        try {
            return (Map<String, Object>) Json.parse(body);
        } catch (Json.Malformed e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void webhookDeliversEachUpdateOnceSignedAndInOrderPerCustomer() throws Exception {
        webhook(Map.of());
        shop.publish(new Events.CustomerRegistered(41, "ada@example.com", "Ada", "Lovelace", "fr", true));
        shop.publish(order(100, 41L, "ada@example.com"));
        shop.publish(new Events.OrderStatusChanged(100, "BR100", 41L, "placed", "paid", "EUR", 2990));
        shop.publish(new Events.OrderRefunded(100, "BR100", 41L, "EUR", 1000, 1000, false, "damaged"));
        shop.publish(order(101, null, "guest@example.com"));
        shop.drainEvents();
        await("5 updates", () -> crm.applied.size() == 5);

        // every request was signed and valid (the fake refuses others), each key applied once
        List<FakeCrm.Received> hooks = crm.received("/hook");
        assertEquals(5, hooks.size(), "no retries needed: exactly one request per update");
        List<String> types = new ArrayList<>();
        for (FakeCrm.Received r : hooks) {
            Map<String, Object> m = json(r.body());
            assertEquals(m.get("id"), r.header("Idempotency-Key"));
            if ("c:41".equals(m.get("customerKey"))) {
                types.add((String) m.get("type"));
            }
        }
        assertEquals(List.of("contact.upsert", "order.placed", "order.status_changed", "order.refunded"), types,
                "one customer's updates arrive in the order they happened");
        Map<String, Object> placed = json(hooks.stream().filter(r -> r.body().contains("\"BR101\"")).findFirst()
                .orElseThrow().body());
        assertEquals("o:BR101", placed.get("customerKey"));
        Map<String, Object> data = (Map<String, Object>) placed.get("data");
        assertEquals("29.90", data.get("total"));
        assertEquals(new java.math.BigDecimal(2990), data.get("totalMinor"));
        assertEquals(5, outbox(Outbox.SENT));

        // a redelivered shop event adds nothing: the listener is idempotent per event id
        CrmListener listener = new CrmListener(shop.pluginContext(ID));
        EventEnvelope again = new EventEnvelope(1, "same-event-id", Instant.now(), order(102, 41L, "ada@example.com"));
        listener.onEvent(again);
        listener.onEvent(again);
        await("the redelivered order", () -> crm.applied.size() == 6);
        Thread.sleep(1500);
        assertEquals(6, crm.received("/hook").size());
        assertEquals(6, outbox(Outbox.SENT));
    }

    @Test
    void failuresAreRetriedWithBackoffHonouringRetryAfterThenDeadLetteredAndReplayedFromTheAdmin() throws Exception {
        webhook(Map.of("max_attempts", "4"));
        // 500, a time-out-free malformed 503, then 429 asking for 2 s: the fourth attempt succeeds
        crm.thenAnswer(FakeCrm.Answer.status(500), FakeCrm.Answer.status(503), FakeCrm.Answer.tooMany("2"));
        shop.publish(new Events.CustomerRegistered(51, "bob@example.com", "Bob", "Martin", "en", false));
        shop.drainEvents();
        await("delivery after retries", () -> crm.applied.size() == 1);
        List<FakeCrm.Received> tries = crm.received("/hook");
        assertEquals(4, tries.size());
        long afterTooMany = tries.get(3).atNanos() - tries.get(2).atNanos();
        assertTrue(afterTooMany >= Duration.ofMillis(1900).toNanos(), "Retry-After 2 s honoured, waited "
                + afterTooMany / 1_000_000 + " ms");
        for (int i = 1; i < 4; i++) {
            assertEquals(tries.get(0).header("Idempotency-Key"), tries.get(i).header("Idempotency-Key"),
                    "a retry is the same update: same idempotency key");
        }

        // a CRM that keeps failing: dead letter after 4 attempts, with the error; the others go on
        crm.always(r -> r.body().contains("\"c:52\""), FakeCrm.Answer.status(500));
        shop.publish(new Events.CustomerRegistered(52, "cy@example.com", "Cy", "Doe", "en", true));
        shop.publish(new Events.CustomerRegistered(53, "di@example.com", "Di", "Doe", "en", true));
        shop.drainEvents();
        await("a dead letter", () -> outbox(Outbox.DEAD) == 1);
        await("the other customer", () -> crm.applied.size() == 2);
        assertEquals(4, crm.received("/hook").stream().filter(r -> r.body().contains("\"c:52\"")).count());
        Outbox.Row dead = Crm.of(shop.pluginContext(ID)).outbox().list(Outbox.DEAD, 0, 10).get(0);
        assertTrue(dead.lastError().startsWith("HTTP 500"), dead.lastError());

        HttpSession admin = shop.adminHttp();
        var page = admin.get("/admin/plugins/crm/sync/dead-letters");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("HTTP 500"), page.body());
        var status = admin.get("/admin/plugins/crm/sync");
        assertEquals(200, status.status());
        assertTrue(status.body().contains("class=\"dead\">1<"), status.body());

        // retried from the admin once the CRM is back: delivered exactly once more
        crm.clearRules();
        String csrf = csrf(page.body());
        var bad = admin.postFormRaw("/admin/plugins/crm/sync/dead-letters/retry", Map.of("_csrf", csrf, "id", "x"));
        assertEquals(400, bad.status());
        var retried = admin.postFormRaw("/admin/plugins/crm/sync/dead-letters/retry",
                Map.of("_csrf", csrf, "id", Long.toString(dead.id())));
        assertEquals(303, retried.status());
        await("the replayed dead letter", () -> crm.applied.size() == 3);
        assertEquals(0, outbox(Outbox.DEAD));

        // discard: a dead letter given up stays listed as discarded
        crm.always(r -> r.body().contains("\"c:54\""), FakeCrm.Answer.status(400));
        shop.publish(new Events.CustomerRegistered(54, "ed@example.com", "Ed", "Doe", "en", true));
        shop.drainEvents();
        await("a refused update dead at once", () -> outbox(Outbox.DEAD) == 1);
        assertEquals(1, crm.received("/hook").stream().filter(r -> r.body().contains("\"c:54\"")).count(),
                "a 400 is not retried");
        long deadId = Crm.of(shop.pluginContext(ID)).outbox().list(Outbox.DEAD, 0, 10).get(0).id();
        var discarded = admin.postFormRaw("/admin/plugins/crm/sync/dead-letters/discard",
                Map.of("_csrf", csrf, "id", Long.toString(deadId)));
        assertEquals(303, discarded.status());
        assertEquals(1, outbox(Outbox.DISCARDED));
        assertEquals(409, admin.postFormRaw("/admin/plugins/crm/sync/dead-letters/discard",
                Map.of("_csrf", csrf, "id", Long.toString(deadId))).status());
    }

    static String csrf(String html) {
        int i = html.indexOf("name=\"_csrf\" value=\"");
        assertTrue(i >= 0, "a CSRF field");
        int from = i + "name=\"_csrf\" value=\"".length();
        return html.substring(from, html.indexOf('"', from));
    }

    @Test
    void aSlowCustomerDoesNotHoldTheOthersAndKeepsItsOwnOrder() throws Exception {
        webhook(Map.of("request_timeout_ms", "700", "parallel_requests", "4"));
        crm.always(r -> r.body().contains("\"c:61\""), FakeCrm.Answer.slow(3000));
        shop.publish(new Events.CustomerRegistered(61, "slow@example.com", "Slow", "One", "en", true));
        shop.publish(order(200, 61L, "slow@example.com"));
        for (int c = 62; c < 72; c++) {
            shop.publish(new Events.CustomerRegistered(c, "c" + c + "@example.com", "C", "N" + c, "en", true));
            shop.publish(order(c * 10, (long) c, "c" + c + "@example.com"));
        }
        shop.drainEvents();
        await("the 20 updates of the other customers", () -> crm.applied.values().stream()
                .filter(b -> !b.contains("\"c:61\"")).count() == 20);
        assertFalse(crm.applied.values().stream().anyMatch(b -> b.contains("\"c:61\"") && b.contains("BR200")),
                "the slow customer's order waits behind its own unconfirmed registration");
        crm.clearRules();
        await("the slow customer, in order", () -> crm.applied.size() == 22);
        List<String> slow = crm.applied.values().stream().filter(b -> b.contains("\"c:61\""))
                .map(b -> (String) json(b).get("type")).toList();
        assertEquals(List.of("contact.upsert", "order.placed"), slow);
    }

    @Test
    void hubspotConnectorUpsertsContactsDealsAndLineItemsOnceThroughBatchesAndRateLimits() throws Exception {
        shop.saveSettings(ID, Map.of("connector", "hubspot", "hubspot_base_url", crm.url(""), "hubspot_token", TOKEN,
                "allow_private_addresses", "true", "backoff_base_ms", "100", "backoff_max_ms", "500"));
        // a 429 with Retry-After, then a 200 whose body is not HubSpot's (a malformed answer: retried, the
        // fake applied it, so the CRM receives a duplicate upsert that changes nothing)
        crm.thenAnswer(FakeCrm.Answer.tooMany("1"), FakeCrm.Answer.okBody("<html>proxy</html>"));
        shop.publish(new Events.CustomerRegistered(81, "ann@example.com", "Ann", "Lee", "fr", true));
        shop.publish(order(300, 81L, "ann@example.com"));
        shop.publish(new Events.OrderStatusChanged(300, "BR300", 81L, "placed", "shipped", "EUR", 2990));
        shop.publish(order(301, null, "guest@example.com"));
        shop.drainEvents();
        await("all updates sent", () -> outbox(Outbox.SENT) == 4);
        assertTrue(crm.received("/crm/v3/objects/").stream().allMatch(r -> ("Bearer " + TOKEN).equals(
                r.header("Authorization"))));
        Map<String, Map<String, Object>> contacts = crm.objects.get("contacts");
        assertEquals("ann@example.com", contacts.get("c:81").get("email"));
        assertEquals("true", contacts.get("c:81").get("brique_marketing_consent"));
        assertEquals("guest@example.com", contacts.get("o:BR301").get("email"));
        Map<String, Map<String, Object>> deals = crm.objects.get("deals");
        assertEquals(2, deals.size());
        assertEquals("shipped", deals.get("BR300").get("dealstage"), "status applied after placement, in order");
        assertEquals("29.90", deals.get("BR300").get("amount"));
        assertEquals("placed", deals.get("BR301").get("dealstage"));
        assertEquals(Map.of("name", "Mug", "hs_sku", "MUG-1", "quantity", "2", "price", "12.50",
                "brique_order_number", "BR300", "_idProperty", "brique_line_key"),
                crm.objects.get("line_items").get("BR300:1"));
        assertEquals(2, crm.objects.get("line_items").size());
        assertTrue(crm.received("/crm/v3/objects/contacts/batch/upsert").size() >= 2);
    }

    @Test
    void outboundUrlsAreCheckedAndInvalidSettingsRefused() throws Exception {
        // not a URL, a too short secret: refused by the settings form with the field errors
        assertThrows(RuntimeException.class, () -> shop.saveSettings(ID, Map.of("connector", "webhook", "webhook_url",
                "not a url", "webhook_secret", SECRET)));
        assertThrows(RuntimeException.class, () -> shop.saveSettings(ID, Map.of("connector", "webhook", "webhook_url",
                crm.url("/hook"), "webhook_secret", "short")));
        assertThrows(RuntimeException.class, () -> shop.saveSettings(ID, Map.of("connector", "webhook", "webhook_url",
                "file:///etc/passwd", "webhook_secret", SECRET)));

        // a loopback URL without the operator's permission: nothing is sent, the status page says why
        shop.saveSettings(ID, Map.of("connector", "webhook", "webhook_url", crm.url("/hook"), "webhook_secret",
                SECRET));
        shop.publish(new Events.CustomerRegistered(91, "x@example.com", "X", "Y", "en", true));
        shop.drainEvents();
        await("the internal address message", () -> shop.adminHttp().get("/admin/plugins/crm/sync").body()
                .contains("internal address"));
        Thread.sleep(2500);
        assertEquals(0, crm.received.size());
        assertEquals(1, outbox(Outbox.QUEUED), "kept, not lost");

        // a host outside the allow-list
        shop.saveSettings(ID, Map.of("connector", "webhook", "webhook_url", crm.url("/hook"), "webhook_secret", SECRET,
                "allowed_hosts", "crm.example.com", "allow_private_addresses", "true"));
        // (the settings cache may take a moment to hand out the new values)
        HttpSession admin = shop.adminHttp();
        await("the allow-list message", () -> admin.get("/admin/plugins/crm/sync").body().contains("host not allowed"));
        // the HubSpot connector without its token
        shop.saveSettings(ID, Map.of("connector", "hubspot", "allowed_hosts", ""));
        await("the missing token message", () -> admin.get("/admin/plugins/crm/sync").body().contains("token missing"));

        // allowed: the queued update goes out
        webhook(Map.of("allowed_hosts", "127.0.0.1"));
        await("the queued update", () -> crm.applied.size() == 1);
        assertNotNull(crm.applied.get(crm.applied.keySet().iterator().next()));
        assertEquals(UrlGuard.problem("https://10.1.2.3/x", List.of("10.1.2.3"), false),
                "host not allowed: 10.1.2.3 is an internal address (10.1.2.3)");
        assertEquals(null, UrlGuard.problem("https://api.hubapi.com", List.of("*.hubapi.com"), true));
        assertTrue(UrlGuard.problem("https://user:pw@api.hubapi.com", List.of(), true).startsWith("invalid URL"));
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }
}
