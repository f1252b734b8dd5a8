package io.brique.core.mail;

/**
 * An e-mail to send. {@code kind} + {@code reference} identify it (e.g. order_confirmation + BR000012):
 * enqueuing the same pair twice sends one e-mail.
 */
public record Email(String recipient, String subject, String bodyText, String bodyHtml, String kind,
        String reference) {
}
