package io.brique.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Messages through the core's notification channel (the e-mail outbox): tier upgrade, expiring points
 * (warning and last chance), reward available; in the customer's language, once each, only with consent.
 */
@Tag("db")
class LoyaltyMessagesTest extends LoyaltyShop {

    LoyaltyListener listener;

    @BeforeEach
    void start() {
        listener = new LoyaltyListener(shop.pluginContext(ID));
    }

    private long customer(String email, boolean marketing, String locale) {
        shop.brique().core().db().dsl().query("INSERT INTO customer (email, first_name, locale, consent_marketing)"
                + " VALUES (?, 'Ada', ?, ?)", email, locale, marketing).execute();
        long id = sql(Long.class, "SELECT id FROM customer WHERE email = ?", email);
        listener.onEvent(new EventEnvelope(id, "reg-" + id, Instant.now(), new Events.CustomerRegistered(id, email, "Ada",
                "L", locale, marketing)));
        return id;
    }

    private int mails(String email) {
        return sql(Integer.class, "SELECT COUNT(*) FROM email_outbox WHERE recipient = ?", email);
    }

    @Test
    void aTierUpgradeIsAnnouncedOnceInTheCustomersLanguageAndOnlyWithConsent() {
        shop.saveSettings(ID, Map.of("tiers", "Bronze:0:100:false,Silver:100:100:false"));
        long ada = customer("ada@example.com", true, "en");
        long bob = customer("bob@example.com", false, "fr");
        EventEnvelope adaOrder = new EventEnvelope(10, "o-1", Instant.now(), LoyaltyPluginTest.order("BR200001", ada, 20_000));
        listener.onEvent(adaOrder);
        listener.onEvent(adaOrder); // redelivered
        listener.onEvent(new EventEnvelope(11, "o-2", Instant.now(), LoyaltyPluginTest.order("BR200002", bob, 20_000)));
        assertEquals("Silver", loyalty.summary(ada).tier());

        assertEquals(1, loyalty.messages().sendDue(), "Ada consented; Bob did not");
        assertEquals(0, loyalty.messages().sendDue(), "nothing left to send");
        assertEquals(1, mails("ada@example.com"));
        assertEquals("You are now a Silver member", sql(String.class,
                "SELECT subject FROM email_outbox WHERE recipient = ? AND kind = 'plugin:tier_upgrade'", "ada@example.com"));
        assertEquals(0, mails("bob@example.com"), "no marketing consent, no message");
        assertEquals("no_consent", sql(String.class, "SELECT outcome FROM loyalty_message WHERE customer_id = ?", bob));

        // sent but not marked (a crash between notify and the update): the retry sends nothing twice
        shop.brique().core().db().dsl().query("UPDATE loyalty_message SET sent_at = NULL, outcome = NULL").execute();
        loyalty.messages().sendDue();
        assertEquals(1, mails("ada@example.com"));
        assertEquals("duplicate", sql(String.class, "SELECT outcome FROM loyalty_message WHERE customer_id = ?", ada));
    }

    @Test
    void expiringPointsGetAWarningThenALastChanceOnceEach() {
        long ada = customer("ada@example.com", true, "fr");
        Instant now = Instant.now();
        loyalty.ledger().adjust(ada, 40, "goodwill", "test", "adj-soon", now.plus(Duration.ofDays(3)));
        loyalty.ledger().adjust(ada, 60, "goodwill", "test", "adj-later", now.plus(Duration.ofDays(20)));
        loyalty.ledger().adjust(ada, 70, "goodwill", "test", "adj-far", now.plus(Duration.ofDays(200)));

        assertEquals(2, loyalty.messages().scan());
        assertEquals(0, loyalty.messages().scan(), "the same expiry is announced once");
        assertEquals(2, loyalty.messages().sendDue());
        String lastChance = sql(String.class, "SELECT subject FROM email_outbox WHERE kind = 'plugin:expiry_last_chance'");
        assertTrue(lastChance.startsWith("Dernière chance : 40 points expirent le "), lastChance);
        String warning = sql(String.class, "SELECT body_text FROM email_outbox WHERE kind = 'plugin:expiry_warning'");
        assertTrue(warning.startsWith("60 de vos points de fidélité expirent le "), warning);
        assertEquals(2, mails("ada@example.com"));
    }

    @Test
    void aRewardWithinReachIsAnnouncedOncePerRewardAndCustomer() {
        long ada = customer("ada@example.com", true, "en");
        long bob = customer("bob@example.com", true, "fr");
        loyalty.rewards().create("Free shipping", "free_shipping", 100, 0, null);
        loyalty.ledger().adjust(ada, 150, "goodwill", "test", "adj-ada", null);
        loyalty.ledger().adjust(bob, 50, "goodwill", "test", "adj-bob", null);
        assertEquals(1, loyalty.messages().scan(), "Ada's 150 points cover it, Bob's 50 do not");
        assertEquals(0, loyalty.messages().scan());
        loyalty.messages().sendDue();
        assertEquals("A reward is waiting for you: Free shipping", sql(String.class,
                "SELECT subject FROM email_outbox WHERE recipient = ?", "ada@example.com"));
        assertEquals(0, mails("bob@example.com"));
        loyalty.ledger().adjust(bob, 60, "more", "test", "adj-bob-2", null);
        assertEquals(1, loyalty.messages().scan(), "Bob now has 110 points");
        loyalty.messages().sendDue();
        assertTrue(sql(String.class, "SELECT body_text FROM email_outbox WHERE recipient = ?", "bob@example.com")
                .contains("« Free shipping »"));
    }
}
