package io.brique.synonyms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.brique.testkit.BriqueTestServer;
import io.brique.testing.HttpSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The synonyms brick in a real shop (H2, then MariaDB): import, live search, tester, second node, off. */
@Tag("db")
class SynonymsPluginTest {

    static final String ID = "search-synonyms";
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

    static List<String> names(HttpSession http, String q) {
        JsonNode r = http.get("/api/v1/products?locale=en&q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8))
                .json();
        List<String> out = new ArrayList<>();
        r.get("items").forEach(i -> out.add(i.get("name").asText()));
        return out;
    }

    static HttpSession.Response importRules(HttpSession http, String rules, String mode) {
        return http.send("POST", "/admin/plugins/search-synonyms/rules?locale=en&mode=" + mode,
                "text/plain; charset=utf-8", rules.getBytes(StandardCharsets.UTF_8),
                Map.of("X-CSRF-Token", http.csrfToken()));
    }

    /** Waits for a condition that becomes true at the next rules reload (each second on every node). */
    static void eventually(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void rulesChangeSearchAtOnceOnEveryNodeAndOffMeansPlain() {
        HttpSession http = shop.adminHttp();
        shop.createProduct("couch", "Leather couch", "499.00");
        shop.createProduct("sofa-bed", "Sofa bed", "399.00");
        shop.createProduct("console", "Playstation 5 console", "549.00");
        shop.createProduct("hammer", "Claw hammer", "15.00");
        shop.createProduct("hamper", "Hamer hamper", "25.00");
        assertEquals(List.of("Sofa bed"), names(http, "sofa"));
        assertEquals(List.of(), names(http, "ps5"));

        shop.installFolder(CLASSES);
        shop.enable(ID);
        HttpSession.Response ok = importRules(http, "sofa, couch\nps5 => playstation 5\nhamer => hammer # correction\n",
                "append");
        assertEquals(200, ok.status(), ok.body());
        assertEquals(3, ok.json().get("imported").asInt());
        eventually(() -> names(http, "sofa").size() == 2, "sofa finds the couch");
        assertEquals("Sofa bed", names(http, "sofa").getFirst(), "the word typed ranks first");
        assertEquals(List.of("Playstation 5 console"), names(http, "ps5"), "one-way, multi-word");
        assertEquals(List.of(), names(http, "playstation 5").stream().filter(n -> n.contains("ps5")).toList());
        assertEquals(List.of("Hamer hamper", "Claw hammer"), names(http, "hamer"),
                "the correction ranks below the exact word");
        JsonNode suggest = http.get("/api/v1/search/suggest?locale=en&q=ps5").json();
        assertEquals("Playstation 5 console", suggest.get("products").get(0).get("name").asText(),
                "autocomplete uses the synonyms too");

        // tester: the fragment names the rule and shows both result lists
        HttpSession.Response tester = http.get("/admin/plugins/search-synonyms/tester?locale=en&q=sofa");
        assertEquals(200, tester.status());
        assertTrue(tester.body().contains("#1 sofa, couch"), tester.body());
        assertTrue(tester.body().contains("Without synonyms (1 results)") && tester.body().contains(
                "With synonyms (2 results)"), tester.body());
        assertTrue(tester.body().contains("class=\"new\""), "the couch is marked as new");

        // export in Solr format; a bad file changes nothing
        String exported = http.get("/admin/plugins/search-synonyms/rules?locale=en").body();
        assertEquals("sofa, couch\nps5 => playstation 5\nhamer => hammer # correction weight=0.6\n", exported);
        HttpSession.Response bad = importRules(http, "good, rule\nbroken => \n", "replace");
        assertEquals(400, bad.status());
        assertEquals(2, bad.json().get("lines").get(0).get("line").asInt());
        assertEquals(exported, http.get("/admin/plugins/search-synonyms/rules?locale=en").body());
        assertEquals(400, http.get("/admin/plugins/search-synonyms/rules?locale=xx").status());

        // a second node on the same database sees the rules and their changes
        Map<String, String> sameDb = new HashMap<>();
        for (String k : List.of("db.url", "db.user", "db.password")) {
            sameDb.put(k, shop.brique().core().config().get(k, ""));
        }
        BriqueTestServer second = BriqueTestServer.start(sameDb);
        try {
            HttpSession other = second.http();
            eventually(() -> names(other, "sofa").size() == 2, "the second node applies the rules");
            assertEquals(200, importRules(http, "sofa, settee\n", "replace").status());
            eventually(() -> names(other, "sofa").size() == 1, "the second node follows a replacement");
        } finally {
            second.close();
        }
        eventually(() -> names(http, "sofa").size() == 1, "replaced on the first node too");

        // off: plain core search at once
        assertEquals(200, importRules(http, "sofa, couch\n", "replace").status());
        eventually(() -> names(http, "sofa").size() == 2, "back on");
        shop.disable(ID);
        assertEquals(List.of("Sofa bed"), names(http, "sofa"));
        assertFalse(http.get("/admin/plugins/search-synonyms/rules?locale=en").status() == 200);
    }

    @Test
    void minedSuggestionsAreAcceptedOrRejectedAndRejectedOnesStayAway() {
        HttpSession http = shop.adminHttp();
        BriqueTestServer.Product seat = shop.createProduct("seat", "Toilet seat", "30.00");
        shop.createProduct("mop", "Mop bucket", "12.00");
        BriqueTestServer.Product blower = shop.createProduct("blower", "Leaf blower", "80.00");
        shop.installFolder(CLASSES);
        shop.enable(ID);
        // three visitors: "tolt seat" finds nothing, "toilet seat" does and they open the product
        for (String v : List.of("v1", "v2", "v3")) {
            shop.publish(new io.brique.api.event.Events.SearchPerformed("tolt seat", "en", 0, null, v));
            shop.publish(new io.brique.api.event.Events.SearchPerformed("toilet seat", "en", 1, null, v));
            shop.publish(new io.brique.api.event.Events.ProductViewed(seat.id(), "en", null, v));
        }
        for (String v : List.of("v5", "v6")) {
            shop.publish(new io.brique.api.event.Events.SearchPerformed("leaf blowr", "en", 0, null, v));
            shop.publish(new io.brique.api.event.Events.SearchPerformed("leaf blower", "en", 1, null, v));
            shop.publish(new io.brique.api.event.Events.ProductViewed(blower.id(), "en", null, v));
        }
        // one visitor only: not enough evidence
        shop.publish(new io.brique.api.event.Events.SearchPerformed("mop pail", "en", 0, null, "v4"));
        shop.publish(new io.brique.api.event.Events.SearchPerformed("mop bucket", "en", 1, null, "v4"));
        shop.publish(new io.brique.api.event.Events.ProductViewed(blower.id() - 1, "en", null, "v4"));
        shop.drainEvents();
        String csrf = http.csrfToken();
        Map<String, String> h = Map.of("X-CSRF-Token", csrf);
        HttpSession.Response mined = http.send("POST", "/admin/plugins/search-synonyms/suggestions/mine", null,
                new byte[0], h);
        assertEquals(200, mined.status(), mined.body());
        assertEquals(2, mined.json().get("stored").asInt());
        JsonNode list = http.get("/admin/plugins/search-synonyms/suggestions?locale=en").json().get("suggestions");
        assertEquals(2, list.size());
        JsonNode s = list.get(0);
        JsonNode other = list.get(1);
        assertEquals("blowr", other.get("from").asText(), "less evidence, lower confidence");
        assertTrue(s.get("confidence").asDouble() > other.get("confidence").asDouble());
        // the inbox page: evidence, confidence, the rule as it would be saved; reject from its form
        HttpSession.Response inbox = http.get("/admin/plugins/search-synonyms/suggestions/inbox?locale=en");
        assertEquals(200, inbox.status());
        assertTrue(inbox.body().contains("Suggested synonyms (2 waiting)"), inbox.body());
        assertTrue(inbox.body().contains("tolt =&gt; toilet # correction weight=0.6"), inbox.body());
        assertTrue(inbox.body().contains("(0 results) then"));
        HttpSession.Response rejected = http.postFormRaw("/admin/plugins/search-synonyms/suggestions/"
                + other.get("id").asLong() + "/reject?locale=en", Map.of("_csrf", HttpSession.csrfFromPage(inbox.body())));
        assertEquals(303, rejected.status(), rejected.body());
        assertTrue(rejected.location().endsWith("/suggestions/inbox?locale=en"));
        assertEquals("CORRECTION", s.get("type").asText());
        assertEquals("tolt", s.get("from").asText());
        assertEquals("toilet", s.get("to").asText());
        assertEquals(3, s.get("sessions").asInt());
        assertTrue(s.get("evidence").asText().contains("(0 results) then"), s.toString());

        assertEquals(List.of(), names(http, "tolt"));
        assertEquals(200, http.send("POST", "/admin/plugins/search-synonyms/suggestions/" + s.get("id").asLong()
                + "/accept", null, new byte[0], h).status());
        eventually(() -> names(http, "tolt").equals(List.of("Toilet seat")), "the accepted correction applies");
        assertEquals(409, http.send("POST", "/admin/plugins/search-synonyms/suggestions/" + s.get("id").asLong()
                + "/reject", null, new byte[0], h).status(), "already decided");
        // mined again: the accepted pair is a rule now and the rejected one stays rejected
        assertEquals(0, http.send("POST", "/admin/plugins/search-synonyms/suggestions/mine", null, new byte[0], h)
                .json().get("stored").asInt());
        assertEquals(0, http.get("/admin/plugins/search-synonyms/suggestions?locale=en").json().get("suggestions")
                .size());
        assertEquals(1, http.get("/admin/plugins/search-synonyms/suggestions?locale=en&status=rejected").json()
                .get("suggestions").size());
        assertEquals(404, http.send("POST", "/admin/plugins/search-synonyms/suggestions/x/accept", null, new byte[0],
                h).status());
    }

    @Test
    void editorSearchPagingAddDeleteAndReport() {
        HttpSession http = shop.adminHttp();
        shop.installFolder(CLASSES);
        shop.enable(ID);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            many.append("word").append(i).append(", other").append(i).append('\n');
        }
        assertEquals(200, importRules(http, many.toString(), "replace").status());
        assertEquals(302, shop.http().get("/admin/plugins/search-synonyms/?locale=en").status(),
                "anonymous: sent to the login page");
        String console = http.get("/admin").body();
        assertTrue(console.contains("/admin/plugins/search-synonyms/suggestions/inbox"), "menu entries in the console");
        HttpSession.Response editor = http.get("/admin/plugins/search-synonyms/?locale=en");
        assertEquals(200, editor.status());
        assertTrue(editor.body().contains("Synonyms (120 rules)"), editor.body());
        assertTrue(editor.body().contains("Page 1 of 3"));
        assertTrue(editor.body().contains("word119, other119"), "newest first");
        HttpSession.Response found = http.get("/admin/plugins/search-synonyms/?locale=en&q=OTHER11");
        assertTrue(found.body().contains("Synonyms (11 rules)"), "other11 and other110..119");
        assertEquals(200, http.get("/admin/plugins/search-synonyms/?locale=en&q=%25_!&page=x").status());

        String csrf = HttpSession.csrfFromPage(editor.body());
        HttpSession.Response added = http.postFormRaw("/admin/plugins/search-synonyms/rules/add?locale=en",
                Map.of("_csrf", csrf, "rule", "drill driver => cordless drill"));
        assertEquals(303, added.status(), added.body());
        assertTrue(http.get("/admin/plugins/search-synonyms/?locale=en&q=driver").body().contains(
                "drill driver =&gt; cordless drill"));
        HttpSession.Response refused = http.postFormRaw("/admin/plugins/search-synonyms/rules/add?locale=en",
                Map.of("_csrf", csrf, "rule", "broken =>"));
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("Not saved:") && refused.body().contains("value=\"broken =&gt;\""),
                "the editor again, with the reason and the line as typed: " + refused.body());

        // Edit in place: the same id, new terms; a bad line keeps the rule as it was.
        java.util.regex.Matcher edited = java.util.regex.Pattern.compile("rules/(\\d+)\\?locale=en\"")
                .matcher(http.get("/admin/plugins/search-synonyms/?locale=en&q=driver").body());
        assertTrue(edited.find());
        String ruleId = edited.group(1);
        assertEquals(303, http.postFormRaw("/admin/plugins/search-synonyms/rules/" + ruleId + "?locale=en",
                Map.of("_csrf", csrf, "rule", "drill driver => impact driver")).status());
        String afterEdit = http.get("/admin/plugins/search-synonyms/?locale=en&q=driver").body();
        assertTrue(afterEdit.contains("rules/" + ruleId + "?locale=en") && afterEdit.contains("drill driver =&gt; impact driver")
                && !afterEdit.contains("cordless drill"), afterEdit);
        HttpSession.Response badEdit = http.postFormRaw("/admin/plugins/search-synonyms/rules/" + ruleId + "?locale=en",
                Map.of("_csrf", csrf, "rule", "a, b\nc, d"));
        assertEquals(400, badEdit.status());
        assertTrue(badEdit.body().contains("Not saved:"), badEdit.body());
        assertTrue(http.get("/admin/plugins/search-synonyms/rules?locale=en").body().contains("drill driver => impact driver"),
                "a refused edit leaves the rule as it was");
        assertEquals(404, http.postFormRaw("/admin/plugins/search-synonyms/rules/999999?locale=en",
                Map.of("_csrf", csrf, "rule", "x, y")).status());
        String export = http.get("/admin/plugins/search-synonyms/rules?locale=en").body();
        String firstId = http.get("/admin/plugins/search-synonyms/?locale=en&q=other0").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rules/(\\d+)/delete").matcher(firstId);
        assertTrue(m.find(), firstId);
        assertEquals(303, http.postFormRaw("/admin/plugins/search-synonyms/rules/" + m.group(1) + "/delete?locale=en",
                Map.of("_csrf", csrf)).status());
        assertEquals(404, http.postFormRaw("/admin/plugins/search-synonyms/rules/" + m.group(1) + "/delete?locale=en",
                Map.of("_csrf", csrf)).status());
        assertFalse(http.get("/admin/plugins/search-synonyms/rules?locale=en").body().contains("word0, other0\n"));
        assertTrue(export.contains("word0, other0\n"));

        shop.publish(new io.brique.api.event.Events.SearchPerformed("gizmo", "en", 0, null, "v1"));
        shop.publish(new io.brique.api.event.Events.SearchPerformed("gizmo", "en", 0, null, "v2"));
        shop.publish(new io.brique.api.event.Events.SearchPerformed("hammer", "en", 3, null, "v1"));
        shop.drainEvents();
        HttpSession.Response report = http.get("/admin/plugins/search-synonyms/report?locale=en");
        assertEquals(200, report.status());
        assertTrue(report.body().contains("Queries without results"), report.body());
        assertTrue(report.body().contains("tester?locale=en&amp;q=gizmo"), report.body());
    }
}
