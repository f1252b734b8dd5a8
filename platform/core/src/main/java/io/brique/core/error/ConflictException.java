package io.brique.core.error;

/** The request is valid but clashes with the current state (out of stock, wrong order state). Maps to 409. */
public final class ConflictException extends RuntimeException {

    private final String code;

    public ConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable machine-readable reason, e.g. {@code out_of_stock}. */
    public String code() {
        return code;
    }
}
