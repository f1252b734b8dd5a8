package io.brique.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brique.testkit.BriqueTestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A real shop with the loyalty plugin installed from target/classes and enabled, for each test. */
abstract class LoyaltyShop {

    static final String ID = "loyalty";

    BriqueTestServer shop;
    LoyaltyService loyalty;

    /**
     * Configuration overrides of the shop. The pricing and reservation budgets are raised: these tests
     * check the ledger's invariants under parallel checkouts, not the budgets (the core's
     * CartReservationTest does), and a loaded build machine must not turn a slow call into a refusal.
     */
    Map<String, String> config() {
        return Map.of("cart.adjuster-timeout", "5s", "cart.reserve-timeout", "20s");
    }

    @BeforeEach
    void startShop() {
        shop = BriqueTestServer.start(config());
        shop.installFolder(Path.of("target/classes"));
        shop.enable(ID);
        loyalty = new LoyaltyService(shop.pluginContext(ID));
    }

    @AfterEach
    void stopShop() {
        shop.close();
    }

    <T> T sql(Class<T> type, String query, Object... args) {
        return shop.brique().core().db().dsl().resultQuery(query, args).fetchOne(0, type);
    }

    /**
     * Runs {@code n} attempts on {@code threads} threads at once; an attempt either succeeds or throws a
     * {@link LoyaltyException} with {@code refusal}. Returns the number of successes.
     */
    static int race(int n, int threads, String refusal, IntConsumer attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger ok = new AtomicInteger();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            all.add(pool.submit(() -> {
                try {
                    attempt.accept(k);
                    ok.incrementAndGet();
                } catch (LoyaltyException e) {
                    assertEquals(refusal, e.code(), e.getMessage());
                }
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        return ok.get();
    }
}
