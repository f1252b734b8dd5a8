package io.brique.analytics;

import io.brique.api.plugin.PluginContext;
import io.brique.api.segment.CustomerSegment;
import io.brique.api.segment.CustomerSegments;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/** Serves the customer segments to other bricks (SDK {@link CustomerSegments}) from memory. */
@Extension
public class SegmentProvider implements CustomerSegments {

    private final PluginContext context;

    public SegmentProvider(PluginContext context) {
        this.context = context;
    }

    static CustomerSegment toSdk(Segments.Customer c) {
        return new CustomerSegment(c.customerId(), c.maturity(), c.channel(), c.r(), c.f(), c.m(), c.rfmSegment(),
                c.topCategory(), c.orders(), c.lastOrder());
    }

    @Override
    public Optional<CustomerSegment> segmentOf(long customerId) {
        try {
            return Optional.ofNullable(Analytics.of(context).segments().get(customerId)).map(SegmentProvider::toSdk);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Long> members(String segment, int limit) {
        try {
            return Analytics.of(context).segments().values().stream()
                    .filter(c -> segment.equals(c.maturity()) || segment.equals(c.rfmSegment()) || segment.equals(c.channel()))
                    .map(Segments.Customer::customerId).limit(Math.max(0, limit)).toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
