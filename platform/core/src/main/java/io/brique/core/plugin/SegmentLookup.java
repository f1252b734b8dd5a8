package io.brique.core.plugin;

import io.brique.api.segment.CustomerSegment;
import io.brique.api.segment.CustomerSegments;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code PluginContext.customerSegment}: asks the enabled segment providers in turn, each call
 * guarded and time-boxed (500 ms) by the registry; a failing or slow provider counts against its plugin.
 */
public final class SegmentLookup {

    static final Duration BUDGET = Duration.ofMillis(500);

    private SegmentLookup() {
    }

    public static Optional<CustomerSegment> of(ExtensionRegistry registry, long customerId) {
        for (ExtensionRegistry.Entry<CustomerSegments> e : registry.entries(CustomerSegments.class)) {
            Optional<CustomerSegment> found = registry.call(e, "customer-segment", BUDGET, x -> x.segmentOf(customerId),
                    Optional.empty());
            if (found != null && found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
