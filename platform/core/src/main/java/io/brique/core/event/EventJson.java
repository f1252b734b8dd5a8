package io.brique.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brique.api.event.DomainEvent;

/** JSON form of events in the outbox (the payload column). */
public final class EventJson {

    private final ObjectMapper mapper;
    private final EventTypes types;

    public EventJson(ObjectMapper mapper, EventTypes types) {
        this.mapper = mapper;
        this.types = types;
    }

    public String write(DomainEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event not serialisable: " + event.type(), e);
        }
    }

    public DomainEvent read(String type, String json) {
        Class<? extends DomainEvent> cls = types.find(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
        try {
            return mapper.readValue(json, cls);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable payload for " + type + ": " + e.getOriginalMessage(), e);
        }
    }
}
