package io.brique.crm;

import io.brique.api.http.PluginRequest;
import io.brique.api.http.PluginResponse;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The signed inbound webhook: the CRM pushes calls, e-mails, notes and field changes, which land on
 * the customer's timeline. Checks, in order: a secret is configured (else 403), the timestamp is
 * within the window (401), the signature ({@code X-Crm-Signature: v1=<hex HMAC-SHA256 of timestamp +
 * "." + body>}) matches (401), the JSON is well formed and complete (400), the customer is known
 * (404), the message id was never seen (409: a replay). The replay record and the timeline entry are
 * written in one transaction: nothing half done.
 */
final class Inbound {

    static final Set<String> TYPES = Set.of("call", "email", "note", "field_change");

    private final Crm crm;

    Inbound(Crm crm) {
        this.crm = crm;
    }

    PluginResponse receive(PluginRequest req) {
        CrmSettings.Sync s = crm.settings();
        if (s.inboundSecret() == null || s.inboundSecret().isEmpty()) {
            return error(403, "inbound_disabled", "the inbound webhook has no signing secret configured");
        }
        long ts;
        try {
            ts = Long.parseLong(String.valueOf(req.header("X-Crm-Timestamp")).trim());
        } catch (NumberFormatException e) {
            return error(401, "bad_timestamp", "X-Crm-Timestamp (Unix seconds) is missing or not a number");
        }
        Instant now = crm.clock().instant();
        if (Math.abs(now.getEpochSecond() - ts) > s.inboundWindowSeconds()) {
            return error(401, "stale", "the timestamp is outside the accepted window of " + s.inboundWindowSeconds()
                    + " s");
        }
        byte[] body = req.body();
        if (!Signatures.valid(s.inboundSecret(), ts, body, req.header("X-Crm-Signature"))) {
            return error(401, "bad_signature", "X-Crm-Signature does not match the body");
        }
        Message m;
        try {
            m = Message.parse(req.bodyText());
        } catch (Json.Malformed | IllegalArgumentException | ClassCastException | DateTimeParseException e) {
            return error(400, "invalid", e.getMessage());
        }
        Long customerId = m.customerId() != null ? m.customerId() : byEmail(m.email());
        if (customerId == null || crm.mirror().customer(customerId) == null) {
            return error(404, "unknown_customer", "no customer known to the shop for this message");
        }
        long cid = customerId;
        Boolean stored = crm.db().tx(c -> {
            try {
                Db.update(c, "INSERT INTO " + crm.db().t("inbound_seen") + " (message_id, received_at) VALUES (?, ?)",
                        m.id(), now);
            } catch (SQLException e) {
                if (Db.duplicate(e)) {
                    return false;
                }
                throw e;
            }
            crm.timeline().add(c, cid, "crm", m.type(), m.title(), m.body(), "crm:" + m.id(), m.occurredAt());
            return true;
        });
        if (!stored) {
            return error(409, "replayed", "message " + m.id() + " was already received");
        }
        crm.context().count("inbound_received", 1);
        return PluginResponse.json(202, "{\"status\":\"accepted\",\"id\":" + Json.quote(m.id()) + "}");
    }

    private Long byEmail(String email) {
        if (email == null) {
            return null;
        }
        return crm.db().read(c -> Db.one(c, "SELECT customer_id FROM " + crm.db().t("customer")
                + " WHERE LOWER(email) = LOWER(?) ORDER BY customer_id LIMIT 1", rs -> rs.getLong(1), email));
    }

    int purgeSeen(Instant before) {
        return crm.db().tx(c -> Db.update(c, "DELETE FROM " + crm.db().t("inbound_seen") + " WHERE received_at < ?",
                before));
    }

    static PluginResponse error(int status, String code, String message) {
        return PluginResponse.json(status, "{\"error\":" + Json.quote(code) + ",\"message\":" + Json.quote(message)
                + "}");
    }

    /** One inbound item (see docs/crm.md). */
    record Message(String id, String type, Long customerId, String email, String title, String body,
            Instant occurredAt) {

        @SuppressWarnings("unchecked")
        static Message parse(String json) throws Json.Malformed {
            if (!(Json.parse(json) instanceof Map<?, ?> raw)) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            Map<String, Object> m = (Map<String, Object>) raw;
            String id = text(m, "id", 120, true);
            String type = text(m, "type", 30, true);
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("type must be one of " + TYPES);
            }
            Long customerId = null;
            if (m.get("customerId") != null) {
                if (!(m.get("customerId") instanceof BigDecimal n) || n.signum() <= 0 || n.scale() > 0) {
                    throw new IllegalArgumentException("customerId must be a positive integer");
                }
                customerId = n.longValueExact();
            }
            String email = text(m, "email", 254, false);
            if (customerId == null && email == null) {
                throw new IllegalArgumentException("customerId or email is required");
            }
            String title = text(m, "title", 255, false);
            String body = text(m, "body", 4000, false);
            if (type.equals("field_change")) {
                String field = text(m, "field", 100, true);
                String value = text(m, "value", 1000, false);
                title = title != null ? title : "Field " + field + " changed";
                body = field + " = " + (value == null ? "(empty)" : value);
            }
            if (title == null) {
                title = type.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + type.substring(1).replace('_', ' ');
            }
            String at = text(m, "occurredAt", 40, true);
            return new Message(id, type, customerId, email, title, body, Instant.parse(at));
        }

        private static String text(Map<String, Object> m, String key, int max, boolean required) {
            Object v = m.get(key);
            if (v == null) {
                if (required) {
                    throw new IllegalArgumentException(key + " is required");
                }
                return null;
            }
            if (!(v instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException(key + " must be a non-empty string");
            }
            if (s.length() > max) {
                throw new IllegalArgumentException(key + " is longer than " + max + " characters");
            }
            return s;
        }
    }
}
