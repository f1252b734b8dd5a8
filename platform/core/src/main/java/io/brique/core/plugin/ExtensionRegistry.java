package io.brique.core.plugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live extensions of each extension point, keyed by owner (a plugin id, or {@code core} for
 * the core's defaults), so call sites never null-check and stopping a plugin removes all it gave.
 * {@link #call} invokes one extension with containment: exceptions and time-outs give the fallback,
 * are counted for the owner and reported to the plugin host.
 */
public final class ExtensionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ExtensionRegistry.class);

    /** An extension and who contributed it. */
    public record Entry<T>(String owner, T extension) {
    }

    /** Told about failures (the plugin host counts them and disables repeat offenders). */
    public interface FailureListener {
        void failed(String owner, String hook, String error);
    }

    private final Map<Class<?>, List<Entry<?>>> byType = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile FailureListener failures = (o, h, e) -> { };

    public void onFailure(FailureListener listener) {
        this.failures = listener;
    }

    public <T> void register(String owner, Class<T> type, T extension) {
        byType.computeIfAbsent(type, k -> new CopyOnWriteArrayList<>()).add(new Entry<>(owner, extension));
    }

    /** Removes what an owner registered for one extension point only. */
    public void unregister(String owner, Class<?> type) {
        List<Entry<?>> list = byType.get(type);
        if (list != null) {
            list.removeIf(e -> e.owner().equals(owner));
        }
    }

    public void unregisterOwner(String owner) {
        byType.values().forEach(list -> list.removeIf(e -> e.owner().equals(owner)));
    }

    @SuppressWarnings("unchecked")
    public <T> List<Entry<T>> entries(Class<T> type) {
        List<Entry<?>> list = byType.get(type);
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<Entry<T>> out = new ArrayList<>(list.size());
        list.forEach(e -> out.add((Entry<T>) e));
        return out;
    }

    /**
     * Calls one extension within a time budget (on a virtual thread when the owner is a plugin);
     * an exception or a time-out returns {@code fallback}.
     */
    public <T, R> R call(Entry<T> entry, String hook, Duration budget, Function<T, R> body, R fallback) {
        if ("core".equals(entry.owner())) {
            return body.apply(entry.extension());
        }
        Future<R> f = executor.submit(() -> body.apply(entry.extension()));
        try {
            return f.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail(entry.owner(), hook, "timed out after " + budget.toMillis() + " ms");
        } catch (ExecutionException e) {
            fail(entry.owner(), hook, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fallback;
    }

    /** Reports a misbehaviour found by the caller (e.g. a result out of bounds) against the owner. */
    public void reportFailure(String owner, String hook, String error) {
        if (!"core".equals(owner)) {
            fail(owner, hook, error);
        }
    }

    private void fail(String owner, String hook, String error) {
        LOG.warn("{} of plugin {} failed: {}", hook, owner, error);
        failures.failed(owner, hook, error);
    }
}
