package io.brique.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testkit.BriqueTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ledger on a real database (H2, then MariaDB): balances, FIFO, reversal, expiry, concurrency, replays. */
@Tag("db")
class LedgerTest {

    BriqueTestServer shop;
    LoyaltyService loyalty;
    LedgerService ledger;

    @BeforeEach
    void start() {
        shop = BriqueTestServer.start();
        shop.installFolder(Path.of("target/classes"));
        loyalty = new LoyaltyService(shop.pluginContext("loyalty"));
        ledger = loyalty.ledger();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private long earn(long customer, long points, String key, Instant expires) {
        return ledger.earn(new LedgerService.Earn(customer, points, "bonus_test", null, key, null, expires, "test",
                "test"));
    }

    @Test
    void spendTakesTheSoonestExpiringLotsFirstAndNeverGoesNegative() {
        Instant now = Instant.now();
        earn(1, 100, "a", now.plus(Duration.ofDays(300)));
        earn(1, 50, "b", now.plus(Duration.ofDays(10)));
        earn(1, 70, "c", null);
        ledger.spend(1, 80, "BR1", "spend-1", "test", null);
        List<LedgerService.Lot> lots = ledger.lots(1);
        assertEquals(70, lots.get(0).remaining(), "a: 100 - 30 (after b)");
        assertEquals(0, lots.get(1).remaining(), "b expires first: spent in full");
        assertEquals(70, lots.get(2).remaining(), "no expiry: last");
        assertEquals(140, ledger.balance(1).available());
        LoyaltyException e = assertThrows(LoyaltyException.class, () -> ledger.spend(1, 141, "BR2", "spend-2", "t", null));
        assertEquals("insufficient_points", e.code());
        assertEquals(140, ledger.balance(1).available(), "a refused spend changes nothing");
        assertThrows(LoyaltyException.class, () -> ledger.spend(1, -5, "x", "spend-3", "t", null));
        assertThrows(LoyaltyException.class, () -> ledger.spend(1, Long.MAX_VALUE, "x", "spend-4", "t", null));
        assertTrue(ledger.reconcile().isEmpty(), ledger.reconcile().toString());
    }

    @Test
    void theSameIdempotencyKeyTwiceChangesNothing() {
        long m1 = earn(2, 100, "order:BR9", null);
        long m2 = earn(2, 100, "order:BR9", null);
        assertEquals(m1, m2);
        long s1 = ledger.spend(2, 30, "BR10", "reserve:BR10", "t", null);
        long s2 = ledger.spend(2, 30, "BR10", "reserve:BR10", "t", null);
        assertEquals(s1, s2);
        assertEquals(70, ledger.balance(2).available());
        assertEquals(2, ledger.history(2, 10).size());
    }

    @Test
    void adjustmentsNeedAReasonAndAnActorAndAreAudited() {
        assertThrows(LoyaltyException.class, () -> ledger.adjust(3, 10, " ", "admin", "adj-1", null));
        assertThrows(LoyaltyException.class, () -> ledger.adjust(3, 10, "goodwill", null, "adj-1", null));
        assertThrows(LoyaltyException.class, () -> ledger.adjust(3, 0, "goodwill", "admin", "adj-1", null));
        ledger.adjust(3, 25, "goodwill: late parcel", "alice", "adj-2", null);
        assertThrows(LoyaltyException.class, () -> ledger.adjust(3, -26, "typo", "alice", "adj-3", null),
                "a debit beyond the balance is refused");
        ledger.adjust(3, -5, "typo", "bob", "adj-4", null);
        LedgerService.Movement last = ledger.history(3, 1).get(0);
        assertEquals("adjust", last.kind());
        assertEquals(-5, last.points());
        assertEquals("bob", last.actor());
        assertEquals("typo", last.reason());
        assertEquals(20, ledger.balance(3).available());
    }

    @Test
    void pendingPointsConfirmAndLotsExpireOldestFirst() throws Exception {
        Instant now = Instant.now();
        ledger.earn(new LedgerService.Earn(4, 40, "order", "BR40", "order:BR40", now.plusSeconds(3600), null, "s", null));
        assertEquals(new LedgerService.Balance(0, 40), ledger.balance(4));
        assertEquals(0, ledger.confirmDue(), "not due yet");
        earn(4, 10, "short", now.minusSeconds(1));
        assertEquals(10, ledger.expireDue(Duration.ZERO));
        assertEquals(new LedgerService.Balance(0, 40), ledger.balance(4));
        assertTrue(ledger.reconcile().isEmpty(), ledger.reconcile().toString());
    }

    @Test
    void aRefundReversesInProportionEvenWhenThePointsWereSpent() {
        Instant now = Instant.now();
        // the order's lot is available (return window over) and mostly spent
        ledger.earn(new LedgerService.Earn(5, 100, "order", "BR50", "order:BR50", null, null, "s", null));
        earn(5, 30, "other", null);
        ledger.spend(5, 110, "BR51", "spend-51", "t", null);
        assertEquals(20, ledger.balance(5).available());
        // refund of 60 %: 60 points to take back; the lot keeps 0, the other lot 20: 20 taken, 40 shortfall
        ledger.write(5, c -> ledger.reverseIn(c, 5, "BR50", 60, "s", "refund"));
        assertEquals(0, ledger.balance(5).available(), "floored at zero");
        LedgerService.Movement rev = ledger.history(5, 1).get(0);
        assertEquals("reverse", rev.kind());
        assertEquals(-20, rev.points());
        assertEquals(40, rev.shortfall());
        // the same refund again changes nothing; a second refund to 100 % takes the next 40 as shortfall
        ledger.write(5, c -> ledger.reverseIn(c, 5, "BR50", 60, "s", "refund"));
        assertEquals(4, ledger.history(5, 100).size());
        assertTrue(ledger.reconcile().isEmpty(), ledger.reconcile().toString());
        assertTrue(now.isBefore(Instant.now().plusSeconds(1)));
    }

    @Test
    void manyConcurrentSpendsNeverOverspend() throws Exception {
        earn(6, 1000, "big", null);
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger ok = new AtomicInteger();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            all.add(pool.submit(() -> {
                try {
                    ledger.spend(6, 1000, "R" + n, "race-" + n, "t", null);
                    ok.incrementAndGet();
                } catch (LoyaltyException e) {
                    assertEquals("insufficient_points", e.code(), e.getMessage());
                }
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        assertEquals(1, ok.get(), "100 parallel redemptions of a balance covering one: exactly one succeeds");
        assertEquals(0, ledger.balance(6).available());
        assertTrue(ledger.reconcile().isEmpty(), ledger.reconcile().toString());
    }

    @Test
    void randomConcurrentOperationsKeepTheInvariants() throws Exception {
        int customers = 5;
        int operations = Integer.getInteger("loyalty.random-ops", 2000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            long seed = 42 + t;
            int thread = t;
            all.add(pool.submit(() -> {
                Random r = new Random(seed);
                for (int i = 0; i < operations / 8; i++) {
                    long customer = 100 + r.nextInt(customers);
                    String key = "t" + thread + "-" + i;
                    try {
                        switch (r.nextInt(6)) {
                            case 0, 1 -> ledger.earn(new LedgerService.Earn(customer, 1 + r.nextInt(200), "order",
                                    "O" + key, "order:" + key, r.nextBoolean() ? Instant.now().plusSeconds(60) : null,
                                    null, "t", null));
                            case 2 -> ledger.spend(customer, 1 + r.nextInt(150), "S" + key, "spend:" + key, "t", null);
                            case 3 -> {
                                String ref = "O" + "t" + thread + "-" + r.nextInt(i + 1);
                                long target = 1 + r.nextInt(100);
                                ledger.write(customer, c -> ledger.reverseIn(c, customer, ref, target, "t", "refund"));
                            }
                            case 4 -> ledger.adjust(customer, r.nextInt(2) == 0 ? 1 + r.nextInt(20) : -1 - r.nextInt(20),
                                    "random", "t", "adj:" + key, null);
                            default -> {
                                // replay an earlier key: nothing may change
                                ledger.spend(customer, 1, "S", "spend:t" + thread + "-" + r.nextInt(i + 1), "t", null);
                            }
                        }
                    } catch (LoyaltyException e) {
                        if (!"insufficient_points".equals(e.code())) {
                            throw e;
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        assertTrue(ledger.reconcile().isEmpty(), ledger.reconcile().toString());
        for (int c = 0; c < customers; c++) {
            LedgerService.Balance b = ledger.balance(100 + c);
            long lots = ledger.lots(100 + c).stream().filter(l -> l.status().equals("available"))
                    .mapToLong(LedgerService.Lot::remaining).sum();
            assertEquals(lots, b.available(), "sum(lot.remaining) == available balance");
            assertTrue(b.available() >= 0 && b.pending() >= 0);
        }
    }
}
