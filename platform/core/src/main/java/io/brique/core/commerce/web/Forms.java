package io.brique.core.commerce.web;

import io.brique.core.web.Ctx;
import io.brique.core.web.HttpProblem;
import java.util.Map;

/** Small parsing helpers for storefront forms and API parameters (bad input is a 400 naming the field). */
final class Forms {

    private Forms() {
    }

    static long requiredId(Ctx ctx, String field) {
        String v = ctx.form(field);
        if (v == null || v.isEmpty()) {
            throw new HttpProblem(400, "Bad Request", field + " is required", Map.of(field, "error.required"));
        }
        try {
            long id = Long.parseLong(v);
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "Bad Request", field + " must be a positive whole number",
                    Map.of(field, "error.number"));
        }
    }

    /** A whole number; out-of-int-range text is refused like any other non-number. */
    static int intField(String field, String v, int fallback) {
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "Bad Request", field + " must be a whole number", Map.of(field, "error.number"));
        }
    }

    static String limited(Ctx ctx, String field, int max) {
        String v = ctx.form(field);
        if (v != null && v.length() > max) {
            throw new HttpProblem(400, "Bad Request", field + " is too long", Map.of(field, "error.too_long"));
        }
        return v;
    }
}
