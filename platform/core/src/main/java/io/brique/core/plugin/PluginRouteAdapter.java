package io.brique.core.plugin;

import io.brique.api.http.PluginRequest;
import io.brique.api.http.PluginResponse;
import io.brique.api.http.PluginRoutes;
import io.brique.core.Core;
import io.brique.core.web.Ctx;
import io.brique.core.web.HttpProblem;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mounts a plugin's routes in the core router under its namespace and translates between the
 * servlet world and the SDK's request/response records. A route that throws answers 500 without
 * details (the error is logged with the plugin id); it never affects other routes.
 */
final class PluginRouteAdapter {

    private static final int MAX_BODY = 1 << 20;

    /** Header carrying the client's address to plugin routes (since SDK 1.1, e.g. for analytics IP truncation). */
    static final String CLIENT_IP_HEADER = "X-Brique-Client-Ip";

    private final Core core;
    private final PluginHost host;
    private volatile PluginAdminGate adminGate = PluginAdminGate.DENY;

    PluginRouteAdapter(Core core, PluginHost host) {
        this.core = core;
        this.host = host;
    }

    void useAdminGate(PluginAdminGate gate) {
        this.adminGate = java.util.Objects.requireNonNull(gate);
    }

    void register(String pluginId, PluginRoutes routes) {
        routes.register((area, method, path, handler) -> {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("plugin route paths start with '/': " + path);
            }
            String prefix = switch (area) {
                case STOREFRONT -> "/{locale}/x/" + pluginId;
                case API -> "/api/v1/plugins/" + pluginId;
                case ADMIN -> "/admin/plugins/" + pluginId;
            };
            boolean admin = area == PluginRoutes.Area.ADMIN;
            core.router().add(method.toUpperCase(java.util.Locale.ROOT), prefix + path, ctx -> handle(pluginId, ctx,
                    handler, admin ? path : null), pluginId);
        });
    }

    /** {@code adminPath} is the route's path within the plugin's admin prefix, null outside the admin area. */
    private void handle(String pluginId, Ctx ctx, PluginRoutes.Handler handler, String adminPath)
            throws java.io.IOException {
        PluginAdminGate gate = adminGate;
        PluginAdminGate.AdminAccess access = null;
        if (adminPath != null) {
            access = gate.authorize(ctx, pluginId, adminPath);
            if (access == null) {
                return; // the gate answered (login redirect, refusal)
            }
        }
        Map<String, List<String>> query = new HashMap<>();
        ctx.req().getParameterMap().forEach((k, v) -> query.put(k, List.of(v)));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            if (!name.equalsIgnoreCase(CLIENT_IP_HEADER)) {
                headers.put(name, ctx.req().getHeader(name));
            }
        }
        // the peer address as the server saw it (a client cannot forge it: its own header is dropped above)
        headers.put(CLIENT_IP_HEADER, String.valueOf(ctx.clientIp()));
        byte[] body = "GET".equals(ctx.method()) ? new byte[0] : ctx.readBody(MAX_BODY);
        String csrf = adminPath != null ? gate.csrfToken(ctx)
                : ctx.path().startsWith("/api/") ? null : io.brique.core.web.Csrf.token(ctx);
        String type = ctx.req().getContentType();
        if (body.length == 0 && type != null && type.toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            // the servlet (and the CSRF check) already parsed the form body into parameters: hand the
            // plugin its form again, without the parameters of the query string
            java.util.Set<String> inQuery = new java.util.HashSet<>();
            String qs = ctx.req().getQueryString();
            if (qs != null) {
                for (String pair : qs.split("&")) {
                    int eq = pair.indexOf('=');
                    try {
                        inQuery.add(java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                                java.nio.charset.StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException malformed) {
                        // a broken %-escape in the query string: not a form field name we can match
                    }
                }
            }
            StringBuilder form = new StringBuilder();
            ctx.req().getParameterMap().forEach((k, values) -> {
                if (!inQuery.contains(k)) {
                    for (String v : values) {
                        form.append(form.isEmpty() ? "" : "&")
                                .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                                .append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            });
            body = form.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        PluginRequest request = new PluginRequest(ctx.method(), ctx.path(), ctx.pathParams(), query, headers, body,
                ctx.lang(), core.web().visitor(ctx).customerId(), csrf,
                access == null ? null : new PluginRequest.Admin(access.id(), access.login(), access.permissions()));
        PluginResponse response;
        try {
            response = handler.handle(request);
        } catch (Exception | LinkageError e) {
            host.recordFailure(pluginId, "route", e.toString());
            org.slf4j.LoggerFactory.getLogger("plugin." + pluginId).warn("route {} failed: {}", ctx.path(), e.toString());
            throw new HttpProblem(500, "Internal Server Error", "the plugin " + pluginId + " failed on this request");
        }
        if (response == null) {
            throw new HttpProblem(500, "Internal Server Error", "the plugin " + pluginId + " gave no response");
        }
        if (access != null) {
            gate.respond(ctx, pluginId, access, response);
            return;
        }
        ctx.resp().setStatus(response.status());
        if (response.contentType() != null) {
            ctx.resp().setContentType(response.contentType());
        }
        response.headers().forEach(ctx.resp()::setHeader);
        ctx.resp().getOutputStream().write(response.body());
    }
}
