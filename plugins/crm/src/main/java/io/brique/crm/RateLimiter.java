package io.brique.crm;

/**
 * A token bucket of the connector's requests per second (one second's worth of burst), shared by the
 * dispatcher's workers on this node (the dispatcher runs on one node of a cluster at a time).
 */
final class RateLimiter {

    private double tokens;
    private long last = System.nanoTime();

    /** Waits for one request's token at {@code perSecond}. */
    void acquire(int perSecond) throws InterruptedException {
        while (true) {
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
                last = now;
                if (tokens >= 1) {
                    tokens -= 1;
                    return;
                }
                waitNanos = (long) ((1 - tokens) / perSecond * 1e9);
            }
            Thread.sleep(Math.max(1, waitNanos / 1_000_000), (int) (waitNanos % 1_000_000 % 1000));
        }
    }
}
