package io.brique.core.commerce.store;

import io.brique.api.Money;
import io.brique.api.event.Events;
import io.brique.core.commerce.cart.CatalogReader;
import io.brique.core.commerce.cart.TaxRates;
import io.brique.core.commerce.cart.VatMath;
import io.brique.core.commerce.checkout.Transient;
import io.brique.core.commerce.customer.CustomerRepository;
import io.brique.core.commerce.order.OrderRepository;
import io.brique.core.commerce.order.OrderService;
import io.brique.core.commerce.order.StockRepository;
import io.brique.core.db.Database;
import io.brique.core.db.jooq.tables.records.CustomerRecord;
import io.brique.core.db.jooq.tables.records.OrderLineRecord;
import io.brique.core.db.jooq.tables.records.OrdersRecord;
import io.brique.core.db.jooq.tables.records.StoreRecord;
import io.brique.core.error.Checks;
import io.brique.core.event.EventPublisher;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Imports sales made in physical stores (CSV: receipt_ref, store_code, sold_at, sku, quantity,
 * unit_price, currency, email, first_name, last_name). Rows are grouped by (store, receipt) into one
 * {@code store} order, status {@code delivered}. Each receipt is its own transaction: a receipt with
 * any bad row is skipped entirely and reported, good receipts are kept. Idempotent per
 * (store, receipt): importing the same file again skips what exists.
 */
public final class StoreSaleImportService {

    static final List<String> COLUMNS = List.of("receipt_ref", "store_code", "sold_at", "sku", "quantity",
            "unit_price", "currency", "email", "first_name", "last_name");

    public record Problem(long line, String column, String message) {
    }

    public record Report(int receipts, int created, int skippedExisting, int rejected, List<String> createdOrders,
            List<Problem> problems) {
    }

    private enum Kind { CREATED, EXISTING, REJECTED }

    private record Outcome(Kind kind, String number) {
    }

    private record Row(long line, String receipt, String storeCode, LocalDateTime soldAt, String sku, int quantity,
            long unitPriceMinor, String currency, String email, String firstName, String lastName) {
    }

    private final Database db;
    private final StoreRepository stores;
    private final CatalogReader catalog;
    private final TaxRates taxRates;
    private final OrderRepository orders;
    private final StockRepository stock;
    private final CustomerRepository customers;
    private final EventPublisher events;
    private final Clock clock;
    private final String currency;
    private final String numberPrefix;
    private final String defaultLang;

    public StoreSaleImportService(Database db, StoreRepository stores, CatalogReader catalog, TaxRates taxRates,
            OrderRepository orders, StockRepository stock, CustomerRepository customers, EventPublisher events,
            Clock clock, String currency, String numberPrefix, String defaultLang) {
        this.defaultLang = defaultLang;
        this.db = db;
        this.stores = stores;
        this.catalog = catalog;
        this.taxRates = taxRates;
        this.orders = orders;
        this.stock = stock;
        this.customers = customers;
        this.events = events;
        this.clock = clock;
        this.currency = currency;
        this.numberPrefix = numberPrefix;
    }

    public Report importCsv(String csv) {
        return importCsv(new StringReader(csv));
    }

