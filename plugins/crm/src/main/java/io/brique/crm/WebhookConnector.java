package io.brique.crm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic signed webhook: each update is POSTed as its JSON message with
 * {@code Idempotency-Key} (the message id: the receiver de-duplicates on it),
 * {@code X-Brique-Timestamp} (Unix seconds) and {@code X-Brique-Signature: v1=<hex HMAC-SHA256 of
 * timestamp + "." + body>}.
 */
final class WebhookConnector implements Connector {

    private final HttpClient http;
    private final CrmSettings.Sync s;
    private final Clock clock;

    WebhookConnector(HttpClient http, CrmSettings.Sync settings, Clock clock) {
        this.http = http;
        this.s = settings;
        this.clock = clock;
    }

    @Override
    public int maxBatch() {
        return 1;
    }

    @Override
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        String url = UrlGuard.problem(s.webhookUrl(), allowed(), s.allowPrivate());
        if (url != null) {
            out.add("webhook URL: " + url);
        }
        if (s.webhookSecret() == null || s.webhookSecret().length() < 16) {
            out.add("webhook signing secret missing (at least 16 characters)");
        }
        return out;
    }

    private List<String> allowed() {
        return Connectors.allowed(s, s.webhookUrl());
    }

    @Override
    public List<Outcome> deliver(List<Outbox.Item> items) {
        List<Outcome> out = new ArrayList<>();
        for (Outbox.Item item : items) {
            out.add(post(item));
        }
        return out;
    }

    private Outcome post(Outbox.Item item) {
        byte[] body = item.payload().getBytes(StandardCharsets.UTF_8);
        long ts = clock.instant().getEpochSecond();
        HttpRequest req = HttpRequest.newBuilder(URI.create(s.webhookUrl().trim())).timeout(s.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", item.eventId())
                .header("X-Brique-Event", item.kind())
                .header("X-Brique-Timestamp", Long.toString(ts))
                .header("X-Brique-Signature", Signatures.sign(s.webhookSecret(), ts, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return Connector.classify(http.send(req, HttpResponse.BodyHandlers.ofString()), clock.instant(), null);
        } catch (IOException e) {
            return Outcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry("interrupted (the shop is stopping)", null);
        }
    }
}
