package io.brique.api.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP request as a plugin route sees it (no servlet types cross the SDK boundary).
 *
 * @param csrfToken the token a plugin's HTML form must send back in a hidden field named {@code _csrf}
 *     (every state-changing request without it is refused before it reaches the plugin); since SDK 1.1
 * @param admin the signed-in admin user on ADMIN-area routes, {@code null} elsewhere; since SDK 1.1
 */
public record PluginRequest(String method, String path, Map<String, String> pathParams,
        Map<String, List<String>> query, Map<String, String> headers, byte[] body, String locale, Long customerId,
        String csrfToken, Admin admin) {

    /** The field name of the CSRF token in forms. */
    public static final String CSRF_FIELD = "_csrf";

    public PluginRequest {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /** The SDK 1.0 shape (no CSRF token, no admin user). */
    public PluginRequest(String method, String path, Map<String, String> pathParams,
            Map<String, List<String>> query, Map<String, String> headers, byte[] body, String locale,
            Long customerId) {
        this(method, path, pathParams, query, headers, body, locale, customerId, null, null);
    }

    /** Who is signed in to the admin console, and what they may do. */
    public record Admin(long id, String login, Set<String> permissions) {
        public Admin {
            permissions = Set.copyOf(permissions);
        }

        public boolean can(String permission) {
            return permissions.contains(permission);
        }
    }

    public String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Header value by case-insensitive name. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Form fields of an {@code application/x-www-form-urlencoded} body (first value of each). */
    public Map<String, String> form() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        String text = bodyText();
        if (text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException malformed) {
                // a broken %-escape: that field is dropped, the plugin validates what it needs
            }
        }
        return out;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
