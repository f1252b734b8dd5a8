package io.brique.crm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.event.Events;
import io.brique.testkit.BriqueTestServer;
import io.brique.testing.HttpSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Identity resolution in a real shop: events in, pairs filed at once, the review queue over HTTP, undo. */
@Tag("db")
class IdentityPluginTest {
    BriqueTestServer shop;

    @BeforeEach
    void start() {
        shop = BriqueTestServer.start();
        shop.installFolder(Path.of("target/classes"));
        shop.enable("crm");
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private long count(String sql, Object... args) {
        return shop.brique().core().db().dsl().resultQuery(sql, args).fetchOne(0, Long.class);
    }

    private String status(long a, long b) {
        return shop.brique().core().db().dsl().resultQuery("SELECT m.status FROM crm_identity_match m "
                + "JOIN crm_identity_record ra ON ra.id = m.record_a JOIN crm_identity_record rb ON rb.id = m.record_b "
                + "WHERE (ra.customer_id = ? AND rb.customer_id = ?) OR (ra.customer_id = ? AND rb.customer_id = ?)", a, b, b, a)
                .fetchOne(0, String.class);
    }

    private static Events.OrderPlaced guestOrder(long id, String email) {
        return new Events.OrderPlaced(id, "G-" + id, "web", null, email, "EUR", 1000, 0, 0, 167, 1000, "cart-" + id, null,
                List.of());
    }

    @Test
    void registrationsAndGuestOrdersAreCheckedAtOnceAndFiled() {
        shop.publish(new Events.CustomerRegistered(1, "Jean.Dupont@gmail.com", "Jean", "Dupont", "fr", true));
        shop.publish(new Events.CustomerRegistered(2, "jeandupont+shop@googlemail.com", "JEAN", "DUPONT", "fr", false));
        shop.publish(new Events.CustomerRegistered(3, "j.dupont@orange.fr", "Jean", "Dupont", "fr", false));
        shop.publish(new Events.CustomerRegistered(4, "marie.curie@free.fr", "Marie", "Curie", "fr", false));
        shop.publish(guestOrder(10, "JEAN.DUPONT@GMAIL.COM"));
        shop.drainEvents();
        assertEquals(5, count("SELECT COUNT(*) FROM crm_identity_record"));
        assertEquals("linked", status(1, 2), "same Gmail address once dots, plus tag and case are ignored, same names");
        assertEquals("review", status(1, 3), "same names, different e-mail: the merchant decides");
        assertEquals(0, count("SELECT COUNT(*) FROM crm_identity_match m JOIN crm_identity_record r ON r.id IN (m.record_a, m.record_b) "
                + "WHERE r.customer_id = 4"), "Marie Curie is nobody's duplicate");
        assertEquals(2, count("SELECT COUNT(*) FROM crm_identity_match m JOIN crm_identity_record r ON r.id IN (m.record_a, m.record_b) "
                + "WHERE r.record_key = 'guest:G-10'"), "the guest order links to both Gmail accounts");
        long pairs = count("SELECT COUNT(*) FROM crm_identity_match");
        // at-least-once delivery: the same events again change nothing
        shop.publish(new Events.CustomerRegistered(2, "jeandupont+shop@googlemail.com", "JEAN", "DUPONT", "fr", false));
        shop.publish(guestOrder(10, "JEAN.DUPONT@GMAIL.COM"));
        shop.drainEvents();
        assertEquals(pairs, count("SELECT COUNT(*) FROM crm_identity_match"));
        assertEquals(5, count("SELECT COUNT(*) FROM crm_identity_record"));
    }

    /** A customer account in the core (the test's set-up; the plugin itself never writes core tables). */
    private long coreCustomer(String email) {
        var dsl = shop.brique().core().db().dsl();
        dsl.query("INSERT INTO customer (email, first_name, last_name, locale, status) VALUES (?, 'Jean', 'Dupont', 'fr', 'active')",
                email).execute();
        return dsl.resultQuery("SELECT id FROM customer WHERE email = ?", email).fetchOne(0, Long.class);
    }

    private String coreStatus(long customer) {
        return shop.brique().core().db().dsl().resultQuery("SELECT status FROM customer WHERE id = ?", customer)
                .fetchOne(0, String.class);
    }

    @Test
    void theMerchantMergesKeepsApartAndUndoesFromTheReviewQueue() {
        long first = coreCustomer("jean.dupont@gmail.com"), second = coreCustomer("j.dupont@orange.fr");
        shop.brique().core().db().dsl().query("INSERT INTO orders (number, channel, status, customer_id, email, locale, currency, "
                + "subtotal_minor, total_minor, shipping_method, payment_method, placed_at) VALUES ('B-1', 'web', 'paid', ?, "
                + "'j.dupont@orange.fr', 'fr', 'EUR', 1000, 1000, 'home', 'bank_transfer', CURRENT_TIMESTAMP)", second).execute();
        shop.publish(new Events.CustomerRegistered(first, "jean.dupont@gmail.com", "Jean", "Dupont", "fr", true));
        shop.publish(new Events.CustomerRegistered(second, "j.dupont@orange.fr", "Jean", "Dupont", "fr", false));
        shop.drainEvents();
        assertEquals(302, shop.http().get("/admin/plugins/crm/identity").status(), "anonymous: sent to the login page");
        HttpSession admin = shop.adminHttp();
        HttpSession.Response queue = admin.get("/admin/plugins/crm/identity");
        assertEquals(200, queue.status(), queue.body());
        assertTrue(queue.body().contains("j.dupont@orange.fr"), queue.body());
        long id = count("SELECT id FROM crm_identity_match");
        HttpSession.Response fr = admin.get("/admin/plugins/crm/identity/" + id + "?lang=fr");
        assertEquals(200, fr.status(), fr.body());
        String page = admin.get("/admin/plugins/crm/identity/" + id).body();
        assertTrue(page.contains("identity-evidence"), page);
        String csrf = HttpSession.csrfFromPage(page);
        assertNotNull(csrf, "the decision form carries the CSRF field");
        String base = "/admin/plugins/crm/identity/" + id;
        assertEquals(400, admin.postForm(base + "/decide", Map.of("_csrf", csrf, "action", "delete")).status());
        assertEquals(400, admin.postForm("/admin/plugins/crm/identity/x1/decide", Map.of("_csrf", csrf, "action", "merge")).status());
        assertEquals(404, admin.postForm("/admin/plugins/crm/identity/999999/decide", Map.of("_csrf", csrf, "action", "merge")).status());
        assertEquals(400, admin.get("/admin/plugins/crm/identity?status=nonsense").status());
        assertEquals(303, admin.postForm(base + "/decide", Map.of("_csrf", csrf, "action", "merge")).status());
        assertEquals("merged", status(first, second));
        assertEquals("merged", coreStatus(second), "the core merged the newer account into the older one");
        assertEquals(first, count("SELECT customer_id FROM orders WHERE number = 'B-1'"), "its order moved");
        assertTrue(admin.get(base).body().contains("identity-core-merge"));
        assertEquals(409, admin.postForm(base + "/decide", Map.of("_csrf", csrf, "action", "keep_apart")).status(),
                "already decided");
        assertEquals(303, admin.postForm(base + "/undo", Map.of("_csrf", csrf)).status());
        assertEquals("review", status(first, second), "undo restores the state before the decision");
        assertEquals("active", coreStatus(second), "and the core gives the account back");
        assertEquals(second, count("SELECT customer_id FROM orders WHERE number = 'B-1'"));
        assertEquals(409, admin.postForm(base + "/undo", Map.of("_csrf", csrf)).status(), "nothing left to undo");
        assertEquals(303, admin.postForm(base + "/decide", Map.of("_csrf", csrf, "action", "keep_apart")).status());
        assertEquals("kept_apart", status(first, second));
        assertEquals("active", coreStatus(second), "keeping apart touches no account");
        assertEquals(3, count("SELECT COUNT(*) FROM crm_identity_decision WHERE match_id = ?", id), "every decision logged");
        // a decision stands when the same customers are seen again
        shop.publish(new Events.CustomerRegistered(second, "j.dupont@orange.fr", "Jean", "Dupont", "fr", false));
        shop.drainEvents();
        assertEquals("kept_apart", status(first, second));
        assertTrue(admin.get(base).body().contains("Kept apart"));
    }

    @Test
    void aMergeTheCoreRefusesIsReportedAndNothingChanges() {
        // customers 1 and 3 exist only in the events, not in the shop: the core refuses the merge
        shop.publish(new Events.CustomerRegistered(1, "jean.dupont@gmail.com", "Jean", "Dupont", "fr", true));
        shop.publish(new Events.CustomerRegistered(3, "j.dupont@orange.fr", "Jean", "Dupont", "fr", false));
        shop.drainEvents();
        HttpSession admin = shop.adminHttp();
        long id = count("SELECT id FROM crm_identity_match");
        String base = "/admin/plugins/crm/identity/" + id;
        String csrf = HttpSession.csrfFromPage(admin.get(base).body());
        HttpSession.Response refused = admin.postForm(base + "/decide", Map.of("_csrf", csrf, "action", "merge"));
        assertEquals(409, refused.status());
        assertTrue(refused.body().contains("identity-refused"), refused.body());
        assertEquals("review", status(1, 3));
        assertEquals(0, count("SELECT COUNT(*) FROM crm_identity_decision"));
    }

    @Test
    void theRegistrationFormGetsDataQualitySuggestions() {
        HttpSession http = shop.http();
        HttpSession.Response r = http.get("/api/v1/plugins/crm/quality?email=jean@gmial.com&phone=06%2012%2034%2056%2078"
                + "&givenName=JEAN&postcode=7500&country=FR");
        assertEquals(200, r.status(), r.body());
        String body = r.body();
        assertTrue(body.contains("\"suggested\":\"jean@gmail.com\""), body);
        assertTrue(body.contains("\"suggested\":\"+33612345678\""), body);
        assertTrue(body.contains("\"suggested\":\"Jean\""), body);
        assertTrue(body.contains("quality.postcode.invalid"), body);
        assertTrue(http.get("/api/v1/plugins/crm/quality?email=jean@gmail.com").body().contains("\"suggestions\":[]"));
        assertEquals(400, http.get("/api/v1/plugins/crm/quality?country=FRANCE").status());
        assertEquals(400, http.get("/api/v1/plugins/crm/quality?email=" + "a".repeat(400)).status());
        HttpSession.Response fr = http.get("/api/v1/plugins/crm/quality?email=jean@gmial.com&locale=fr");
        assertTrue(fr.body().contains("Vouliez-vous dire jean@gmail.com"), fr.body());
        // the registration page loads the hints script, other pages do not
        String register = http.get("/fr/account/register").body();
        assertTrue(register.contains("/fr/x/crm/quality.js"), register);
        assertFalse(http.get("/fr/").body().contains("quality.js"));
        HttpSession.Response js = http.get("/fr/x/crm/quality.js");
        assertEquals(200, js.status());
        assertTrue(js.body().contains("/api/v1/plugins/crm/quality") || js.body().contains("data-endpoint"), js.body());
    }

    @Test
    void theAdminCustomerPageShowsDuplicatesAndQualitySuggestions() {
        long first = coreCustomer("jean.dupont@gmial.com"), second = coreCustomer("jean.dupont@gmail.com");
        shop.publish(new Events.CustomerRegistered(first, "jean.dupont@gmial.com", "JEAN", "Dupont", "fr", true));
        shop.publish(new Events.CustomerRegistered(second, "jean.dupont@gmail.com", "Jean", "Dupont", "fr", true));
        shop.drainEvents();
        HttpSession admin = shop.adminHttp();
        HttpSession.Response page = admin.get("/admin/customers/" + first);
        // panels have a 300 ms budget and are left out when late: the very first render (template parsing,
        // class loading) can miss it on a busy machine, so look again a few times
        for (int attempt = 0; attempt < 5 && !page.body().contains("identity-panel"); attempt++) {
            page = admin.get("/admin/customers/" + first);
        }
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("identity-panel"), page.body());
        assertTrue(page.body().contains("jean.dupont@gmail.com"), "the domain typo fix is suggested");
        assertTrue(page.body().contains("customer:" + second), "and the other account is listed as a possible duplicate");
    }
}