    public Report importCsv(Reader reader) {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<Row>> receipts = new LinkedHashMap<>();
        Map<String, Boolean> bad = new LinkedHashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(false).get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            for (String col : COLUMNS.subList(0, 7)) {
                if (!header.contains(col)) {
                    problems.add(new Problem(1, col, "missing column"));
                }
            }
            if (!problems.isEmpty()) {
                return new Report(0, 0, 0, 0, List.of(), problems);
            }
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < parser.getHeaderNames().size(); i++) {
                index.putIfAbsent(parser.getHeaderNames().get(i).toLowerCase(Locale.ROOT), i);
            }
            for (CSVRecord rec : parser) {
                long line = rec.getRecordNumber() + 1;
                String receipt = cell(rec, index, "receipt_ref");
                String storeCode = cell(rec, index, "store_code");
                String key = (storeCode == null ? "" : storeCode) + "\u0000" + (receipt == null ? "" : receipt);
                int before = problems.size();
                Row row = parseRow(rec, index, line, problems);
                receipts.computeIfAbsent(key, k -> new ArrayList<>());
                if (row == null || problems.size() > before) {
                    bad.put(key, true);
                } else {
                    receipts.get(key).add(row);
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(0, null, "unreadable CSV: " + e.getMessage()));
            return new Report(0, 0, 0, 0, List.of(), problems);
        }
        int created = 0;
        int existing = 0;
        int rejected = 0;
        List<String> numbers = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : receipts.entrySet()) {
            if (bad.containsKey(e.getKey()) || e.getValue().isEmpty()) {
                rejected++;
                continue;
            }
            List<Row> rows = e.getValue();
            Optional<String> problem = consistency(rows);
            if (problem.isPresent()) {
                problems.add(new Problem(rows.get(0).line(), "receipt_ref", problem.get()));
                rejected++;
                continue;
            }
            try {
                Outcome outcome = Transient.retry(() -> db.tx(tx -> createOrder(tx, rows, problems)));
                switch (outcome.kind()) {
                    case CREATED -> {
                        created++;
                        numbers.add(outcome.number());
                    }
                    case EXISTING -> existing++;
                    case REJECTED -> rejected++;
                }
            } catch (DataAccessException ex) {
                if (Transient.isDuplicate(ex)) {
                    existing++;
                } else {
                    throw ex;
                }
            }
        }
        return new Report(receipts.size(), created, existing, rejected, numbers, problems);
    }

    /** Creates the receipt's order; EXISTING when imported before, REJECTED (with problems added) when invalid. */
    private Outcome createOrder(io.brique.core.db.Tx tx, List<Row> rows, List<Problem> problems) {
        DSLContext dsl = tx.dsl();
        Row first = rows.get(0);
        StoreRecord store = stores.byCode(dsl, first.storeCode()).orElse(null);
        if (store == null) {
            for (Row r : rows) {
                problems.add(new Problem(r.line(), "store_code", "unknown store " + first.storeCode()));
            }
            return new Outcome(Kind.REJECTED, null);
        }
        if (orders.existsExternal(dsl, store.getId(), first.receipt())) {
            return new Outcome(Kind.EXISTING, null);
        }
        List<Long> variantIds = new ArrayList<>();
        boolean missing = false;
        for (Row r : rows) {
            Optional<Long> id = catalog.variantIdBySku(dsl, r.sku());
            if (id.isEmpty()) {
                problems.add(new Problem(r.line(), "sku", "unknown sku " + r.sku()));
                missing = true;
            } else {
                variantIds.add(id.get());
            }
        }
        if (missing) {
            return new Outcome(Kind.REJECTED, null);
        }
        var variants = catalog.variants(dsl, variantIds, defaultLang);
        Map<String, Integer> rates = taxRates.forCountry(dsl, store.getCountryCode());
        CustomerRecord customer = first.email() == null ? null : customers.byEmail(dsl, first.email()).orElse(null);
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        long subtotal = 0;
        long tax = 0;
        List<OrderLineRecord> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            var v = variants.get(variantIds.get(i));
            int bp = rates.getOrDefault(v.taxClass(), rates.getOrDefault("standard", 0));
            long total = Math.multiplyExact(r.unitPriceMinor(), (long) r.quantity());
            long lineTax = VatMath.includedTax(total, bp);
            subtotal = Math.addExact(subtotal, total);
            tax += lineTax;
            OrderLineRecord ol = new OrderLineRecord();
            ol.setVariantId(v.variantId());
            ol.setProductId(v.productId());
            ol.setSku(v.sku());
            ol.setName(v.name() == null ? v.sku() : v.name());
            ol.setOptionsLabel(v.optionsLabel());
            ol.setQuantity(r.quantity());
            ol.setUnitPriceMinor(r.unitPriceMinor());
            ol.setTaxRateBp(bp);
            ol.setLineTotalMinor(total);
            ol.setLineTaxMinor(lineTax);
            lines.add(ol);
        }
        OrdersRecord o = new OrdersRecord();
        o.setChannel("store");
        o.setStatus(OrderService.DELIVERED);
        o.setCustomerId(customer == null ? null : customer.getId());
        o.setEmail(first.email() == null ? "" : first.email());
        o.setLocale(customer == null ? defaultLang : customer.getLocale());
        o.setCurrency(first.currency());
        o.setSubtotalMinor(subtotal);
        o.setDiscountMinor(0L);
        o.setShippingMinor(0L);
        o.setTaxMinor(tax);
        o.setTotalMinor(subtotal);
        o.setRefundedMinor(0L);
        o.setShippingMethod("in_store");
        o.setStoreId(store.getId());
        o.setPaymentMethod("in_store");
        o.setAddrFirstName(first.firstName());
        o.setAddrLastName(first.lastName());
        o.setAddrCountry(store.getCountryCode());
        o.setExternalRef(first.receipt());
        o.setPlacedAt(first.soldAt());
        o.setUpdatedAt(now);
        o.setVersion(0);
        long id = orders.insert(dsl, o);
        String number = numberPrefix + String.format(Locale.ROOT, "%06d", id);
        orders.setNumber(dsl, id, number);
        List<Events.OrderLine> eventLines = new ArrayList<>();
        for (OrderLineRecord ol : lines) {
            ol.setOrderId(id);
            orders.insertLine(dsl, ol);
            eventLines.add(new Events.OrderLine(ol.getVariantId(), ol.getProductId(), ol.getSku(), ol.getName(),
                    ol.getQuantity(), ol.getUnitPriceMinor(), ol.getLineTotalMinor(), ol.getTaxRateBp()));
        }
        lines.stream().sorted(java.util.Comparator.comparing(OrderLineRecord::getVariantId)).forEach(ol -> {
            int delta = stock.sellOffline(dsl, ol.getVariantId(), ol.getQuantity());
            stock.movement(dsl, ol.getVariantId(), delta, 0, "store_sale", number, now);
        });
        orders.insertStatusChange(dsl, id, null, OrderService.DELIVERED, "store sale " + first.receipt(), "import", now);
        orders.insertPayment(dsl, id, "store", "in_store", "captured", subtotal, first.currency(), first.receipt(), now);
        events.publish(tx, new Events.OrderPlaced(id, number, "store", o.getCustomerId(), o.getEmail(),
                o.getCurrency(), subtotal, 0, 0, tax, subtotal, null, store.getId(), eventLines));
        return new Outcome(Kind.CREATED, number);
    }

    private static Optional<String> consistency(List<Row> rows) {
        Row f = rows.get(0);
        for (Row r : rows) {
            if (!r.currency().equals(f.currency()) || !java.util.Objects.equals(r.email(), f.email())
                    || !r.soldAt().equals(f.soldAt())) {
                return Optional.of("rows of receipt " + f.receipt() + " disagree on sold_at, currency or email (line "
                        + r.line() + ")");
            }
        }
        return Optional.empty();
    }

    private Row parseRow(CSVRecord rec, Map<String, Integer> index, long line, List<Problem> problems) {
        if (!rec.isConsistent()) {
            problems.add(new Problem(line, null, "expected " + index.size() + " columns, found " + rec.size()));
            return null;
        }
        String receipt = cell(rec, index, "receipt_ref");
        String storeCode = cell(rec, index, "store_code");
        String soldAtRaw = cell(rec, index, "sold_at");
        String sku = cell(rec, index, "sku");
        String qtyRaw = cell(rec, index, "quantity");
        String priceRaw = cell(rec, index, "unit_price");
        String cur = cell(rec, index, "currency");
        String email = cell(rec, index, "email");
        String firstName = cell(rec, index, "first_name");
        String lastName = cell(rec, index, "last_name");
        int before = problems.size();
        req(problems, line, "receipt_ref", receipt, 100);
        req(problems, line, "store_code", storeCode, 30);
        req(problems, line, "sku", sku, 64);
        LocalDateTime soldAt = null;
        if (req(problems, line, "sold_at", soldAtRaw, 40)) {
            try {
                soldAt = OffsetDateTime.parse(soldAtRaw).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            } catch (java.time.DateTimeException e) {
                try {
                    soldAt = LocalDateTime.parse(soldAtRaw);
                } catch (java.time.DateTimeException e2) {
                    problems.add(new Problem(line, "sold_at", "not an ISO-8601 date-time"));
                }
            }
            // ISO-8601 allows years like +999999999 that no database column holds (found by fuzzing)
            if (soldAt != null && (soldAt.getYear() < 2000
                    || soldAt.isAfter(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).plusDays(1)))) {
                problems.add(new Problem(line, "sold_at", "out of range: from 2000 to today"));
                soldAt = null;
            }
        }
        int qty = 0;
        if (req(problems, line, "quantity", qtyRaw, 6)) {
            try {
                qty = Integer.parseInt(qtyRaw);
                if (qty < 1 || qty > 10_000) {
                    problems.add(new Problem(line, "quantity", "must be between 1 and 10000"));
                }
            } catch (NumberFormatException e) {
                problems.add(new Problem(line, "quantity", "not a whole number"));
            }
        }
        if (req(problems, line, "currency", cur, 3) && !currency.equals(cur)) {
            problems.add(new Problem(line, "currency", "only " + currency + " is accepted"));
        }
        long price = 0;
        if (req(problems, line, "unit_price", priceRaw, 20) && currency.equals(cur)) {
            try {
                BigDecimal d = new BigDecimal(priceRaw);
                if (d.signum() < 0) {
                    problems.add(new Problem(line, "unit_price", "must not be negative"));
                } else {
                    price = Money.parse(priceRaw, currency).minor();
                }
            } catch (NumberFormatException | ArithmeticException e) {
                problems.add(new Problem(line, "unit_price", "not a valid amount"));
            }
        }
        String normEmail = email == null ? null : email.toLowerCase(Locale.ROOT);
        if (normEmail != null && new Checks().email("email", normEmail).hasErrors()) {
            problems.add(new Problem(line, "email", "not a valid e-mail address"));
        }
        if (firstName != null && firstName.length() > 100) {
            problems.add(new Problem(line, "first_name", "too long"));
        }
        if (lastName != null && lastName.length() > 100) {
            problems.add(new Problem(line, "last_name", "too long"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Row(line, receipt, storeCode, soldAt, sku, qty, price, cur, normEmail, firstName, lastName);
    }

    private static boolean req(List<Problem> problems, long line, String col, String v, int max) {
        if (v == null) {
            problems.add(new Problem(line, col, "required"));
            return false;
        }
        if (v.length() > max) {
            problems.add(new Problem(line, col, "longer than " + max + " characters"));
            return false;
        }
        return true;
    }

    private static String cell(CSVRecord rec, Map<String, Integer> index, String col) {
        Integer i = index.get(col);
        if (i == null || i >= rec.size()) {
            return null;
        }
        String v = rec.get(i);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
