package io.brique.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.brique.core.config.BriqueConfig;
import io.brique.core.db.Database;
import io.brique.core.event.EventPublisher;
import io.brique.core.event.OutboxDispatcher;
import io.brique.core.event.ObservationRecorder;
import io.brique.core.i18n.Messages;
import io.brique.core.mail.MailOutbox;
import io.brique.core.ops.Metrics;
import io.brique.core.plugin.ExtensionRegistry;
import io.brique.core.slot.SlotService;
import io.brique.core.web.ApiTokens;
import io.brique.core.web.Router;
import io.brique.core.web.WebSupport;
import java.time.Clock;

/**
 * The shared infrastructure handed to each module's wiring at boot (constructor injection, once).
 * Not a service locator: modules take what they need from it in their constructor and keep it.
 */
public record Core(BriqueConfig config, Clock clock, Database db, ObjectMapper json, EventPublisher events,
        ObservationRecorder observations, MailOutbox mail, Messages messages, WebSupport web, Router router,
        Metrics metrics, SlotService slots, ApiTokens apiTokens, ExtensionRegistry extensions,
        OutboxDispatcher dispatcher) {

    /** This node's name in leases and per-node listeners ({@code node.id}, random when not set). */
    public String nodeId() {
        return config.get("node.id");
    }
}
