package io.brique.admin.shop;

import io.brique.api.Money;
import io.brique.core.web.Ctx;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reading of admin form and query values: what could not be read becomes a field error (message
 * key) and the raw text is kept so the form shows what the user typed.
 */
final class Inputs {

    final Map<String, String> values = new HashMap<>();
    final Map<String, String> errors = new HashMap<>();
    private final Ctx ctx;
    private final boolean query;

    private Inputs(Ctx ctx, boolean query) {
        this.ctx = ctx;
        this.query = query;
    }

    static Inputs form(Ctx ctx) {
        return new Inputs(ctx, false);
    }

    static Inputs query(Ctx ctx) {
        return new Inputs(ctx, true);
    }

    /** The trimmed text, or null when blank (kept in {@link #values} as typed). */
    String text(String name) {
        String raw = query ? ctx.query(name).orElse(null) : ctx.form(name);
        values.put(name, raw == null ? "" : raw);
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    /** Text with a maximum length. */
    String text(String name, int max) {
        String v = text(name);
        if (v != null && v.length() > max) {
            errors.put(name, "error.too_long");
            return null;
        }
        return v;
    }

    /** One of the allowed values, or null (blank); anything else is an error. */
    String oneOf(String name, java.util.Collection<String> allowed) {
        String v = text(name);
        if (v != null && !allowed.contains(v)) {
            errors.put(name, "error.range");
            return null;
        }
        return v;
    }

    boolean checkbox(String name) {
        String v = text(name);
        values.put(name, v == null ? "" : "on");
        return v != null;
    }

    Long id(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            long id = Long.parseLong(v);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        errors.put(name, "error.range");
        return null;
    }

    Integer integer(String name, int min, int max) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v.replace(" ", "").replace("+", ""));
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        errors.put(name, "admin.shop.error.integer");
        return null;
    }

    /** A decimal amount ("12.50" or "12,50") in minor units of the currency; never through double. */
    Long money(String name, String currency) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            Money m = Money.parse(v.replace(" ", "").replace("\u00a0", ""), currency);
            if (!m.isNegative() && m.minor() <= 1_000_000_000_00L) {
                return m.minor();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // below
        }
        errors.put(name, "admin.shop.error.amount");
        return null;
    }

    /** A percentage ("20", "5.5") in basis points. */
    Integer percentBp(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal bp = new BigDecimal(v.replace(',', '.').replace("%", "").trim()).movePointRight(2);
            int n = bp.intValueExact();
            if (n >= 0 && n <= 10_000) {
                return n;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // below
        }
        errors.put(name, "admin.shop.error.percent");
        return null;
    }

    LocalDate date(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(name, "admin.shop.error.date");
            return null;
        }
    }

    void required(String name) {
        String v = values.get(name);
        if ((v == null || v.isBlank()) && !errors.containsKey(name)) {
            errors.put(name, "error.required");
        }
    }

    boolean ok() {
        return errors.isEmpty();
    }

    /** Sort key from a whitelist (else the first), and direction. */
    static String sort(Ctx ctx, List<String> allowed) {
        return ctx.query("sort").filter(allowed::contains).orElse(allowed.getFirst());
    }

    static boolean desc(Ctx ctx, boolean byDefault) {
        return ctx.query("dir").map("desc"::equals).orElse(byDefault);
    }
}
