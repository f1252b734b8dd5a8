package io.brique.core.web;

import java.util.Map;

/**
 * Renders the HTML error page of one part of the site (the admin console has its own layout). Called
 * by {@link RouterServlet} after the response was reset; it must not leak the exception: it gets only
 * the status, a message key and field errors. If it throws, the storefront error page is used.
 */
@FunctionalInterface
public interface ErrorPage {

    void render(Ctx ctx, int status, String messageKey, Map<String, String> fieldErrors) throws Exception;
}
