package io.brique.api.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a plugin route answers. HTML must be safe (escape what you did not write). */
public record PluginResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public PluginResponse {
        body = body == null ? new byte[0] : body.clone();
        headers = Map.copyOf(headers);
    }

    public static PluginResponse json(int status, String json) {
        return new PluginResponse(status, "application/json;charset=utf-8", json.getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    public static PluginResponse html(int status, String html) {
        return new PluginResponse(status, "text/html;charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static PluginResponse text(int status, String text) {
        return new PluginResponse(status, "text/plain;charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
