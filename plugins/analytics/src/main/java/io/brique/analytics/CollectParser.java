package io.brique.analytics;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one batch of GA4-shaped events and turns it into {@link Hit}s, all or nothing:
 * <pre>{"client_id": "...", "user_id": "...", "consent": true,
 *  "events": [{"name": "add_to_cart", "ts": 1767225600000,
 *              "params": {"page_location": "...", "page_referrer": "...", "value": 12.5, "currency": "EUR"},
 *              "items": [{"item_id": "SKU1", "item_name": "Mug", "item_category": "Kitchen", "price": 12.5, "quantity": 1}]}]}</pre>
 * Any error rejects the whole batch with field-level messages.
 */
final class CollectParser {

    static final int MAX_EVENTS = 50;
    static final int MAX_ITEMS = 200; // GA4's limit per event
    static final Set<String> NAMES = Set.of("page_view", "view_item", "view_item_list", "select_item", "search",
            "add_to_cart", "remove_from_cart", "view_cart", "begin_checkout", "add_shipping_info", "add_payment_info",
            "purchase", "refund", "sign_up", "login", "click");

    record Error(String field, String message) {
    }

    static final class BadInput extends Exception {
        final List<Error> errors;

        BadInput(List<Error> errors) {
            super(errors.isEmpty() ? "bad input" : errors.get(0).field() + ": " + errors.get(0).message());
            this.errors = List.copyOf(errors);
        }
    }

    /** What the request tells beyond its body. */
    record Origin(Instant now, boolean consentedMode, boolean optedOut, boolean trusted, String visitorKeyFallback,
            Long sessionCustomerId, String shopHost) {
    }

    private final Ids ids;
    private final List<Error> errors = new ArrayList<>();

    CollectParser(Ids ids) {
        this.ids = ids;
    }

