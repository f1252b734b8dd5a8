package io.brique.core.mail;

import static io.brique.core.db.jooq.Tables.EMAIL_OUTBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.Core;
import io.brique.core.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class MailSenderTest {

    @Test
    void queuedMailIsWrittenToTheFileSinkOnceEvenIfQueuedTwice() throws Exception {
        try (TestApp app = TestApp.start()) {
            Core core = app.app().core();
            Email email = new Email("anne@example.org", "Votre commande BR000001", "Merci !", "<p>Merci !</p>",
                    "order_confirmation", "BR000001");
            core.db().txRun(tx -> core.mail().enqueue(tx, email));
            core.db().txRun(tx -> core.mail().enqueue(tx, email));
            assertEquals(1, core.db().dsl().fetchCount(EMAIL_OUTBOX));
            app.app().mailSender().sendDue();
            assertEquals("sent", core.db().dsl().select(EMAIL_OUTBOX.STATUS).from(EMAIL_OUTBOX).fetchOne().value1());
            Path dir = app.dataDir().resolve("mail");
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.toList();
            }
            assertEquals(1, files.size());
            String eml = Files.readString(files.get(0));
            assertTrue(eml.contains("anne@example.org"));
            assertTrue(eml.contains("X-Brique-Reference: order_confirmation:BR000001"));
        }
    }

    @Test
    void anInvalidRecipientIsRetriedThenMarkedFailedWithoutBlockingOthers() {
        try (TestApp app = TestApp.start()) {
            Core core = app.app().core();
            core.db().txRun(tx -> core.mail().enqueue(tx, new Email("not an address", "x", "x", null, "test", "1")));
            core.db().txRun(tx -> core.mail().enqueue(tx, new Email("ok@example.org", "y", "y", null, "test", "2")));
            app.app().mailSender().sendDue();
            var rows = core.db().dsl().selectFrom(EMAIL_OUTBOX).orderBy(EMAIL_OUTBOX.ID).fetch();
            assertEquals("pending", rows.get(0).getStatus());
            assertEquals(1, rows.get(0).getAttempts());
            assertTrue(rows.get(0).getLastError() != null);
            assertEquals("sent", rows.get(1).getStatus());
        }
    }
}
