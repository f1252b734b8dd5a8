package io.brique.example.hello;

import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import io.brique.api.plugin.PluginContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Counts placed orders into the plugin's own table. Events arrive after the order committed, at
 * least once: the event id is the table's key, so a redelivery is recognised and ignored.
 */
@Extension
public class OrderCounter implements DomainEventListener {

    private final PluginContext context;

    public OrderCounter(PluginContext context) {
        this.context = context;
    }

    /** The host stores this listener's delivery position under this name: keep it stable. */
    @Override
    public String name() {
        return "order-counter";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("order.placed");
    }

    @Override
    public void onEvent(EventEnvelope envelope) throws SQLException {
        if (!(envelope.event() instanceof Events.OrderPlaced order)) {
            return;
        }
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO " + context.tablePrefix()
                        + "orders (event_id, order_number, total_minor, currency, counted_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, envelope.eventId());
            s.setString(2, order.number());
            s.setLong(3, order.totalMinor());
            s.setString(4, order.currency());
            s.setTimestamp(5, Timestamp.from(context.clock().instant()));
            s.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return; // integrity constraint: this event id was counted already (redelivery)
            }
            throw e; // anything else: the host retries later with back-off
        }
    }
}
