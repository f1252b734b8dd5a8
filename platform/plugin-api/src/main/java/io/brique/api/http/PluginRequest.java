package io.brique.api.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** An HTTP request as a plugin route sees it (no servlet types cross the SDK boundary). */
public record PluginRequest(String method, String path, Map<String, String> pathParams,
        Map<String, List<String>> query, Map<String, String> headers, byte[] body, String locale, Long customerId) {

    public PluginRequest {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
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

    @Override
    public byte[] body() {
        return body.clone();
    }
}
