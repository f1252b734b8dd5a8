package io.brique.api.notification;

/** What {@code PluginContext.notify} did with one notification (since SDK 1.2). */
public enum NotificationOutcome {
    /** Handed to the channel (queued in the e-mail outbox for the default channel). */
    QUEUED,
    /** The same key was already sent by this plugin: nothing was sent again. */
    DUPLICATE,
    /** A marketing notification to a customer who did not consent to marketing: not sent. */
    NO_CONSENT,
    /** No such active customer, or no address on the chosen channel: not sent. */
    UNREACHABLE
}
