package io.brique.testkit;

import io.brique.api.http.PluginResponse;
import io.brique.core.plugin.PluginAdminGate;
import io.brique.core.web.Csrf;
import io.brique.core.web.Ctx;
import java.io.IOException;
import java.util.Set;

/**
 * The test server's stand-in for the admin console: a plugin's ADMIN-area routes are reached as an
 * admin {@code test-admin} holding every permission ({@code *}), with the visitor's CSRF token, and
 * the plugin's answer is written as it is (no console layout). Without it (a node without the admin
 * module) plugin admin routes are refused, so plugin tests could not exercise their back-office pages.
 */
final class TestAdminGate implements PluginAdminGate {

    static final TestAdminGate INSTANCE = new TestAdminGate();

    @Override
    public AdminAccess authorize(Ctx ctx, String pluginId, String routePattern) {
        return new AdminAccess(0, "test-admin", Set.of("*"));
    }

    @Override
    public String csrfToken(Ctx ctx) {
        return Csrf.token(ctx);
    }

    @Override
    public void respond(Ctx ctx, String pluginId, AdminAccess access, PluginResponse response) throws IOException {
        ctx.resp().setStatus(response.status());
        if (response.contentType() != null) {
            ctx.resp().setContentType(response.contentType());
        }
        response.headers().forEach(ctx.resp()::setHeader);
        ctx.resp().getOutputStream().write(response.body());
    }
}
