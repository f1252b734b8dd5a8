package io.brique.core.catalog;

import io.brique.core.web.Ctx;
import io.brique.core.web.HttpProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates listing parameters shared by storefront pages and the API: brand (repeatable),
 * minPrice/maxPrice (decimal, tax-included), inStock, sort, page, size and, for the storefront,
 * {@code attr_<code>} values of filterable attributes. A bad value is a 400 naming the field.
 */
public final class ListingParams {

    private static final Pattern DECIMAL = Pattern.compile("^\\d{1,9}([.,]\\d{1,2})?$");
    private static final int MAX_VALUES = 50;
    private static final int MAX_VALUE_LENGTH = 255;

    private ListingParams() {
    }

    public static ListingQuery parse(Ctx ctx, String lang, Set<String> filterableAttributes, int defaultSize) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> brands = values(ctx, "brand", true, errors);
        Long min = price(ctx, "minPrice", errors);
        Long max = price(ctx, "maxPrice", errors);
        if (min != null && max != null && min > max) {
            errors.putIfAbsent("maxPrice", "error.range");
        }
        boolean inStock = bool(ctx, "inStock", errors);
        ListingQuery.Sort sort = ListingQuery.Sort.FEATURED;
        String s = ctx.query("sort").orElse(null);
        if (s != null) {
            sort = ListingQuery.Sort.parse(s).orElse(null);
            if (sort == null) {
                errors.put("sort", "error.choice");
                sort = ListingQuery.Sort.FEATURED;
            }
        }
        int page = integer(ctx, "page", 1, 1, 100_000, errors);
        int size = integer(ctx, "size", defaultSize, 1, ListingQuery.MAX_SIZE, errors);
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (String code : filterableAttributes) {
            List<String> v = values(ctx, "attr_" + code, false, errors);
            if (!v.isEmpty()) {
                attributes.put(code, v);
            }
        }
        if (!errors.isEmpty()) {
            throw new HttpProblem(400, "Bad Request", "invalid parameter: " + String.join(", ", errors.keySet()),
                    errors);
        }
        return new ListingQuery(lang, null, List.of(), brands, min, max, inStock, attributes, sort, page, size);
    }

    /** Repeated parameter values; brand slugs may also be comma-separated (attribute values may hold commas). */
    static List<String> values(Ctx ctx, String name, boolean commaSeparated, Map<String, String> errors) {
        String[] raw = ctx.req().getParameterValues(name);
        if (raw == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : Arrays.stream(raw)
                .flatMap(x -> commaSeparated ? Arrays.stream(x.split(",")) : java.util.stream.Stream.of(x)).toList()) {
            String t = v.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.length() > MAX_VALUE_LENGTH) {
                errors.putIfAbsent(name, "error.too_long");
                return List.of();
            }
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        if (out.size() > MAX_VALUES) {
            errors.putIfAbsent(name, "error.range");
            return List.of();
        }
        return out;
    }

    static Long price(Ctx ctx, String name, Map<String, String> errors) {
        String v = ctx.query(name).orElse(null);
        if (v == null) {
            return null;
        }
        if (!DECIMAL.matcher(v).matches()) {
            errors.put(name, "error.amount");
            return null;
        }
        return new BigDecimal(v.replace(',', '.')).movePointRight(2).longValueExact();
    }

    static boolean bool(Ctx ctx, String name, Map<String, String> errors) {
        String v = ctx.query(name).orElse(null);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no" -> false;
            default -> {
                errors.put(name, "error.boolean");
                yield false;
            }
        };
    }

    static int integer(Ctx ctx, String name, int fallback, int min, int max, Map<String, String> errors) {
        String v = ctx.query(name).orElse(null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                errors.put(name, "error.range");
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.put(name, "error.number");
            return fallback;
        }
    }
}
