package io.brique.core.error;

/** The thing asked for does not exist (or is not visible to the caller). Maps to 404. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