    List<Hit> parse(String body, Origin origin) throws BadInput {
        Object root;
        try {
            root = Json.parse(body);
        } catch (Json.Malformed e) {
            throw new BadInput(List.of(new Error("body", "malformed JSON: " + e.getMessage())));
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new BadInput(List.of(new Error("body", "a JSON object is expected")));
        }
        String clientId = text(top, "client_id", "client_id", 64);
        if (clientId != null && !clientId.matches("[A-Za-z0-9._-]{6,64}")) {
            error("client_id", "6 to 64 letters, digits, '.', '_' or '-'");
        }
        String userId = text(top, "user_id", "user_id", 64);
        Long userCustomer = null;
        if (userId != null) {
            try {
                userCustomer = Long.parseLong(userId);
            } catch (NumberFormatException e) {
                error("user_id", "a customer number is expected");
            }
        }
        Object consentValue = top.get("consent");
        if (consentValue != null && !(consentValue instanceof Boolean)) {
            error("consent", "true or false expected");
        }
        boolean identified = origin.consentedMode() && !origin.optedOut() && Boolean.TRUE.equals(consentValue);
        Object evs = top.get("events");
        if (!(evs instanceof List<?> events) || events.isEmpty()) {
            error("events", "a non-empty array is expected");
            throw new BadInput(errors);
        }
        if (events.size() > MAX_EVENTS) {
            error("events", "at most " + MAX_EVENTS + " events per batch");
            throw new BadInput(errors);
        }
        Long customerId = identified ? (userCustomer != null ? userCustomer : origin.sessionCustomerId()) : null;
        String visitorKey = identified && clientId != null ? "v:" + clientId
                : identified && customerId != null ? "c:" + customerId : origin.visitorKeyFallback();
        List<Hit> hits = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Hit h = event(events.get(i), "events[" + i + "]", origin, identified, visitorKey, customerId);
            if (h != null) {
                hits.add(h);
            }
        }
        if (!errors.isEmpty()) {
            throw new BadInput(errors);
        }
        return hits;
    }

    private void error(String field, String message) {
        if (errors.size() < 20) {
            errors.add(new Error(field, message));
        }
    }

    private Hit event(Object o, String at, Origin origin, boolean identified, String visitorKey, Long customerId) {
        if (!(o instanceof Map<?, ?> e)) {
            error(at, "an object is expected");
            return null;
        }
        String name = text(e, "name", at + ".name", 40);
        if (name == null) {
            error(at + ".name", "required");
            return null;
        }
        if (!NAMES.contains(name)) {
            error(at + ".name", "unknown event name '" + name + "'");
            return null;
        }
        Instant when = origin.now();
        Object ts = e.get("ts");
        if (ts != null) {
            if (!(ts instanceof BigDecimal n) || n.scale() > 0 || n.signum() < 0 || n.compareTo(BigDecimal.valueOf(9_999_999_999_999L)) > 0) {
                error(at + ".ts", "milliseconds since 1970 expected");
                return null;
            }
            when = Instant.ofEpochMilli(n.longValue());
            if (when.isAfter(origin.now().plusSeconds(300))) {
                error(at + ".ts", "more than 5 minutes in the future");
            } else if (!origin.trusted() && when.isBefore(origin.now().minusSeconds(72 * 3600))) {
                error(at + ".ts", "older than 72 hours (backfill needs the import token)");
            }
        }
        Object p = e.get("params");
        Map<?, ?> params = Map.of();
        if (p != null) {
            if (!(p instanceof Map<?, ?> m)) {
                error(at + ".params", "an object is expected");
                return null;
            }
            params = m;
        }
        String pa = at + ".params.";
        String page = text(params, "page_location", pa + "page_location", 512);
        String referrer = text(params, "page_referrer", pa + "page_referrer", 512);
        String currency = text(params, "currency", pa + "currency", 3);
        if (currency != null) {
            currency = currency(currency, pa + "currency");
        }
        Long value = money(params.get("value"), currency, pa + "value");
        String transactionId = text(params, "transaction_id", pa + "transaction_id", 64);
        String searchTerm = text(params, "search_term", pa + "search_term", 200);
        Integer resultCount = integer(params.get("result_count"), pa + "result_count");
        String target = text(params, "item_list_name", pa + "item_list_name", 200);
        if (target == null) {
            target = text(params, "link_url", pa + "link_url", 200);
        }
        String cart = text(params, "cart", pa + "cart", 40);
        if (cart != null) {
            if (!cart.matches("cart:[0-9a-f]{24}")) {
                error(pa + "cart", "a cart key as the tracker sends it");
            }
            target = cart;
        }
        if ((name.equals("purchase") || name.equals("refund")) && transactionId == null) {
            error(pa + "transaction_id", "required for " + name);
        }
        if (name.equals("purchase") && (value == null || currency == null)) {
            error(pa + "value", "value and currency are required for purchase");
        }
        // traffic source of a landing: UTM parameters of the page, or an outside referrer
        String source = text(params, "source", pa + "source", 100);
        String medium = text(params, "medium", pa + "medium", 100);
        String campaign = text(params, "campaign", pa + "campaign", 100);
        boolean clickId = false;
        if (page != null) {
            Map<String, String> q = query(page);
            source = source != null ? source : cut(q.get("utm_source"));
            medium = medium != null ? medium : cut(q.get("utm_medium"));
            campaign = campaign != null ? campaign : cut(q.get("utm_campaign"));
            clickId = q.containsKey("gclid") || q.containsKey("msclkid") || q.containsKey("fbclid") && medium != null;
        }
        String refHost = referrer == null ? null : host(referrer);
        String shopHost = origin.shopHost() != null ? origin.shopHost() : page == null ? null : host(page);
        boolean outsideReferrer = refHost != null && !Channels.sameSite(refHost, shopHost);
        String channel = null;
        if (source != null || medium != null || campaign != null || clickId || outsideReferrer
                || name.equals("page_view") && referrer == null && e.containsKey("landing")) {
            channel = Channels.classify(source, medium, outsideReferrer ? refHost : null, shopHost, clickId);
            if (source == null && outsideReferrer) {
                source = refHost;
            }
        }
        if (!identified) {
            campaign = null; // audience mode: no campaign-level reporting
            medium = null;
        }
        List<Hit.Item> items = items(e.get("items"), at + ".items", currency);
        // a server-to-server import may name the customer per event (GA4's user_id, here per event)
        String eventUser = text(e, "user_id", at + ".user_id", 64);
        if (eventUser != null && identified) {
            try {
                customerId = Long.parseLong(eventUser);
                if (!visitorKey.startsWith("v:")) {
                    visitorKey = "c:" + customerId;
                }
            } catch (NumberFormatException x) {
                error(at + ".user_id", "a customer number is expected");
            }
        }
        return new Hit(ids.next(origin.now().toEpochMilli()), null, when, name, "web", visitorKey,
                identified ? customerId : null, identified, page == null ? null : pathOf(page),
                outsideReferrer ? refHost : null, channel, channel == null ? null : source, medium, campaign, value,
                currency, transactionId, searchTerm, resultCount, target, items == null ? List.of() : items);
    }

    private List<Hit.Item> items(Object o, String at, String currency) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> list)) {
            error(at, "an array is expected");
            return null;
        }
        if (list.size() > MAX_ITEMS) {
            error(at, "at most " + MAX_ITEMS + " items");
            return null;
        }
        List<Hit.Item> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String f = at + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                error(f, "an object is expected");
                continue;
            }
            String id = text(m, m.containsKey("item_id") ? "item_id" : "id", f + ".item_id", 64);
            if (id == null) {
                error(f + ".item_id", "required");
            }
            String nm = text(m, m.containsKey("item_name") ? "item_name" : "name", f + ".item_name", 200);
            String cat = text(m, m.containsKey("item_category") ? "item_category" : "category", f + ".item_category", 100);
            Long price = money(m.get("price"), currency, f + ".price");
            if (price != null && currency == null) {
                error(f + ".price", "a price needs params.currency");
            }
            Integer qty = integer(m.get("quantity"), f + ".quantity");
            if (qty != null && (qty < 1 || qty > 100_000)) {
                error(f + ".quantity", "between 1 and 100000");
            }
            out.add(new Hit.Item(id == null ? "" : id, nm, cat, price, qty == null ? 1 : qty));
        }
        return out;
    }

    private String text(Map<?, ?> m, String key, String field, int max) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            error(field, "a string is expected");
            return null;
        }
        if (s.length() > max) {
            error(field, "longer than " + max + " characters");
            return null;
        }
        return s.isBlank() ? null : s.trim();
    }

    private String currency(String code, String field) {
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            error(field, "an ISO 4217 code is expected");
            return null;
        }
    }

    private Long money(Object v, String currency, String field) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof BigDecimal n)) {
            error(field, "a number is expected");
            return null;
        }
        int digits = currency == null ? 2 : Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        BigDecimal minor = n.movePointRight(digits);
        if (minor.stripTrailingZeros().scale() > 0) {
            error(field, "more decimals than the currency has");
            return null;
        }
        if (minor.abs().compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
            error(field, "out of range");
            return null;
        }
        return minor.longValueExact();
    }

    private Integer integer(Object v, String field) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof BigDecimal n) || n.stripTrailingZeros().scale() > 0 || n.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            error(field, "an integer is expected");
            return null;
        }
        return n.intValue();
    }

    private static String cut(String s) {
        return s == null || s.isBlank() ? null : s.length() > 100 ? s.substring(0, 100) : s;
    }

    static String host(String url) {
        try {
            String h = URI.create(url.trim()).getHost();
            return h == null ? null : h.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String pathOf(String url) {
        try {
            URI u = URI.create(url.trim());
            String path = u.getRawPath();
            return path == null || path.isEmpty() ? "/" : path.length() > 512 ? path.substring(0, 512) : path;
        } catch (IllegalArgumentException e) {
            return url.length() > 512 ? url.substring(0, 512) : url;
        }
    }

    static Map<String, String> query(String url) {
        Map<String, String> out = new java.util.HashMap<>();
        try {
            String q = URI.create(url.trim()).getRawQuery();
            if (q == null) {
                return out;
            }
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            }
        } catch (IllegalArgumentException e) {
            // unreadable URL: no campaign
        }
        return out;
    }

    static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
