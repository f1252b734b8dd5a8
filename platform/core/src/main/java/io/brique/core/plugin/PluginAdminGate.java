package io.brique.core.plugin;

import io.brique.api.http.PluginResponse;
import io.brique.core.web.Ctx;
import io.brique.core.web.HttpProblem;
import java.io.IOException;
import java.util.Set;

/**
 * Guards the ADMIN-area routes of plugins ({@code /admin/plugins/<id>/...}) and presents their answers.
 * The admin console implements it; without an admin module every such request is refused ({@link #DENY}),
 * so a plugin's back-office page can never be reached without an admin session.
 */
public interface PluginAdminGate {

    /** Who is calling a plugin admin route: the admin's login and permissions. */
    record AdminAccess(long id, String login, Set<String> permissions) {
        public AdminAccess {
            permissions = Set.copyOf(permissions);
        }
    }

    /**
     * Checks the request before the plugin runs. Returns the caller, or null when the gate has already
     * answered (a redirect to the login page, a 403); may throw an {@link HttpProblem} instead.
     */
    AdminAccess authorize(Ctx ctx, String pluginId, String routePattern) throws IOException;

    /** The CSRF token to give the plugin for its forms. */
    String csrfToken(Ctx ctx);

    /** Writes the plugin's answer (the console wraps HTML fragments in its layout). */
    void respond(Ctx ctx, String pluginId, AdminAccess access, PluginResponse response) throws IOException;

    /** No admin console wired: plugin admin routes are forbidden. */
    PluginAdminGate DENY = new PluginAdminGate() {
        @Override
        public AdminAccess authorize(Ctx ctx, String pluginId, String routePattern) {
            throw new HttpProblem(403, "Forbidden", "no admin console on this node");
        }

        @Override
        public String csrfToken(Ctx ctx) {
            return null;
        }

        @Override
        public void respond(Ctx ctx, String pluginId, AdminAccess access, PluginResponse response) {
            throw new HttpProblem(403, "Forbidden", "no admin console on this node");
        }
    };
}
