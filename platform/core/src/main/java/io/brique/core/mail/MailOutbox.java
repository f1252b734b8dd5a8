package io.brique.core.mail;

import static io.brique.core.db.jooq.Tables.EMAIL_OUTBOX;

import io.brique.core.db.Tx;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Queues e-mails in the caller's transaction (the order and its confirmation commit together);
 * {@link MailSender} delivers them afterwards with retries.
 */
public final class MailOutbox {

    private final Clock clock;
    private final Runnable wakeUp;

    public MailOutbox(Clock clock, Runnable wakeUp) {
        this.clock = clock;
        this.wakeUp = wakeUp;
    }

    /** Returns 1 when queued, 0 when the same kind and reference was already queued. */
    public int enqueue(Tx tx, Email email) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        int inserted = tx.dsl().insertInto(EMAIL_OUTBOX)
                .set(EMAIL_OUTBOX.RECIPIENT, email.recipient())
                .set(EMAIL_OUTBOX.SUBJECT, email.subject())
                .set(EMAIL_OUTBOX.BODY_TEXT, email.bodyText())
                .set(EMAIL_OUTBOX.BODY_HTML, email.bodyHtml())
                .set(EMAIL_OUTBOX.KIND, email.kind())
                .set(EMAIL_OUTBOX.REFERENCE, email.reference())
                .set(EMAIL_OUTBOX.STATUS, "pending")
                .set(EMAIL_OUTBOX.NEXT_ATTEMPT_AT, now)
                .set(EMAIL_OUTBOX.CREATED_AT, now)
                .onDuplicateKeyIgnore()
                .execute();
        if (inserted > 0) {
            tx.afterCommit(wakeUp);
        }
        return inserted;
    }
}
