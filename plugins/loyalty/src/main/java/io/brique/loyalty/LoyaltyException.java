package io.brique.loyalty;

/**
 * A refused loyalty operation: {@code code} is stable (insufficient_points, invalid, not_found...),
 * the message is for logs and API clients. Routes map it to a 4xx answer; {@code database} to 503.
 */
public class LoyaltyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public LoyaltyException(String code, String message) {
        super(message);
        this.code = code;
    }

    public LoyaltyException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
