package io.brique.analytics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Import of offline (physical store) sales from CSV, so store-only and omnichannel customers count:
 * <pre>order_id,date,customer_id,item_id,item_name,category,quantity,unit_price,currency</pre>
 * One line per order line; {@code date} ISO ({@code 2026-03-01T10:15:00Z} or {@code 2026-03-01 10:15:00},
 * UTC); {@code customer_id} empty for an anonymous sale. All lines are checked first: any error rejects
 * the whole file with line numbers. Orders are keyed {@code store:<order_id>}: importing the same file
 * again changes nothing.
 */
final class StoreImport {

    static final String HEADER = "order_id,date,customer_id,item_id,item_name,category,quantity,unit_price,currency";
    static final int MAX_LINES = 20_000;

    record Result(int orders, int lines, int alreadyImported) {
    }

    private record Order(String id, Instant at, Long customer, String currency, List<Store.Line> lines) {
    }

    private StoreImport() {
    }

    static Result run(Store store, String csv) throws CollectParser.BadInput, SQLException {
        List<CollectParser.Error> errors = new ArrayList<>();
        String[] rows = csv.replace("\r\n", "\n").split("\n");
        if (rows.length == 0 || !rows[0].trim().equalsIgnoreCase(HEADER)) {
            throw new CollectParser.BadInput(List.of(new CollectParser.Error("line 1", "the header must be " + HEADER)));
        }
        if (rows.length - 1 > MAX_LINES) {
            throw new CollectParser.BadInput(List.of(new CollectParser.Error("body", "at most " + MAX_LINES + " lines per file")));
        }
        Map<String, Order> orders = new LinkedHashMap<>();
        int lineCount = 0;
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].isBlank()) {
                continue;
            }
            String where = "line " + (i + 1);
            String[] c = OnlineCsv.split(rows[i]);
            if (c.length != 9) {
                errors.add(new CollectParser.Error(where, "9 fields expected, found " + c.length));
                continue;
            }
            try {
                String id = required(c[0], 64, "order_id");
                Instant at = date(c[1]);
                Long customer = c[2].isBlank() ? null : Long.parseLong(c[2].trim());
                String item = required(c[3], 64, "item_id");
                String name = optional(c[4], 200, "item_name");
                String category = optional(c[5], 100, "category");
                int qty = Integer.parseInt(c[6].trim());
                if (qty < 1 || qty > 100_000) {
                    throw new IllegalArgumentException("quantity: 1 to 100000");
                }
                String currency = Currency.getInstance(c[8].trim()).getCurrencyCode();
                BigDecimal price = new BigDecimal(c[7].trim());
                long unitMinor = price.movePointRight(Reports.digits(currency)).longValueExact();
                if (unitMinor < 0) {
                    throw new IllegalArgumentException("unit_price: not negative");
                }
                Order o = orders.computeIfAbsent(id, k -> new Order(id, at, customer, currency, new ArrayList<>()));
                if (!o.currency().equals(currency) || !java.util.Objects.equals(o.customer(), customer)) {
                    throw new IllegalArgumentException("the lines of order " + id + " disagree on customer or currency");
                }
                o.lines().add(new Store.Line(item, name, category, qty, unitMinor * qty));
                lineCount++;
            } catch (ArithmeticException e) {
                errors.add(new CollectParser.Error(where, "unit_price: more decimals than the currency has"));
            } catch (NumberFormatException e) {
                errors.add(new CollectParser.Error(where, "a number is expected (customer_id, quantity, unit_price)"));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                errors.add(new CollectParser.Error(where, e.getMessage()));
            }
            if (errors.size() >= 20) {
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw new CollectParser.BadInput(errors);
        }
        int already = 0;
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Order o : orders.values()) {
                    long total = o.lines().stream().mapToLong(Store.Line::totalMinor).sum();
                    if (!store.insertOrder(c, "store:" + o.id(), o.id(), o.at(), "store", o.customer(), null, o.currency(),
                            total, o.lines())) {
                        already++;
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return new Result(orders.size() - already, lineCount, already);
    }

    private static String required(String v, int max, String field) {
        String s = optional(v, max, field);
        if (s == null) {
            throw new IllegalArgumentException(field + ": required");
        }
        return s;
    }

    private static String optional(String v, int max, String field) {
        String s = v.trim();
        if (s.length() > max) {
            throw new IllegalArgumentException(field + ": longer than " + max + " characters");
        }
        return s.isEmpty() ? null : s;
    }

    private static Instant date(String v) {
        String s = v.trim();
        if (s.endsWith("Z")) {
            return Instant.parse(s);
        }
        return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
