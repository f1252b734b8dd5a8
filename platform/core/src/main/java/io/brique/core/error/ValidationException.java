package io.brique.core.error;

import java.util.LinkedHashMap;
import java.util.Map;

/** Input is invalid; {@link #fieldErrors()} says what is wrong with which field. Maps to 400/422. */
public final class ValidationException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public ValidationException(String message, Map<String, String> fieldErrors) {
        super(message);
        this.fieldErrors = Map.copyOf(new LinkedHashMap<>(fieldErrors));
    }

    public ValidationException(String field, String message) {
        this("invalid input", Map.of(field, message));
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
