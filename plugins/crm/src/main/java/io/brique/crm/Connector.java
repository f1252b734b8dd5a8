package io.brique.crm;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A CRM connector: delivers a batch of updates (heads of different customers) and says, per update,
 * whether the CRM took it. Only a 2xx counts as delivered; anything else (time-out, 5xx, 429, an
 * answer it cannot read) is a retry, except refusals retrying cannot fix (4xx other than 408/409/425/429).
 */
interface Connector {

    /** The most updates one call may carry (1 for the webhook; HubSpot's batch endpoints take 100). */
    int maxBatch();

    /** Problems with the settings that prevent sending (empty: ready). */
    List<String> problems();

    /** One outcome per item, in the same order. Never throws for a CRM failure: it is an outcome. */
    List<Outcome> deliver(List<Outbox.Item> items) throws InterruptedException;

    /** What happened to one update. */
    record Outcome(boolean delivered, boolean permanent, String error, Duration retryAfter) {
        static final Outcome OK = new Outcome(true, false, null, null);

        static Outcome retry(String error, Duration retryAfter) {
            return new Outcome(false, false, error, retryAfter);
        }

        static Outcome refused(String error) {
            return new Outcome(false, true, error, null);
        }
    }

    /** The outcome of an HTTP answer; {@code bodyCheck} says whether a 2xx body is acceptable (null: yes). */
    static Outcome classify(HttpResponse<String> r, Instant now, String bodyProblem) {
        int s = r.statusCode();
        String snippet = r.body() == null ? "" : r.body().length() > 300 ? r.body().substring(0, 300) : r.body();
        if (s >= 200 && s < 300) {
            return bodyProblem == null ? Outcome.OK : Outcome.retry("HTTP " + s + " with " + bodyProblem, null);
        }
        Duration retryAfter = Backoff.retryAfter(r.headers().firstValue("Retry-After").orElse(null), now);
        if (s == 408 || s == 409 || s == 425 || s == 429 || s >= 500) {
            return Outcome.retry("HTTP " + s + ": " + snippet, retryAfter);
        }
        return Outcome.refused("HTTP " + s + " (refused, not retried): " + snippet);
    }
}
