package io.brique.core.commerce;

import static io.brique.core.db.jooq.Tables.CUSTOMER;
import static io.brique.core.db.jooq.Tables.CUSTOMER_ADDRESS;
import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.db.jooq.tables.records.CustomerRecord;
import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Register, log in (new session id each time), profile and consents, addresses, logout. */
@Tag("db")
class AccountPagesTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Map<String, String> address(String city) {
        Map<String, String> f = new HashMap<>();
        f.put("firstName", "Léa");
        f.put("lastName", "Martin");
        f.put("line1", "3 place Bellecour");
        f.put("postcode", "69002");
        f.put("city", city);
        f.put("country", "FR");
        return f;
    }

    @Test
    void accountLifeCycle() {
        HttpSession http = app.http();
        assertEquals(303, http.get("/fr/account").status(), "login required");
        HttpSession.Response shortPw = http.postForm("/fr/account/register", Map.of("email", "lea@example.com",
                "password", "short", "firstName", "Léa"));
        assertEquals(400, shortPw.status());
        assertTrue(shortPw.body().contains("au moins 10 caractères"), shortPw.body());
        assertTrue(shortPw.body().contains("value=\"lea@example.com\""), "keeps the e-mail typed");
        assertTrue(shortPw.body().contains("value=\"Léa\""), "keeps the first name typed");

        HttpSession.Response reg = http.postForm("/fr/account/register", Map.of("email", "lea@example.com",
                "password", "a long enough password", "firstName", "Léa", "consentMarketing", "on"));
        assertEquals(303, reg.status(), reg.body());
        String sid1 = http.cookie("brq_sid");
        assertNotNull(sid1);
        assertEquals(43, sid1.length());
        CustomerRecord c = CommerceFixtures.dsl(app).selectFrom(CUSTOMER).where(CUSTOMER.EMAIL.eq("lea@example.com")).fetchOne();
        assertTrue(c.getConsentMarketing());
        assertNotNull(c.getConsentMarketingAt());
        assertEquals(1, CommerceFixtures.dsl(app).fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.eq("customer.registered")));
        String page = http.get("/fr/account").body();
        assertTrue(page.contains("Bonjour Léa"), "layout greets the customer");

        // Profile: drop marketing, accept analytics.
        assertEquals(303, http.postForm("/fr/account/profile", Map.of("firstName", "Léa", "lastName", "Martin",
                "phone", "+33 6 00 00 00 00", "consentAnalytics", "on")).status());
        c = CommerceFixtures.dsl(app).selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(c.getId())).fetchOne();
        assertFalse(c.getConsentMarketing());
        assertTrue(c.getConsentAnalytics());
        assertNotNull(c.getConsentAnalyticsAt());
        assertEquals("Martin", c.getLastName());

        // Addresses: a bad one is refused next to its field and keeps the input; a good one is added, edited, removed.
        Map<String, String> bad = address("");
        bad.put("country", "US");
        HttpSession.Response refused = http.postForm("/fr/account/addresses", bad);
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("Ce champ est obligatoire.") || refused.body().contains("Nous ne livrons pas"),
                refused.body());
        assertTrue(refused.body().contains("value=\"3 place Bellecour\""));
        assertEquals(0, CommerceFixtures.count(app, CUSTOMER_ADDRESS));
        assertEquals(303, http.postForm("/fr/account/addresses", address("Lyon")).status());
        long addressId = CommerceFixtures.dsl(app).select(CUSTOMER_ADDRESS.ID).from(CUSTOMER_ADDRESS).fetchOne(CUSTOMER_ADDRESS.ID);
        assertEquals(303, http.postForm("/fr/account/addresses/" + addressId, address("Villeurbanne")).status());
        assertEquals("Villeurbanne", CommerceFixtures.dsl(app).select(CUSTOMER_ADDRESS.CITY).from(CUSTOMER_ADDRESS)
                .fetchOne(CUSTOMER_ADDRESS.CITY));
        assertTrue(http.get("/fr/checkout").status() == 303, "empty cart goes back to the cart page");

        // Someone else cannot delete it.
        HttpSession other = app.http();
        other.postForm("/fr/account/register", Map.of("email", "other@example.com", "password", "another long password"));
        assertEquals(404, other.postForm("/fr/account/addresses/" + addressId + "/delete", Map.of()).status());
        assertEquals(303, http.postForm("/fr/account/addresses/" + addressId + "/delete", Map.of()).status());
        assertEquals(0, CommerceFixtures.count(app, CUSTOMER_ADDRESS));

        // Log out, log in again: a new session id (no fixation), the old one is dead.
        http.postForm("/fr/account/logout", Map.of());
        assertNull(app.app().commerce().sessions().resolve(sid1).orElse(null));
        assertEquals(303, http.postForm("/fr/account/login", Map.of("email", "LEA@example.com",
                "password", "a long enough password")).status());
        String sid2 = http.cookie("brq_sid");
        assertNotEquals(sid1, sid2);
        assertEquals(200, http.get("/en/account").status());
    }
}
