package io.brique.core.plugin;

import static io.brique.core.db.jooq.Tables.CUSTOMER;
import static io.brique.core.db.jooq.Tables.ORDERS;
import static io.brique.core.db.jooq.Tables.ORDER_LINE;

import io.brique.api.customer.CustomerDirectory;
import io.brique.api.event.Events;
import io.brique.core.db.Database;
import io.brique.core.db.jooq.tables.records.CustomerRecord;
import io.brique.core.db.jooq.tables.records.OrderLineRecord;
import io.brique.core.db.jooq.tables.records.OrdersRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SDK's read-only {@link CustomerDirectory} (1.2) on the core's tables: one customer now, and pages
 * by id for back-fills. Reads only; plugins never see the tables themselves.
 */
public final class HostCustomerDirectory implements CustomerDirectory {

    private static final int MAX_PAGE = 1000;

    private final Database db;

    public HostCustomerDirectory(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Customer> customer(long id) {
        return Optional.ofNullable(db.dsl().selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(id)).fetchOne())
                .map(HostCustomerDirectory::customer);
    }

    @Override
    public List<Customer> customersAfter(long afterId, int limit) {
        return db.dsl().selectFrom(CUSTOMER).where(CUSTOMER.ID.gt(afterId)).orderBy(CUSTOMER.ID)
                .limit(Math.max(1, Math.min(MAX_PAGE, limit))).fetch().map(HostCustomerDirectory::customer);
    }

    @Override
    public List<Order> ordersAfter(long afterId, int limit) {
        List<OrdersRecord> orders = db.dsl().selectFrom(ORDERS).where(ORDERS.ID.gt(afterId))
                .and(ORDERS.NUMBER.isNotNull()).orderBy(ORDERS.ID).limit(Math.max(1, Math.min(MAX_PAGE, limit)))
                .fetch();
        if (orders.isEmpty()) {
            return List.of();
        }
        Map<Long, List<OrderLineRecord>> lines = db.dsl().selectFrom(ORDER_LINE)
                .where(ORDER_LINE.ORDER_ID.in(orders.stream().map(OrdersRecord::getId).toList()))
                .orderBy(ORDER_LINE.ID).fetch().stream()
                .collect(Collectors.groupingBy(OrderLineRecord::getOrderId));
        List<Order> out = new ArrayList<>();
        for (OrdersRecord o : orders) {
            List<Events.OrderLine> ls = new ArrayList<>();
            for (OrderLineRecord l : lines.getOrDefault(o.getId(), List.of())) {
                ls.add(new Events.OrderLine(l.getVariantId() == null ? 0 : l.getVariantId(),
                        l.getProductId() == null ? 0 : l.getProductId(), l.getSku(), l.getName(), l.getQuantity(),
                        l.getUnitPriceMinor(), l.getLineTotalMinor(), l.getTaxRateBp()));
            }
            out.add(new Order(new Events.OrderPlaced(o.getId(), o.getNumber(), o.getChannel(), o.getCustomerId(),
                    o.getEmail(), o.getCurrency(), o.getSubtotalMinor(), o.getDiscountMinor(), o.getShippingMinor(),
                    o.getTaxMinor(), o.getTotalMinor(), null, o.getStoreId(), ls), o.getStatus(),
                    o.getRefundedMinor(), instant(o.getPlacedAt())));
        }
        return out;
    }

    @Override
    public long customerCount() {
        return db.dsl().fetchCount(CUSTOMER);
    }

    @Override
    public long orderCount() {
        return db.dsl().fetchCount(ORDERS, ORDERS.NUMBER.isNotNull());
    }

    private static Customer customer(CustomerRecord r) {
        return new Customer(r.getId(), r.getEmail(), r.getFirstName(), r.getLastName(), r.getPhone(), r.getLocale(),
                Boolean.TRUE.equals(r.getConsentMarketing()), r.getStatus(), instant(r.getCreatedAt()));
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
