package io.brique.core.web;

import io.brique.core.error.ConflictException;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.ops.Metrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one servlet: routes the request, applies storefront CSRF and locale rules, and maps every
 * error to a response in one place (problem+json under /api, an HTML page elsewhere). An unexpected
 * exception becomes a 500 with an incident id in the log, never a stack trace in the response.
 */
public final class RouterServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(RouterServlet.class);

    private final transient Router router;
    private final transient WebSupport web;
    private final transient Metrics metrics;

    public RouterServlet(Router router, WebSupport web, Metrics metrics) {
        this.router = router;
        this.web = web;
        this.metrics = metrics;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) {
        long start = System.nanoTime();
        securityHeaders(resp);
        boolean[] methodMismatch = new boolean[1];
        String uri = req.getRequestURI();
        boolean api = uri.startsWith("/api/");
        Router.Match match = router.match(req.getMethod(), uri, methodMismatch);
        Ctx ctx = new Ctx(req, resp, match == null ? Map.of() : match.params(), web);
        String routeLabel = match == null ? "unmatched" : match.route().pattern();
        try {
            guessLocale(ctx, uri);
            if (match == null) {
                if (methodMismatch[0]) {
                    throw new HttpProblem(405, "Method Not Allowed", req.getMethod() + " is not allowed on " + uri);
                }
                throw HttpProblem.notFound("no page at " + uri);
            }
            String lang = match.params().get("locale");
            if (lang != null) {
                if (!web.supports(lang)) {
                    throw HttpProblem.notFound("unknown language " + lang);
                }
                ctx.locale(Locale.forLanguageTag(lang));
            }
            RateLimits.Verdict verdict = web.rateLimits().check(req.getMethod(), uri, ctx.clientIp());
            if (!verdict.allowed()) {
                throw new HttpProblem(429, "Too Many Requests", "error.rate-limited", Map.of(),
                        Map.of("Retry-After", Long.toString(verdict.retryAfterSeconds())));
            }
            if (!api && isStateChanging(req.getMethod()) && !Csrf.valid(ctx)) {
                throw new HttpProblem(403, "Forbidden", "error.csrf");
            }
            match.route().handler().handle(ctx);
        } catch (Throwable t) {
            handleError(ctx, api, t);
        } finally {
            metrics.httpRequest(routeLabel, req.getMethod(), resp.getStatus(), System.nanoTime() - start);
        }
    }

    private void guessLocale(Ctx ctx, String uri) {
        if (uri.length() >= 3 && web.supports(uri.substring(1, 3)) && (uri.length() == 3 || uri.charAt(3) == '/')) {
            ctx.locale(Locale.forLanguageTag(uri.substring(1, 3)));
        }
    }

    private static boolean isStateChanging(String method) {
        return switch (method) {
            case "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    private static void securityHeaders(HttpServletResponse resp) {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "SAMEORIGIN");
        resp.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        resp.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
        resp.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                + "script-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'");
    }

    private void handleError(Ctx ctx, boolean api, Throwable t) {
        int status;
        String title;
        String detail;
        Map<String, String> fields = Map.of();
        Map<String, String> headers = Map.of();
        String code = null;
        switch (t) {
            case HttpProblem p -> {
                status = p.status();
                title = p.title();
                detail = p.getMessage();
                fields = p.fieldErrors();
                headers = p.headers();
            }
            case ValidationException v -> {
                status = 400;
                title = "Bad Request";
                detail = v.getMessage();
                fields = v.fieldErrors();
            }
            case NotFoundException n -> {
                status = 404;
                title = "Not Found";
                detail = n.getMessage();
            }
            case io.brique.core.error.BusyException b -> {
                status = 503;
                title = "Service Unavailable";
                detail = b.getMessage();
                headers = Map.of("Retry-After", "5");
            }
            case ConflictException c -> {
                status = 409;
                title = "Conflict";
                detail = c.getMessage();
                code = c.code();
            }
            case Ctx.UncheckedIOExceptionWrapper io -> {
                LOG.debug("client went away: {}", io.getMessage());
                return;
            }
            default -> {
                if (isBadMessage(t)) {
                    status = 400;
                    title = "Bad Request";
                    detail = "malformed request: " + t.getMessage();
                } else if (isDatabaseUnavailable(t)) {
                    // the database is away (restart, failover, network): a clean "try again", not a 500;
                    // transactions were rolled back, and the pool reconnects by itself once it is back
                    LOG.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), t.toString());
                    status = 503;
                    title = "Service Unavailable";
                    detail = api ? "the database is briefly unavailable; try again in a few seconds" : "error.page.503";
                    headers = Map.of("Retry-After", "5");
                } else {
                    String incident = UUID.randomUUID().toString().substring(0, 8);
                    LOG.error("incident {} on {} {}", incident, ctx.method(), ctx.path(), t);
                    status = 500;
                    title = "Internal Server Error";
                    detail = "unexpected error, incident " + incident;
                }
            }
        }
        HttpServletResponse resp = ctx.resp();
        if (resp.isCommitted()) {
            return;
        }
        if (status == 413 || status == 400 || status == 415) {
            drainRequestBody(ctx);
        }
        try {
            resp.reset();
            securityHeaders(resp);
            headers.forEach(resp::setHeader);
            if (api) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", "about:blank");
                body.put("title", title);
                body.put("status", status);
                body.put("detail", detail);
                body.put("instance", ctx.path());
                if (code != null) {
                    body.put("code", code);
                }
                if (!fields.isEmpty()) {
                    List<Map<String, String>> errors = new ArrayList<>();
                    fields.forEach((f, m) -> errors.add(Map.of("field", f, "message", m)));
                    body.put("errors", errors);
                }
                resp.setStatus(status);
                resp.setContentType("application/problem+json;charset=utf-8");
                web.json().writeValue(resp.getOutputStream(), body);
            } else {
                Map<String, Object> model = new LinkedHashMap<>();
                model.put("status", status);
                String key = detail != null && detail.startsWith("error.") ? detail : "error.page." + status;
                model.put("messageKey", web.messages().has(ctx.locale(), key) ? key : "error.page.generic");
                model.put("fieldErrors", fields);
                if (!renderedByOwnPage(ctx, status, (String) model.get("messageKey"), fields)) {
                    resp.reset();
                    securityHeaders(resp);
                    headers.forEach(resp::setHeader);
                    ctx.render(status, "error", model);
                }
            }
        } catch (Exception e) {
            LOG.warn("could not write error response: {}", e.toString());
            resp.setStatus(status);
        }
    }

    /** The error page of the part of the site the path belongs to (admin console), if any and if it works. */
    private boolean renderedByOwnPage(Ctx ctx, int status, String messageKey, Map<String, String> fields) {
        ErrorPage page = web.errorPage(ctx.path());
        if (page == null) {
            return false;
        }
        try {
            page.render(ctx, status, messageKey, fields);
            return true;
        } catch (Exception e) {
            LOG.warn("error page for {} failed, using the storefront one: {}", ctx.path(), e.toString());
            return false;
        }
    }

    /**
     * Reads and discards what is left of a refused request body (up to 4 MiB), so the connection is
     * not reset while the client is still sending and it can read the error answer.
     */
    private static void drainRequestBody(Ctx ctx) {
        try {
            java.io.InputStream in = ctx.req().getInputStream();
            byte[] sink = new byte[8192];
            long total = 0;
            int n;
            while (total < 4L * 1024 * 1024 && (n = in.read(sink)) > 0) {
                total += n;
            }
        } catch (java.io.IOException | IllegalStateException e) {
            // the body was already consumed or the stream is broken: nothing more to do
        }
    }

    /** A connection that could not be had or was lost (SQLState class 08, pool time-out), anywhere in the causes. */
    static boolean isDatabaseUnavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLTransientConnectionException
                    || c instanceof java.sql.SQLNonTransientConnectionException
                    || c instanceof java.sql.SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static boolean isBadMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String n = c.getClass().getName();
            if (n.contains("BadMessage") || n.contains("IllegalCharset") || c instanceof IllegalArgumentException
                    && String.valueOf(c.getMessage()).contains("Form")
                    || c instanceof IllegalStateException && String.valueOf(c.getMessage()).contains("Form")) {
                return true;
            }
        }
        return false;
    }
}
