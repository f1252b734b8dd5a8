package io.brique.api.storefront;

/**
 * Renders HTML into a named storefront slot (see {@link Slots}). Called on the request path: it must
 * be fast and must not block; the core guards the call and renders nothing if it fails.
 */
public interface SlotRenderer extends org.pf4j.ExtensionPoint {

    /** The slot this renderer fills, one of {@link Slots}. */
    String slot();

    /** Order among renderers of the same slot (lower first). */
    default int order() {
        return 100;
    }

    /** Safe HTML for the slot, or an empty string. */
    String render(SlotContext context);
}
