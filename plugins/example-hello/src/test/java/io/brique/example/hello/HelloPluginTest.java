package io.brique.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import io.brique.testkit.BriqueTestServer;
import io.brique.testing.HttpSession;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The example plugin in a real shop, installed from its build output (tests run before Maven makes
 * the jar). Runs on H2, then again on MariaDB (tag db).
 */
@Tag("db")
class HelloPluginTest {

    static final String ID = "example-hello";
    static final Path CLASSES = Path.of("target/classes");

    BriqueTestServer shop;

    @BeforeEach
    void start() {
        shop = BriqueTestServer.start();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    static Events.OrderPlaced order(String number, long total) {
        return new Events.OrderPlaced(1, number, "web", null, "a@example.com", "EUR", total, 0, 0, 0, total, null,
                null, List.of());
    }

    @Test
    void installEnableUseDisableUninstall() {
        HttpSession http = shop.http();
        BriqueTestServer.Product mug = shop.createProduct("hello-mug", "Hello mug", "12.50");

        assertEquals("disabled", shop.installFolder(CLASSES).status());
        assertTrue(shop.tableExists("example_hello_orders"), "the migration ran at install");
        assertEquals(404, http.get("/api/v1/plugins/example-hello/greetings").status(), "disabled: no route");

        shop.enable(ID);
        HttpSession.Response product = http.get(mug.urlFr());
        assertEquals(200, product.status());
        assertTrue(product.body().contains("<p class=\"example-hello\" data-product=\"" + mug.id()
                + "\">Hello from example-hello!</p>"), "the slot shows the default greeting below the price");

        JsonNode json = http.get("/api/v1/plugins/example-hello/greetings").json();
        assertEquals("Hello from example-hello!", json.get("greeting").asText());
        assertEquals(2, json.get("greetings").size(), "rows of the plugin's own table");
        assertEquals("Bonjour", json.get("greetings").get(1).get("text").asText());
        HttpSession.Response page = http.get("/fr/x/example-hello/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<h1 class=\"example-hello\">Bonjour</h1>"), page.body());
        assertTrue(http.get("/en/x/example-hello/").body().contains(">Hello</h1>"));

        shop.saveSettings(ID, Map.of("greeting", "<b>Salut</b> & welcome", "show_on_product", "true"));
        assertTrue(http.get(mug.urlFr()).body().contains("&lt;b&gt;Salut&lt;/b&gt; &amp; welcome"),
                "a new greeting applies at once, HTML-escaped");
        assertThrows(RuntimeException.class, () -> shop.saveSettings(ID, Map.of("greeting", "x".repeat(121))),
                "the declared bound is enforced by the host");
        shop.saveSettings(ID, Map.of("show_on_product", "false"));
        assertFalse(http.get(mug.urlFr()).body().contains("class=\"example-hello\""), "the slot can be turned off");

        shop.publish(order("BR000001", 2500));
        shop.publish(order("BR000002", 990));
        shop.drainEvents();
        assertEquals(2, http.get("/api/v1/plugins/example-hello/greetings").json().get("ordersCounted").asInt(),
                "the listener counted both order.placed events");

        shop.disable(ID);
        assertEquals(404, http.get("/api/v1/plugins/example-hello/greetings").status());
        assertEquals(404, http.get("/fr/x/example-hello/").status());
        shop.saveSettings(ID, Map.of("show_on_product", "true"));
        assertFalse(http.get(mug.urlFr()).body().contains("class=\"example-hello\""), "disabled: no slot");

        shop.uninstall(ID, false);
        assertFalse(shop.tableExists("example_hello_orders"), "uninstall without data drops the tables");
        assertFalse(shop.tableExists("example_hello_greeting"));
    }

    @Test
    void aRedeliveredEventIsCountedOnce() throws Exception {
        shop.installFolder(CLASSES);
        OrderCounter counter = new OrderCounter(shop.pluginContext(ID));
        EventEnvelope envelope = new EventEnvelope(7, "3f1c-event", Instant.now(), order("BR000007", 100));
        counter.onEvent(envelope);
        counter.onEvent(envelope); // at-least-once delivery: the same event again
        shop.enable(ID);
        assertEquals(1, shop.http().get("/api/v1/plugins/example-hello/greetings").json().get("ordersCounted")
                .asInt());
    }
}
