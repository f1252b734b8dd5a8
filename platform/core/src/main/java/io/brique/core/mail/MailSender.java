package io.brique.core.mail;

import static io.brique.core.db.jooq.Tables.EMAIL_OUTBOX;

import io.brique.core.config.BriqueConfig;
import io.brique.core.db.Database;
import io.brique.core.db.jooq.tables.records.EmailOutboxRecord;
import io.brique.core.ops.ClusterLease;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued e-mails: over SMTP when {@code mail.smtp.host} is set, otherwise as {@code .eml}
 * files in {@code <data.dir>/mail} (and a log line), so a fresh install needs no mail server.
 * Failures are retried with back-off; after 8 attempts the e-mail is marked failed. One node of a
 * cluster sends at a time (lease {@code mail-sender}).
 */
public final class MailSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailSender.class);
    private static final int MAX_ATTEMPTS = 8;

    private final BriqueConfig config;
    private final Database db;
    private final Clock clock;
    private final ClusterLease lease;
    private final Semaphore signal = new Semaphore(0);
    private final Path sinkDir;
    private volatile boolean running;
    private Thread thread;

    public MailSender(BriqueConfig config, Database db, Clock clock, String nodeId) {
        this.config = config;
        this.db = db;
        this.clock = clock;
        this.lease = new ClusterLease(db.dsl(), clock, nodeId);
        this.sinkDir = config.dataDir().resolve("mail");
    }

    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("brique-mail").start(this::loop);
    }

    public void wakeUp() {
        signal.release();
    }

    private void loop() {
        while (running) {
            try {
                signal.tryAcquire(5, TimeUnit.SECONDS);
                signal.drainPermits();
                if (running) {
                    sendDue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("mail sending paused: {}", e.toString());
            }
        }
    }

    /**
     * Sends every due e-mail; returns how many were sent. One caller at a time on a node (the lease
     * only keeps other nodes out), so the worker and an explicit call never send the same message.
     */
    public synchronized int sendDue() {
        if (!lease.tryAcquire("mail-sender", Duration.ofSeconds(60))) {
            return 0;
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        List<EmailOutboxRecord> due = db.dsl().selectFrom(EMAIL_OUTBOX)
                .where(EMAIL_OUTBOX.STATUS.eq("pending")).and(EMAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now))
                .orderBy(EMAIL_OUTBOX.ID).limit(100).fetch();
        int sent = 0;
        for (EmailOutboxRecord e : due) {
            // Renew the lease per message: a slow SMTP server must not let another node send the same mails.
            if (!lease.tryAcquire("mail-sender", Duration.ofSeconds(60))) {
                break;
            }
            try {
                deliver(e);
                db.dsl().update(EMAIL_OUTBOX).set(EMAIL_OUTBOX.STATUS, "sent").set(EMAIL_OUTBOX.SENT_AT, now)
                        .set(EMAIL_OUTBOX.ATTEMPTS, e.getAttempts() + 1).where(EMAIL_OUTBOX.ID.eq(e.getId()))
                        .and(EMAIL_OUTBOX.STATUS.eq("pending")).execute();
                sent++;
            } catch (MessagingException | IOException | RuntimeException ex) {
                int attempts = e.getAttempts() + 1;
                boolean give = attempts >= MAX_ATTEMPTS;
                db.dsl().update(EMAIL_OUTBOX)
                        .set(EMAIL_OUTBOX.STATUS, give ? "failed" : "pending")
                        .set(EMAIL_OUTBOX.ATTEMPTS, attempts)
                        .set(EMAIL_OUTBOX.LAST_ERROR, String.valueOf(ex.getMessage()).substring(0,
                                Math.min(2000, String.valueOf(ex.getMessage()).length())))
                        .set(EMAIL_OUTBOX.NEXT_ATTEMPT_AT, now.plusSeconds(Math.min(3600, 30L << attempts)))
                        .where(EMAIL_OUTBOX.ID.eq(e.getId())).execute();
                LOG.warn("e-mail {} to {} failed (attempt {}{}): {}", e.getId(), e.getRecipient(), attempts,
                        give ? ", giving up" : "", ex.getMessage());
            }
        }
        return sent;
    }

    private void deliver(EmailOutboxRecord e) throws MessagingException, IOException {
        Properties props = new Properties();
        String host = config.get("mail.smtp.host", "");
        if (!host.isEmpty()) {
            props.put("mail.smtp.host", host);
            props.put("mail.smtp.port", config.get("mail.smtp.port", "587"));
            boolean tls = config.getBoolean("mail.smtp.starttls", true);
            props.put("mail.smtp.starttls.enable", Boolean.toString(tls));
            // Required, not just offered: otherwise a man in the middle can strip TLS and read the password.
            props.put("mail.smtp.starttls.required", Boolean.toString(tls));
            props.put("mail.smtp.connectiontimeout", "10000");
            props.put("mail.smtp.timeout", "10000");
        }
        Session session = Session.getInstance(props);
        MimeMessage msg = new MimeMessage(session);
        msg.setFrom(new InternetAddress(config.get("mail.from", "shop@brique.local")));
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress(e.getRecipient(), true));
        msg.setSubject(e.getSubject(), "UTF-8");
        MimeMultipart body = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(e.getBodyText(), "UTF-8");
        body.addBodyPart(text);
        if (e.getBodyHtml() != null) {
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(e.getBodyHtml(), "text/html; charset=UTF-8");
            body.addBodyPart(html);
        }
        msg.setContent(body);
        msg.setHeader("X-Brique-Reference", e.getKind() + ":" + e.getReference());
        if (host.isEmpty()) {
            Files.createDirectories(sinkDir);
            Path file = sinkDir.resolve(e.getId() + "-" + e.getKind() + ".eml");
            try (OutputStream out = Files.newOutputStream(file)) {
                msg.writeTo(out);
            }
            LOG.info("e-mail '{}' to {} written to {}", e.getSubject(), e.getRecipient(), file);
        } else {
            String user = config.get("mail.smtp.user", "");
            if (user.isEmpty()) {
                Transport.send(msg);
            } else {
                Transport.send(msg, user, config.get("mail.smtp.password", ""));
            }
        }
    }

    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        running = false;
        signal.release();
        try {
            thread.join(5_000);
            sendDue(); // what was queued by the last requests
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("final mail flush failed: {}", e.toString());
        }
    }
}
