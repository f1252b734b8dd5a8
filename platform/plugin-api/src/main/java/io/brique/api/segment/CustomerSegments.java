package io.brique.api.segment;

import java.util.List;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Provides customer segments (since SDK 1.1): implemented by the analytics brick, read by other
 * plugins through {@link io.brique.api.plugin.PluginContext#customerSegment(long)}. Calls are guarded
 * and time-boxed by the host: answer from memory.
 */
public interface CustomerSegments extends ExtensionPoint {

    /** The customer's segment, or empty when the customer is unknown. */
    Optional<CustomerSegment> segmentOf(long customerId);

    /** Up to {@code limit} customer ids of a maturity or RFM segment. */
    default List<Long> members(String segment, int limit) {
        return List.of();
    }
}
