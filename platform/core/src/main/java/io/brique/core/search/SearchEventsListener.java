package io.brique.core.search;

import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import java.util.Set;

/** Feeds this node's {@link PopularQueries} with the searches performed anywhere in the cluster. */
public final class SearchEventsListener implements DomainEventListener {

    private final PopularQueries popular;
    private final String nodeId;

    public SearchEventsListener(PopularQueries popular, String nodeId) {
        this.popular = popular;
        this.nodeId = nodeId;
    }

    @Override
    public String name() {
        return "search-popular@" + nodeId;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("search.performed");
    }

    @Override
    public void onEvent(EventEnvelope envelope) {
        if (envelope.event() instanceof Events.SearchPerformed s) {
            popular.record(s.query(), s.locale(), s.resultCount());
        }
    }
}
