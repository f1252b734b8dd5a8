package io.brique.crm;

import io.brique.api.admin.AdminNavigation;
import io.brique.api.admin.CustomerPanel;
import io.brique.api.customer.CustomerDataHandler;
import io.brique.api.plugin.PluginContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** The merchant's side in the admin console: menu entry and permission, customer timeline, GDPR. */
public final class CrmAdmin {

    private CrmAdmin() {
    }

    @Extension
    public static class Navigation implements AdminNavigation {
        @Override
        public List<Entry> entries() {
            return List.of(new Entry(Map.of("fr", "Synchronisation CRM", "en", "CRM sync"), "/sync",
                    CrmRoutes.PERMISSION, 60));
        }

        @Override
        public List<String> permissions() {
            return List.of(CrmRoutes.PERMISSION);
        }
    }

    /**
     * The customer's timeline: orders online and in store, status changes, refunds, abandoned and
     * recovered carts (from the shop's events) and calls, e-mails, notes and field changes from the
     * CRM; with the analytics segment when that brick answers.
     */
    @Extension
    public static class Timeline implements CustomerPanel {
        private final PluginContext context;
        private final Crm crm;

        public Timeline(PluginContext context) {
            this.context = context;
            this.crm = Crm.of(context);
        }

        @Override
        public String id() {
            return "timeline";
        }

        @Override
        public String title(String lang) {
            return "fr".equals(lang) ? "Historique CRM" : "CRM timeline";
        }

        @Override
        public int order() {
            return 200;
        }

        @Override
        public String render(long customerId, String lang) {
            Map<String, Object> m = new HashMap<>();
            m.put("segment", context.customerSegment(customerId).map(s -> s.maturity()
                    + (s.channel() == null ? "" : " · " + s.channel())
                    + (s.rfmSegment() == null ? "" : " · " + s.rfmSegment())).orElse(null));
            m.put("entries", crm.timeline().of(customerId, 50).stream().map(e -> {
                Map<String, Object> v = new HashMap<>();
                v.put("at", e.occurredAt().toString().substring(0, 16).replace('T', ' '));
                v.put("source", e.source());
                v.put("sourceLabel", "crm".equals(e.source()) ? "CRM" : "fr".equals(lang) ? "Boutique" : "Shop");
                v.put("title", e.title());
                v.put("body", e.body());
                return v;
            }).toList());
            return context.templates().renderFragment("admin/sync", "timeline", lang, m);
        }
    }

    /**
     * GDPR: exports what the plugin holds on a customer; erasure deletes it here, blanks the personal
     * data of past updates, drops updates not yet sent, queues a {@code contact.erase} to the CRM
     * (the webhook receiver or HubSpot's GDPR delete removes the contact) and records that it was done.
     */
    @Extension
    public static class Data implements CustomerDataHandler {
        private final Crm crm;

        public Data(PluginContext context) {
            this.crm = Crm.of(context);
        }

        @Override
        public Map<String, Object> export(long customerId, String email) {
            Map<String, Object> out = new LinkedHashMap<>();
            ShopMirror.Customer k = crm.mirror().customer(customerId);
            out.put("customer", k == null ? null : Map.of("email", String.valueOf(k.email()), "firstName",
                    String.valueOf(k.firstName()), "lastName", String.valueOf(k.lastName()), "marketingConsent",
                    k.consentMarketing()));
            out.put("timeline", crm.timeline().of(customerId, 10_000).stream().map(e -> Map.of("at",
                    e.occurredAt().toString(), "source", e.source(), "kind", e.kind(), "title", e.title(), "body",
                    e.body() == null ? "" : e.body())).toList());
            out.put("crmUpdates", crm.outbox().ofCustomer(Messages.customerKey(customerId, null)).stream()
                    .map(r -> Map.of("type", r.kind(), "entity", r.entityId(), "status", r.status(), "at",
                            r.occurredAt().toString())).toList());
            return out;
        }

        @Override
        public String erase(long customerId, String email) {
            Instant now = crm.clock().instant();
            String key = Messages.customerKey(customerId, null);
            String eventId = "erase:" + customerId + ":" + now.toEpochMilli();
            return crm.db().tx(c -> {
                int blanked = Db.update(c, "UPDATE " + crm.db().t("outbox") + " SET payload = ?, status = CASE WHEN"
                        + " status = ? THEN status ELSE ? END WHERE customer_key = ?", "{\"erased\":true}",
                        Outbox.SENT, Outbox.DISCARDED, key);
                int timeline = crm.timeline().erase(c, customerId);
                int local = crm.mirror().eraseCustomer(c, customerId);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("customerId", customerId);
                crm.outbox().enqueue(c, eventId, key, Messages.CONTACT_ERASE, Long.toString(customerId),
                        Messages.envelope(eventId, Messages.CONTACT_ERASE, now, key, d), now, now);
                String note = "CRM: " + blanked + " update(s) blanked, " + timeline + " timeline entr(ies) and " + local
                        + " local record(s) deleted; contact deletion queued to the CRM (" + eventId + ")";
                Db.update(c, "INSERT INTO " + crm.db().t("erasure") + " (customer_id, requested_at, outbox_event_id,"
                        + " note) VALUES (?, ?, ?, ?)", customerId, now, eventId, note);
                return note;
            });
        }
    }
}
