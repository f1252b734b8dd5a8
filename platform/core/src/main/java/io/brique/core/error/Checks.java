package io.brique.core.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects field errors for one input, then throws them all at once. Messages are i18n keys
 * (e.g. {@code error.required}) so the storefront can translate them; the API returns them as is.
 */
public final class Checks {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    private final Map<String, String> errors = new LinkedHashMap<>();

    public Checks required(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.putIfAbsent(field, "error.required");
        }
        return this;
    }

    public Checks maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.putIfAbsent(field, "error.too_long");
        }
        return this;
    }

    public Checks email(String field, String value) {
        if (value != null && !value.isBlank() && (value.length() > 254 || !EMAIL.matcher(value.trim()).matches())) {
            errors.putIfAbsent(field, "error.email");
        }
        return this;
    }

    public Checks check(boolean ok, String field, String messageKey) {
        if (!ok) {
            errors.putIfAbsent(field, messageKey);
        }
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException("invalid input", errors);
        }
    }
}
