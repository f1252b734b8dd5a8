package io.brique.core.slot;

import io.brique.api.storefront.SlotContext;
import io.brique.api.storefront.SlotRenderer;
import io.brique.api.storefront.Slots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of storefront slot renderers (core-owned; empty by default, so slots render nothing).
 * Every call into a renderer is guarded: a renderer that throws or exceeds its time budget
 * contributes nothing, the page still renders, and the failure is reported to the plugin host
 * (which disables a plugin that keeps failing). Renderers of one page run in parallel on virtual
 * threads, so the page waits at most one budget for all of them.
 */
public final class SlotService {

    private static final Logger LOG = LoggerFactory.getLogger(SlotService.class);

    /** Told about each failed or timed-out renderer call: owner, hook, error. */
    public interface FailureListener {
        void failed(String owner, String hook, String error);
    }

    private record Registered(String owner, SlotRenderer renderer,
            java.util.function.Predicate<SlotContext> active) {
    }

    private final List<Registered> renderers = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final long budgetNanos;
    private volatile FailureListener failureListener = (o, h, e) -> { };

    public SlotService(Duration budget) {
        this.budgetNanos = budget.toNanos();
    }

    public void onFailure(FailureListener listener) {
        this.failureListener = listener;
    }

    public void register(String owner, SlotRenderer renderer) {
        register(owner, renderer, c -> true);
    }

    /**
     * A renderer that only runs on the pages {@code active} accepts (the core's own, e.g. recommendations
     * on the product page while a provider is enabled): no task at all elsewhere.
     */
    public void register(String owner, SlotRenderer renderer, java.util.function.Predicate<SlotContext> active) {
        if (!Slots.ALL.contains(renderer.slot())) {
            throw new IllegalArgumentException("unknown slot '" + renderer.slot() + "'; slots are " + Slots.ALL);
        }
        renderers.add(new Registered(owner, renderer, active));
    }

    public void unregisterOwner(String owner) {
        renderers.removeIf(r -> r.owner().equals(owner));
    }

    /** HTML per slot name for a page; slots nobody fills map to the empty string. */
    public Map<String, String> renderAll(SlotContext context) {
        Map<String, String> out = new HashMap<>();
        for (String slot : Slots.ALL) {
            out.put(slot, "");
        }
        if (renderers.isEmpty()) {
            return out;
        }
        List<Registered> sorted = renderers.stream().filter(r -> r.active().test(context))
                .sorted(Comparator.comparingInt(r -> r.renderer().order())).toList();
        if (sorted.isEmpty()) {
            return out;
        }
        List<Future<String>> futures = new ArrayList<>(sorted.size());
        for (Registered r : sorted) {
            futures.add(executor.submit(() -> r.renderer().render(context)));
        }
        long deadline = System.nanoTime() + budgetNanos;
        Map<String, StringBuilder> html = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            Registered r = sorted.get(i);
            Future<String> f = futures.get(i);
            try {
                String fragment = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (fragment != null && !fragment.isEmpty()) {
                    html.computeIfAbsent(r.renderer().slot(), k -> new StringBuilder()).append(fragment);
                }
            } catch (TimeoutException e) {
                f.cancel(true);
                fail(r, context, "timed out after " + budgetNanos / 1_000_000 + " ms");
            } catch (ExecutionException e) {
                fail(r, context, String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        html.forEach((slot, sb) -> out.put(slot, sb.toString()));
        return out;
    }

    private void fail(Registered r, SlotContext context, String error) {
        LOG.warn("slot renderer of {} failed on slot {} of page {}: {}", r.owner(), r.renderer().slot(),
                context.page(), error);
        failureListener.failed(r.owner(), "slot:" + r.renderer().slot(), error);
    }
}
