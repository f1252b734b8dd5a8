package io.brique.core.commerce.cart;

import io.brique.api.cart.CartAdjuster;
import io.brique.api.cart.CartAdjustment;
import io.brique.api.cart.CartSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core-owned registry of {@link CartAdjuster}s (empty by default). Every call is guarded: it runs
 * on a virtual thread under a time budget; one that throws, times out or returns junk contributes
 * nothing, and pricing goes on without it.
 */
public final class CartAdjusters {

    private static final Logger LOG = LoggerFactory.getLogger(CartAdjusters.class);

    private record Registered(String owner, CartAdjuster adjuster) {
    }

    private final List<Registered> adjusters = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Duration budget;
    private final AtomicLong failures = new AtomicLong();

    public CartAdjusters(Duration budget) {
        this.budget = budget;
    }

    public void register(String owner, CartAdjuster adjuster) {
        adjusters.add(new Registered(owner, adjuster));
    }

    public void unregisterOwner(String owner) {
        adjusters.removeIf(r -> r.owner().equals(owner));
    }

    public List<CartAdjustment> collect(CartSnapshot snapshot) {
        if (adjusters.isEmpty()) {
            return List.of();
        }
        List<CartAdjustment> out = new ArrayList<>();
        for (Registered r : adjusters) {
            Future<List<CartAdjustment>> f = executor.submit(() -> r.adjuster().adjust(snapshot));
            try {
                List<CartAdjustment> got = f.get(budget.toMillis(), TimeUnit.MILLISECONDS);
                if (got != null) {
                    for (CartAdjustment a : got) {
                        if (a != null && a.target() != null && a.code() != null && a.label() != null) {
                            out.add(new CartAdjustment(a.source() == null ? r.owner() : a.source(), a.code(),
                                    a.label(), a.amountMinor(), a.target()));
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                f.cancel(true);
                return out;
            } catch (Exception | LinkageError e) {
                f.cancel(true);
                failures.incrementAndGet();
                LOG.warn("cart adjuster of {} failed or was too slow, ignored: {}", r.owner(), e.toString());
            }
        }
        return out;
    }

    public long failures() {
        return failures.get();
    }
}
