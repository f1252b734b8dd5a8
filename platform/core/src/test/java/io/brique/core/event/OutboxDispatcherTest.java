package io.brique.core.event;

import static io.brique.core.db.jooq.Tables.OUTBOX_DEAD_LETTER;
import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import io.brique.core.Core;
import io.brique.core.testing.TestApp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class OutboxDispatcherTest {

    TestApp app;
    Core core;

    @BeforeEach
    void start() {
        app = TestApp.start(Map.of("events.retry-base", "5ms"));
        core = app.app().core();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    static DomainEventListener listener(String name, Consumer<EventEnvelope> body) {
        return new DomainEventListener() {
            public String name() {
                return name;
            }

            public void onEvent(EventEnvelope e) {
                body.accept(e);
            }
        };
    }

    void publish(long productId, String change) {
        core.db().txRun(tx -> core.events().publish(tx, new Events.ProductChanged(productId, change)));
    }

    @Test
    void deliversCommittedEventsOnceAndInOrder() {
        List<EventEnvelope> got = Collections.synchronizedList(new ArrayList<>());
        app.app().dispatcher().register("test", listener("orders", got::add));
        for (int i = 0; i < 60; i++) {
            publish(i % 5, "c" + i);
        }
        app.drainEvents();
        assertEquals(60, got.size());
        for (int i = 0; i < 60; i++) {
            Events.ProductChanged e = (Events.ProductChanged) got.get(i).event();
            assertEquals("c" + i, e.change());
            if (i > 0) {
                assertTrue(got.get(i).sequence() > got.get(i - 1).sequence());
            }
        }
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        List<EventEnvelope> got = Collections.synchronizedList(new ArrayList<>());
        app.app().dispatcher().register("test", listener("rollback", got::add));
        assertThrows(IllegalStateException.class, () -> core.db().txRun(tx -> {
            core.events().publish(tx, new Events.ProductChanged(1, "lost"));
            throw new IllegalStateException("business rule failed");
        }));
        publish(2, "kept");
        app.drainEvents();
        assertEquals(1, got.size());
        assertEquals("kept", ((Events.ProductChanged) got.get(0).event()).change());
        assertEquals(1, core.db().dsl().fetchCount(OUTBOX_EVENT));
    }

    @Test
    void aFailingListenerGetsTheEventAgainThenTheNextOnes() {
        AtomicInteger attempts = new AtomicInteger();
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        app.app().dispatcher().register("test", listener("flaky", e -> {
            String change = ((Events.ProductChanged) e.event()).change();
            if (change.equals("first") && attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("downstream unavailable");
            }
            got.add(change);
        }));
        publish(1, "first");
        publish(1, "second");
        app.drainEvents();
        assertEquals(List.of("first", "second"), got);
        assertEquals(3, attempts.get());
    }

    @Test
    void aPoisonEventIsDeadLetteredAndDoesNotBlockTheRest() {
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        app.app().dispatcher().register("test", listener("poisoned", e -> {
            String change = ((Events.ProductChanged) e.event()).change();
            if (change.equals("poison")) {
                throw new IllegalArgumentException("cannot handle");
            }
            got.add(change);
        }));
        publish(1, "poison");
        publish(1, "after");
        app.drainEvents();
        assertEquals(List.of("after"), got);
        assertEquals(1, core.db().dsl().fetchCount(OUTBOX_DEAD_LETTER, OUTBOX_DEAD_LETTER.CONSUMER.eq("poisoned")));
    }

    @Test
    void listenersOnlySeeTheTypesTheyAskFor() {
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        app.app().dispatcher().register("test", new DomainEventListener() {
            public String name() {
                return "customers-only";
            }

            public Set<String> eventTypes() {
                return Set.of("customer.updated");
            }

            public void onEvent(EventEnvelope e) {
                got.add(e.type());
            }
        });
        publish(1, "ignored");
        core.db().txRun(tx -> core.events().publish(tx, new Events.CustomerUpdated(7, "email")));
        app.drainEvents();
        assertEquals(List.of("customer.updated"), got);
    }

    @Test
    void twoNodesOnOneDatabaseDeliverEachEventToAListenerOnce() {
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        Consumer<EventEnvelope> count = e -> seen.computeIfAbsent(e.eventId(), k -> new AtomicInteger()).incrementAndGet();
        app.app().dispatcher().register("test", listener("cluster", count));
        try (TestApp second = TestApp.startOn(app.dbConfig(), Map.of("events.retry-base", "5ms"))) {
            second.app().dispatcher().register("test", listener("cluster", count));
            for (int i = 0; i < 100; i++) {
                publish(i, "n" + i);
                if (i % 10 == 0) {
                    second.app().dispatcher().wakeUp();
                }
            }
            app.drainEvents();
            second.drainEvents();
        }
        assertEquals(100, seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n.get() == 1), "each event delivered once: " + seen.values());
    }

    @Test
    void observationsAreWrittenInBatchesOffTheRequestPath() throws InterruptedException {
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        app.app().dispatcher().register("test", listener("views", e -> got.add(e.type())));
        for (int i = 0; i < 1000; i++) {
            core.observations().record(new Events.ProductViewed(i, "fr", null, null));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (got.size() < 1000 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1000, got.size());
        assertEquals(0, core.observations().dropped());
    }
}
