package io.brique.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brique.api.notification.NotificationChannel.Notification;
import io.brique.api.notification.NotificationOutcome;
import io.brique.core.testing.TestApp;
import io.brique.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PluginContext.notify}: the default e-mail channel through the outbox (once per key, marketing
 * only with consent, never to unknown or erased customers), and a plugin channel chosen by configuration.
 */
@Tag("db")
class PluginNotifyTest {

    @TempDir
    Path dir;

    private static long customer(TestApp app, String email, boolean marketing, String status) {
        var dsl = app.app().core().db().dsl();
        dsl.query("INSERT INTO customer (email, first_name, locale, consent_marketing, status) VALUES (?, 'Ada', 'fr', ?, ?)",
                email, marketing, status).execute();
        return dsl.resultQuery("SELECT id FROM customer WHERE email = ?", email).fetchOne(0, Long.class);
    }

    private static Notification note(String key, long customer, boolean marketing) {
        return new Notification(key, customer, "tier_upgrade", "fr", "Vous êtes Gold", "Bravo, vous êtes Gold.",
                Map.of("tier", "Gold"), marketing);
    }

    private static int outbox(TestApp app, String where, Object... args) {
        return app.app().core().db().dsl().resultQuery("SELECT COUNT(*) FROM email_outbox WHERE " + where, args)
                .fetchOne(0, Integer.class);
    }

    @Test
    void emailChannelQueuesOncePerKeyAndHonoursConsent() {
        try (TestApp app = TestApp.start()) {
            PluginNotifier loyalty = new PluginNotifier(app.app().core(), "loyalty");
            long consenting = customer(app, "yes@example.com", true, "active");
            long refusing = customer(app, "no@example.com", false, "active");
            long erased = customer(app, "gone@example.com", true, "erased");

            assertEquals(NotificationOutcome.QUEUED, loyalty.send(note("tier:1:Gold", consenting, true)));
            assertEquals(NotificationOutcome.DUPLICATE, loyalty.send(note("tier:1:Gold", consenting, true)),
                    "the same key sends nothing twice");
            assertEquals(1, outbox(app, "recipient = ? AND kind = 'plugin:tier_upgrade' AND reference = 'loyalty:tier:1:Gold'"
                    + " AND subject = 'Vous êtes Gold'", "yes@example.com"));

            assertEquals(NotificationOutcome.NO_CONSENT, loyalty.send(note("promo:2", refusing, true)));
            assertEquals(0, outbox(app, "recipient = ?", "no@example.com"), "marketing needs consent");
            assertEquals(NotificationOutcome.QUEUED, loyalty.send(note("expiry:2", refusing, false)),
                    "a service message (points expiring) needs no marketing consent");

            assertEquals(NotificationOutcome.UNREACHABLE, loyalty.send(note("x", erased, false)));
            assertEquals(NotificationOutcome.UNREACHABLE, loyalty.send(note("x", 999_999, false)));

            // another plugin's identical key is its own message
            assertEquals(NotificationOutcome.QUEUED,
                    new PluginNotifier(app.app().core(), "crm").send(note("tier:1:Gold", consenting, true)));
            // keys longer than the outbox reference are hashed, still once per key
            String longKey = "k".repeat(300);
            assertEquals(NotificationOutcome.QUEUED, loyalty.send(note(longKey, consenting, false)));
            assertEquals(NotificationOutcome.DUPLICATE, loyalty.send(note(longKey, consenting, false)));

            assertThrows(IllegalArgumentException.class, () -> loyalty.send(note(" ", consenting, false)));
            assertThrows(IllegalArgumentException.class, () -> loyalty.send(new Notification("k", consenting, "t", "fr",
                    "s".repeat(256), "text", Map.of(), false)));
        }
    }

    static final String SMS = """
            package test.sms;
            import io.brique.api.notification.NotificationChannel;
            @org.pf4j.Extension
            public class SmsChannel implements NotificationChannel {
                private final io.brique.api.plugin.PluginContext context;
                public SmsChannel(io.brique.api.plugin.PluginContext context) { this.context = context; }
                @Override public String id() { return "sms"; }
                @Override public void send(Notification n) {
                    try (var c = context.dataSource().getConnection();
                         var s = c.prepareStatement("insert into sms_sent (nkey, customer_id, body) values (?, ?, ?)")) {
                        s.setString(1, n.key());
                        s.setLong(2, n.customerId());
                        s.setString(3, n.text());
                        s.executeUpdate();
                    } catch (java.sql.SQLIntegrityConstraintViolationException dup) {
                        // already sent: idempotent per key
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    @Test
    void theConfiguredPluginChannelReceivesNotifications() {
        try (TestApp app = TestApp.start(Map.of("notifications.channel", "sms"))) {
            app.app().plugins().install(PluginJarBuilder.plugin("sms", "1.0.0")
                    .pluginClass("test.sms.SmsPlugin", "package test.sms; public class SmsPlugin extends"
                            + " io.brique.api.plugin.BriquePlugin { public SmsPlugin(io.brique.api.plugin.PluginContext c)"
                            + " { super(c); } }")
                    .extension("test.sms.SmsChannel", SMS)
                    .resource("db/migration/plugin/sms/V1__sent.sql",
                            "CREATE TABLE sms_sent (nkey VARCHAR(200) PRIMARY KEY, customer_id BIGINT NOT NULL,"
                                    + " body VARCHAR(200) NOT NULL);\n")
                    .build(dir));
            app.app().plugins().enable("sms");
            long consenting = customer(app, "yes@example.com", true, "active");
            long refusing = customer(app, "no@example.com", false, "active");
            PluginNotifier loyalty = new PluginNotifier(app.app().core(), "loyalty");

            assertEquals(NotificationOutcome.QUEUED, loyalty.send(note("tier:1", consenting, true)));
            assertEquals(NotificationOutcome.NO_CONSENT, loyalty.send(note("tier:2", refusing, true)),
                    "the core checks consent before any channel");
            var dsl = app.app().core().db().dsl();
            assertEquals("loyalty:tier:1", dsl.resultQuery("SELECT nkey FROM sms_sent").fetchOne(0, String.class));
            assertEquals(1, dsl.resultQuery("SELECT COUNT(*) FROM sms_sent").fetchOne(0, Integer.class));
            assertEquals(0, outbox(app, "kind LIKE 'plugin:%'"), "nothing went by e-mail");

            // the channel's plugin disabled: back to the e-mail outbox
            app.app().plugins().disable("sms");
            assertEquals(NotificationOutcome.QUEUED, loyalty.send(note("tier:3", consenting, true)));
            assertEquals(1, outbox(app, "kind LIKE 'plugin:%'"));
        }
    }
}
