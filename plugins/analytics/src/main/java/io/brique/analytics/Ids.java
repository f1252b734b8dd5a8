package io.brique.analytics;

import java.security.SecureRandom;

/**
 * Event ids made in the plugin (no generated-key round trip, so an event and its items go in as two
 * JDBC batches): 41 bits of milliseconds since 2026, 10 random bits per process (the nodes of a
 * cluster), 12 bits of sequence. Past 4096 ids in one millisecond the next millisecond is used.
 */
final class Ids {

    private static final long EPOCH = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private final long node = new SecureRandom().nextInt(1024);
    private long millis;
    private long seq;

    synchronized long next(long nowMillis) {
        long ms = Math.max(nowMillis - EPOCH, millis);
        if (ms == millis) {
            seq++;
            if (seq >= 4096) {
                ms++;
                seq = 0;
            }
        } else {
            seq = 0;
        }
        millis = ms;
        return (ms << 22) | (node << 12) | seq;
    }
}
