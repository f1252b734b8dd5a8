package io.brique.crm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with jitter, and the CRM's {@code Retry-After} (seconds or an HTTP date). */
final class Backoff {

    private Backoff() {
    }

    /**
     * The wait before attempt {@code attempts + 1}: base × 2^(attempts-1), capped, then "equal jitter"
     * (between half and all of it) so failed customers do not retry in lockstep; never shorter than
     * {@code retryAfter}.
     */
    static Duration delay(int attempts, long baseMs, long maxMs, Duration retryAfter) {
        long exp = baseMs << Math.min(30, Math.max(0, attempts - 1));
        long capped = exp <= 0 ? maxMs : Math.min(maxMs, exp);
        long half = capped / 2;
        long jittered = half + ThreadLocalRandom.current().nextLong(half + 1);
        Duration d = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
    }

    /** Parses a {@code Retry-After} header; null when absent or unreadable; capped at one day. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        try {
            long s = Long.parseLong(h);
            return s < 0 ? null : Duration.ofSeconds(Math.min(s, 86_400));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
