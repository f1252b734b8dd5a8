package io.brique.synonyms;

import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import io.brique.api.plugin.PluginContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Logs the shop's searches and product views per shopper session into the plugin's tables, for the
 * miner. The session is the logged-in customer ({@code c:<id>}) or the visitor id when the event has
 * one (the analytics brick's visitors); events without either are skipped. Idempotent: the event id
 * is the key, so a redelivered event is ignored.
 */
@Extension
public class SearchLog implements DomainEventListener {

    private final PluginContext context;

    public SearchLog(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "search-log";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("search.performed", "product.viewed");
    }

    static String session(Long customerId, String visitorId) {
        if (visitorId != null && !visitorId.isBlank()) {
            return "v:" + (visitorId.length() > 90 ? visitorId.substring(0, 90) : visitorId);
        }
        return customerId == null ? null : "c:" + customerId;
    }

    @Override
    public void onEvent(EventEnvelope envelope) throws SQLException {
        long at = envelope.occurredAt().toEpochMilli();
        if (envelope.event() instanceof Events.SearchPerformed s) {
            String session = session(s.customerId(), s.visitorId());
            if (session == null || s.query() == null || s.query().isBlank()) {
                return;
            }
            String q = s.query().strip();
            insert("INSERT INTO " + context.tablePrefix() + "search_log (event_id, session_key, locale, query, results,"
                    + " at_millis, seq) VALUES (?, ?, ?, ?, ?, ?, ?)", envelope.eventId(), session, s.locale(),
                    q.length() > 200 ? q.substring(0, 200) : q, s.resultCount(), at, envelope.sequence());
        } else if (envelope.event() instanceof Events.ProductViewed v) {
            String session = session(v.customerId(), v.visitorId());
            if (session != null) {
                insert("INSERT INTO " + context.tablePrefix() + "click_log (event_id, session_key, product_id, at_millis,"
                        + " seq) VALUES (?, ?, ?, ?, ?)", envelope.eventId(), session, v.productId(), at,
                        envelope.sequence());
            }
        }
    }

    private void insert(String sql, Object... values) throws SQLException {
        try (Connection c = context.dataSource().getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            p.executeUpdate();
        } catch (java.sql.SQLIntegrityConstraintViolationException e) {
            // already logged (redelivery)
        }
    }
}
