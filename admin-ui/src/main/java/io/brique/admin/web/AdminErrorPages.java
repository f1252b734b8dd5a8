package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.core.web.Ctx;
import io.brique.core.web.ErrorPage;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Error pages under {@code /admin} (404, 405, 409, 500, CSRF 403...) in the admin layout, so an admin
 * keeps the console's navigation and language. Only a message key reaches the page, never the
 * exception. If the session cannot be read (database down), the page is shown without navigation.
 */
public final class AdminErrorPages implements ErrorPage {

    private static final Logger LOG = LoggerFactory.getLogger(AdminErrorPages.class);

    private final AdminRoutes routes;
    private final AdminViews views;

    public AdminErrorPages(AdminRoutes routes, AdminViews views) {
        this.routes = routes;
        this.views = views;
    }

    @Override
    public void render(Ctx ctx, int status, String messageKey, Map<String, String> fieldErrors) {
        AdminPrincipal admin = null;
        try {
            admin = routes.authenticate(ctx);
        } catch (RuntimeException e) {
            LOG.debug("error page without session: {}", e.toString());
        }
        String titleKey = views.messages().has(ctx.locale(), "admin.error.title." + status)
                ? "admin.error.title." + status : "admin.error.title.generic";
        views.render(ctx, admin, status, "error", titleKey,
                Map.of("messageKey", messageKey, "status", status, "fieldErrors", fieldErrors));
    }
}
