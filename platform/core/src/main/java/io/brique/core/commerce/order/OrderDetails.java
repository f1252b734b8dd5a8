package io.brique.core.commerce.order;

import io.brique.core.db.jooq.tables.records.OrderAdjustmentRecord;
import io.brique.core.db.jooq.tables.records.OrderLineRecord;
import io.brique.core.db.jooq.tables.records.OrderStatusChangeRecord;
import io.brique.core.db.jooq.tables.records.OrdersRecord;
import io.brique.core.db.jooq.tables.records.PaymentRecord;
import io.brique.core.db.jooq.tables.records.RefundRecord;
import java.util.List;

/** An order with everything that hangs off it, read in one go (pages, API, e-mails). */
public record OrderDetails(OrdersRecord order, List<OrderLineRecord> lines, List<OrderAdjustmentRecord> adjustments,
        List<OrderStatusChangeRecord> history, List<PaymentRecord> payments, List<RefundRecord> refunds,
        String storeName) {
}
