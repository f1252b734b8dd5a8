package io.brique.core.commerce.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.customer.CustomerMerges;
import io.brique.core.testing.TestApp;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Merging two accounts of one person and undoing it, on H2 and MariaDB: orders and addresses move
 * and come back, the newer consent wins and is restored, the merged account cannot be used, events
 * are published, bad requests are refused without a partial write.
 */
@Tag("db")
class CustomerMergeServiceTest {

    private static long customer(DSLContext dsl, String email, boolean marketing, LocalDateTime marketingAt) {
        dsl.query("INSERT INTO customer (email, first_name, locale, consent_marketing, consent_marketing_at, status) "
                + "VALUES (?, 'Jean', 'fr', ?, ?, 'active')", email, marketing, marketingAt).execute();
        return dsl.resultQuery("SELECT id FROM customer WHERE email = ?", email).fetchOne(0, Long.class);
    }

    private static void order(DSLContext dsl, String number, long customerId) {
        dsl.query("INSERT INTO orders (number, channel, status, customer_id, email, locale, currency, subtotal_minor, "
                + "total_minor, shipping_method, payment_method, placed_at) VALUES (?, 'web', 'paid', ?, 'x@example.com', "
                + "'fr', 'EUR', 1000, 1000, 'home', 'bank_transfer', ?)", number, customerId, LocalDateTime.of(2026, 1, 1, 0, 0))
                .execute();
    }

    private static void address(DSLContext dsl, long customerId, String line1, boolean isDefault) {
        dsl.query("INSERT INTO customer_address (customer_id, first_name, last_name, line1, postcode, city, country_code, "
                + "is_default) VALUES (?, 'Jean', 'Dupont', ?, '75001', 'Paris', 'FR', ?)", customerId, line1, isDefault).execute();
    }

    private static long count(DSLContext dsl, String sql, Object... args) {
        return dsl.resultQuery(sql, args).fetchOne(0, Long.class);
    }

    @Test
    void mergeMovesOrdersAddressesAndConsentAndUndoRestoresThem() {
        try (TestApp app = TestApp.start()) {
            DSLContext dsl = app.app().core().db().dsl();
            CustomerMergeService merges = new CustomerMergeService(app.app().core().db(), app.app().core().events(),
                    app.app().core().clock());
            long survivor = customer(dsl, "jean@example.com", false, LocalDateTime.of(2025, 1, 1, 0, 0));
            long merged = customer(dsl, "jean.dupont@example.com", true, LocalDateTime.of(2026, 3, 1, 0, 0));
            order(dsl, "S-1", survivor);
            order(dsl, "M-1", merged);
            order(dsl, "M-2", merged);
            address(dsl, survivor, "1 rue A", true);
            address(dsl, merged, "2 rue B", true);
            dsl.query("INSERT INTO web_session (id, customer_id, csrf_token, expires_at, created_at) VALUES (?, ?, ?, ?, ?)",
                    "s".repeat(64), merged, "c".repeat(43), LocalDateTime.now().plusDays(1), LocalDateTime.now()).execute();

            CustomerMerges.Merge m = merges.merge(survivor, merged, "owner@shop", "same person");
            assertEquals(2, m.ordersMoved());
            assertEquals(1, m.addressesMoved());
            assertEquals(3, count(dsl, "SELECT COUNT(*) FROM orders WHERE customer_id = ?", survivor));
            assertEquals(2, count(dsl, "SELECT COUNT(*) FROM customer_address WHERE customer_id = ?", survivor));
            assertEquals(1, count(dsl, "SELECT COUNT(*) FROM customer_address WHERE customer_id = ? AND is_default", survivor),
                    "the survivor keeps one default address");
            assertEquals(Boolean.TRUE, dsl.resultQuery("SELECT consent_marketing FROM customer WHERE id = ?", survivor)
                    .fetchOne(0, Boolean.class), "the newer consent (given on the merged account) wins");
            assertEquals("merged", dsl.resultQuery("SELECT status FROM customer WHERE id = ?", merged).fetchOne(0, String.class));
            assertEquals(0, count(dsl, "SELECT COUNT(*) FROM web_session WHERE customer_id = ?", merged), "its sessions end");
            assertEquals(1, count(dsl, "SELECT COUNT(*) FROM outbox_event WHERE type = 'customer.merged' AND aggregate_id = ?",
                    Long.toString(survivor)));
            assertThrows(CustomerMerges.MergeRefused.class, () -> merges.merge(survivor, merged, "owner@shop", null),
                    "a merged account cannot be merged again");

            order(dsl, "S-2", survivor); // placed by the person after the merge: stays with the survivor on undo
            CustomerMerges.Merge undone = merges.undo(m.id(), "owner@shop");
            assertEquals("undone", undone.status());
            assertEquals(List.of("M-1", "M-2"), dsl.resultQuery("SELECT number FROM orders WHERE customer_id = ? ORDER BY number",
                    merged).fetch(0, String.class));
            assertEquals(2, count(dsl, "SELECT COUNT(*) FROM orders WHERE customer_id = ?", survivor));
            assertEquals(1, count(dsl, "SELECT COUNT(*) FROM customer_address WHERE customer_id = ? AND is_default", merged),
                    "the moved address is the merged customer's default again");
            assertEquals(Boolean.FALSE, dsl.resultQuery("SELECT consent_marketing FROM customer WHERE id = ?", survivor)
                    .fetchOne(0, Boolean.class), "the survivor's consent before the merge is back");
            assertEquals("active", dsl.resultQuery("SELECT status FROM customer WHERE id = ?", merged).fetchOne(0, String.class));
            assertEquals(1, count(dsl, "SELECT COUNT(*) FROM outbox_event WHERE type = 'customer.merge_undone'"));
            assertEquals("owner@shop", dsl.resultQuery("SELECT undone_by FROM customer_merge WHERE id = ?", m.id())
                    .fetchOne(0, String.class), "who undid it is recorded");
            CustomerMerges.MergeRefused again = assertThrows(CustomerMerges.MergeRefused.class, () -> merges.undo(m.id(), "x"));
            assertEquals("already_undone", again.code());
            assertEquals("undone", merges.find(m.id()).orElseThrow().status());
        }
    }

    @Test
    void badRequestsAreRefusedWithoutWriting() {
        try (TestApp app = TestApp.start()) {
            DSLContext dsl = app.app().core().db().dsl();
            CustomerMergeService merges = new CustomerMergeService(app.app().core().db(), app.app().core().events(),
                    app.app().core().clock());
            long a = customer(dsl, "a@example.com", false, null);
            assertEquals("same_customer", assertThrows(CustomerMerges.MergeRefused.class,
                    () -> merges.merge(a, a, "owner", null)).code());
            assertEquals("not_found", assertThrows(CustomerMerges.MergeRefused.class,
                    () -> merges.merge(a, 987_654, "owner", null)).code());
            assertEquals("not_found", assertThrows(CustomerMerges.MergeRefused.class,
                    () -> merges.undo(987_654, "owner")).code());
            long b = customer(dsl, "b@example.com", false, null);
            assertThrows(IllegalArgumentException.class, () -> merges.merge(a, b, " ", null), "an actor is required");
            assertEquals(0, count(dsl, "SELECT COUNT(*) FROM customer_merge"));
            assertEquals(0, count(dsl, "SELECT COUNT(*) FROM outbox_event WHERE type LIKE 'customer.merge%'"));
            assertTrue(merges.find(1).isEmpty());
        }
    }
}
