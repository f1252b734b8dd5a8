package io.brique.core.slot;

import io.brique.api.storefront.SlotContext;
import io.brique.api.storefront.SlotRenderer;
import io.brique.api.storefront.Slots;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of storefront slot renderers (core-owned; empty by default, so slots render nothing).
 * Every call into a renderer is guarded: a renderer that throws contributes nothing and the page
 * still renders. Plugins register and unregister renderers under their id.
 */
public final class SlotService {

    private static final Logger LOG = LoggerFactory.getLogger(SlotService.class);

    private record Registered(String owner, SlotRenderer renderer) {
    }

    private final List<Registered> renderers = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    public void register(String owner, SlotRenderer renderer) {
        if (!Slots.ALL.contains(renderer.slot())) {
            throw new IllegalArgumentException("unknown slot '" + renderer.slot() + "'; slots are " + Slots.ALL);
        }
        renderers.add(new Registered(owner, renderer));
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
        List<Registered> sorted = renderers.stream()
                .sorted(Comparator.comparingInt(r -> r.renderer().order())).toList();
        Map<String, StringBuilder> html = new HashMap<>();
        for (Registered r : sorted) {
            try {
                String fragment = r.renderer().render(context);
                if (fragment != null && !fragment.isEmpty()) {
                    html.computeIfAbsent(r.renderer().slot(), k -> new StringBuilder()).append(fragment);
                }
            } catch (RuntimeException | LinkageError e) {
                failures.incrementAndGet();
                LOG.warn("slot renderer of {} failed on slot {} of page {}: {}", r.owner(), r.renderer().slot(),
                        context.page(), e.toString());
            }
        }
        html.forEach((slot, sb) -> out.put(slot, sb.toString()));
        return out;
    }

    public long failures() {
        return failures.get();
    }
}
