package io.brique.crm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A HubSpot-style REST connector (CRM v3 object APIs): contacts, deals with line items and tasks are
 * upserted by an external id property through the batch endpoints
 * ({@code POST /crm/v3/objects/<type>/batch/upsert}, {@code idProperty} = {@code brique_customer_key},
 * {@code brique_order_number}, {@code brique_line_key}, {@code brique_task_key}), so a redelivery
 * updates the same object; an erasure calls {@code /crm/v3/objects/contacts/gdpr-delete}. A bearer
 * private-app token authenticates. Each stage (contacts, then deals and tasks, then line items) is one
 * batch call per object type; an update counts as delivered only when all its calls got a 2xx with a
 * readable answer.
 */
final class HubSpotConnector implements Connector {

    private record Call(int item, String type, Map<String, Object> input) {
    }

    private final HttpClient http;
    private final CrmSettings.Sync s;
    private final Clock clock;

    HubSpotConnector(HttpClient http, CrmSettings.Sync settings, Clock clock) {
        this.http = http;
        this.s = settings;
        this.clock = clock;
    }

    @Override
    public int maxBatch() {
        return 100;
    }

    @Override
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        String url = UrlGuard.problem(s.hubspotBaseUrl(), Connectors.allowed(s, s.hubspotBaseUrl()), s.allowPrivate());
        if (url != null) {
            out.add("HubSpot API URL: " + url);
        }
        if (s.hubspotToken() == null || s.hubspotToken().isBlank()) {
            out.add("HubSpot private app token missing");
        }
        return out;
    }

    @Override
    public List<Outcome> deliver(List<Outbox.Item> items) {
        Outcome[] outcomes = new Outcome[items.size()];
        List<List<Call>> stages = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < items.size(); i++) {
            try {
                plan(i, items.get(i), stages);
            } catch (Json.Malformed | RuntimeException e) {
                outcomes[i] = Outcome.refused("unreadable outbox message: " + e.getMessage());
            }
        }
        for (List<Call> stage : stages) {
            Map<String, List<Call>> byType = new LinkedHashMap<>();
            for (Call call : stage) {
                if (outcomes[call.item()] == null) {
                    byType.computeIfAbsent(call.type(), t -> new ArrayList<>()).add(call);
                }
            }
            for (Map.Entry<String, List<Call>> e : byType.entrySet()) {
                Outcome o = e.getKey().equals("gdpr-delete") ? null : upsert(e.getKey(), e.getValue());
                for (Call call : e.getValue()) {
                    Outcome one = o != null ? o : gdprDelete(call.input());
                    if (!one.delivered()) {
                        outcomes[call.item()] = one;
                    }
                }
            }
        }
        List<Outcome> out = new ArrayList<>();
        for (Outcome o : outcomes) {
            out.add(o == null ? Outcome.OK : o);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private void plan(int i, Outbox.Item item, List<List<Call>> stages) throws Json.Malformed {
        Map<String, Object> m = (Map<String, Object>) Json.parse(item.payload());
        Map<String, Object> d = (Map<String, Object>) m.get("data");
        String key = item.customerKey();
        switch (item.kind()) {
            case Messages.CONTACT_UPSERT -> stages.get(0).add(new Call(i, "contacts", input("brique_customer_key", key,
                    props("email", d.get("email"), "firstname", d.get("firstName"), "lastname", d.get("lastName"),
                            "hs_language", d.get("locale"), "brique_marketing_consent", d.get("marketingConsent"),
                            "brique_customer_id", d.get("customerId")))));
            case Messages.ORDER_PLACED -> {
                if (d.get("email") != null) {
                    stages.get(0).add(new Call(i, "contacts", input("brique_customer_key", key,
                            props("email", d.get("email"), "brique_customer_id", d.get("customerId")))));
                }
                String number = (String) d.get("number");
                stages.get(1).add(new Call(i, "deals", input("brique_order_number", number, props("dealname",
                        "Order " + number, "amount", d.get("total"), "deal_currency_code", d.get("currency"),
                        "dealstage", "placed", "brique_channel", d.get("channel"), "brique_customer_key", key))));
                List<Object> lines = (List<Object>) d.get("lines");
                for (int n = 0; n < lines.size(); n++) {
                    Map<String, Object> l = (Map<String, Object>) lines.get(n);
                    stages.get(2).add(new Call(i, "line_items", input("brique_line_key", number + ":" + (n + 1),
                            props("name", l.get("name"), "hs_sku", l.get("sku"), "quantity", l.get("quantity"),
                                    "price", l.get("unitPrice"), "brique_order_number", number))));
                }
            }
            case Messages.ORDER_STATUS -> stages.get(1).add(new Call(i, "deals", input("brique_order_number",
                    d.get("number"), props("dealstage", d.get("status"), "amount", d.get("total")))));
            case Messages.ORDER_REFUNDED -> stages.get(1).add(new Call(i, "deals", input("brique_order_number",
                    d.get("number"), Boolean.TRUE.equals(d.get("fullyRefunded"))
                            ? props("brique_refunded_total", d.get("refundedTotal"), "dealstage", "refunded")
                            : props("brique_refunded_total", d.get("refundedTotal")))));
            case Messages.CART_ABANDONED -> stages.get(1).add(new Call(i, "tasks", input("brique_task_key",
                    "cart:" + d.get("cartToken"), props("hs_task_subject", "Abandoned cart · " + d.get("value") + " "
                            + d.get("currency"), "hs_task_status", "NOT_STARTED", "hs_task_body", "Cart of "
                                    + d.get("email") + ", last changed " + d.get("lastChangeAt"),
                            "brique_customer_key", key))));
            case Messages.CART_RECOVERED -> stages.get(1).add(new Call(i, "tasks", input("brique_task_key",
                    "cart:" + d.get("cartToken"), props("hs_task_status", "COMPLETED", "brique_recovered_order",
                            d.get("orderNumber")))));
            case Messages.CONTACT_ERASE -> stages.get(0).add(new Call(i, "gdpr-delete",
                    Map.of("idProperty", "brique_customer_key", "objectId", key)));
            default -> throw new IllegalArgumentException("unknown message type " + item.kind());
        }
    }

    private static Map<String, Object> input(String idProperty, Object id, Map<String, Object> properties) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("idProperty", idProperty);
        in.put("id", String.valueOf(id));
        in.put("properties", properties);
        return in;
    }

    /** Properties as HubSpot takes them: strings, nulls left out. */
    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                p.put((String) kv[i], String.valueOf(kv[i + 1]));
            }
        }
        return p;
    }

    private Outcome upsert(String type, List<Call> calls) {
        // one input per object id: the last one wins (two updates of one deal cannot share a batch anyway)
        Map<String, Object> byId = new LinkedHashMap<>();
        for (Call c : calls) {
            byId.put(String.valueOf(c.input().get("id")), c.input());
        }
        Map<String, Object> body = new HashMap<>();
        body.put("inputs", new ArrayList<>(byId.values()));
        return post("/crm/v3/objects/" + type + "/batch/upsert", Json.write(body), true);
    }

    private Outcome gdprDelete(Map<String, Object> input) {
        Outcome o = post("/crm/v3/objects/contacts/gdpr-delete", Json.write(input), false);
        // already gone: the erasure is done
        return !o.delivered() && o.error() != null && o.error().startsWith("HTTP 404") ? Outcome.OK : o;
    }

    private Outcome post(String path, String json, boolean expectResults) {
        String base = s.hubspotBaseUrl().trim();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(s.requestTimeout())
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + s.hubspotToken())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            String problem = expectResults && r.statusCode() / 100 == 2 ? readable(r.body()) : null;
            return Connector.classify(r, clock.instant(), problem);
        } catch (IOException e) {
            return Outcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry("interrupted (the shop is stopping)", null);
        }
    }

    /** Null when a batch answer is what HubSpot sends (an object with {@code results}, no {@code errors}). */
    @SuppressWarnings("unchecked")
    static String readable(String body) {
        try {
            if (!(Json.parse(body) instanceof Map<?, ?> m) || !(m.get("results") instanceof List<?>)) {
                return "an answer without results";
            }
            Object errors = ((Map<String, Object>) m).get("errors");
            if (errors instanceof List<?> l && !l.isEmpty()) {
                return "errors in the answer: " + Json.write(l).substring(0, Math.min(300, Json.write(l).length()));
            }
            return null;
        } catch (Json.Malformed e) {
            return "an unreadable answer (" + e.getMessage() + ")";
        }
    }
}
