package io.brique.core.error;

/** The server is saturated for this kind of work; the client should retry shortly. Maps to 503 + Retry-After. */
public final class BusyException extends RuntimeException {
    public BusyException(String message) {
        super(message);
    }
}
