package io.brique.core.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request and its response, with the small helpers handlers need: typed and validated
 * parameters, JSON bodies with size and content-type checks, rendering and redirects.
 */
public final class Ctx {

    /** Largest JSON body accepted (bytes). */
    public static final int MAX_JSON_BYTES = 1 << 20;

    private final HttpServletRequest req;
    private final HttpServletResponse resp;
    private final Map<String, String> pathParams;
    private final WebSupport web;
    private final Map<String, Object> attributes = new HashMap<>();
    private Locale locale;

    public Ctx(HttpServletRequest req, HttpServletResponse resp, Map<String, String> pathParams, WebSupport web) {
        this.req = req;
        this.resp = resp;
        this.pathParams = pathParams;
        this.web = web;
        this.locale = web.defaultLocale();
    }

    public HttpServletRequest req() {
        return req;
    }

    public HttpServletResponse resp() {
        return resp;
    }

    public WebSupport web() {
        return web;
    }

    public String method() {
        return req.getMethod();
    }

    public String path() {
        String uri = req.getRequestURI();
        String cp = req.getContextPath();
        return cp == null || cp.isEmpty() ? uri : uri.substring(cp.length());
    }

    /** All path parameters, decoded. */
    public Map<String, String> pathParams() {
        Map<String, String> out = new HashMap<>();
        pathParams.forEach((k, v) -> out.put(k, java.net.URLDecoder.decode(v, StandardCharsets.UTF_8)));
        return out;
    }

    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalStateException("no path parameter " + name);
        }
        return decodePath(v);
    }

    /** Percent-decodes a path segment ('+' stays '+'); a malformed escape is a 404, not a 500. */
    private static String decodePath(String v) {
        try {
            return java.net.URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.notFound("malformed path");
        }
    }

    /** A numeric id from the path; anything else is a 404 (an unknown id, not a client mistake). */
    public long pathId(String name) {
        String v = pathParam(name);
        try {
            long id = Long.parseLong(v);
            if (id <= 0) {
                throw HttpProblem.notFound("no such " + name + ": " + v);
            }
            return id;
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound("no such " + name + ": " + v);
        }
    }

    public Optional<String> query(String name) {
        String v = req.getParameter(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public int queryInt(String name, int fallback, int min, int max) {
        Optional<String> v = query(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                throw new HttpProblem(400, "Bad Request", name + " must be between " + min + " and " + max,
                        Map.of(name, "error.range"));
            }
            return n;
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "Bad Request", name + " must be a whole number", Map.of(name, "error.number"));
        }
    }

    /** A form field (application/x-www-form-urlencoded), trimmed; null when absent. */
    public String form(String name) {
        String v = req.getParameter(name);
        return v == null ? null : v.trim();
    }

    /** The client's address, behind trusted proxies only ({@link ClientAddresses}). */
    public String clientIp() {
        return web.clientAddresses().of(req);
    }

    public String header(String name) {
        return req.getHeader(name);
    }

    public Optional<String> cookie(String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (c.getName().equals(name) && c.getValue() != null && !c.getValue().isEmpty()) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }

    public void setCookie(String name, String value, int maxAgeSeconds, boolean httpOnly) {
        Cookie c = new Cookie(name, value);
        c.setPath("/");
        c.setHttpOnly(httpOnly);
        c.setMaxAge(maxAgeSeconds);
        c.setSecure(web.secureCookies());
        c.setAttribute("SameSite", "Lax");
        resp.addCookie(c);
    }

    public void clearCookie(String name) {
        setCookie(name, "", 0, true);
    }

    /** Parses a JSON body into a tree, checking content type and size. */
    public JsonNode bodyJson() {
        return bodyJson(JsonNode.class);
    }

    /** Parses a JSON body into a record or class; unknown or mistyped fields are a 400 naming the field. */
    public <T> T bodyJson(Class<T> type) {
        requireContentType("application/json");
        byte[] body = readBody(MAX_JSON_BYTES);
        if (body.length == 0) {
            throw HttpProblem.badRequest("request body is empty; a JSON object is expected");
        }
        ObjectMapper mapper = web.json();
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw HttpProblem.badRequest("request body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new HttpProblem(400, "Bad Request", "unknown field '" + e.getPropertyName() + "'",
                    Map.of(e.getPropertyName(), "error.unknown_field"));
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "body" : fieldPath(e);
            throw new HttpProblem(400, "Bad Request", "wrong type or format for '" + field + "'",
                    Map.of(field, "error.type"));
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HttpProblem.badRequest("unreadable request body");
        }
    }

    private static String fieldPath(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    public void requireContentType(String expected) {
        String ct = req.getContentType();
        if (ct == null || !ct.toLowerCase(Locale.ROOT).startsWith(expected)) {
            throw HttpProblem.unsupportedMediaType("Content-Type must be " + expected + (ct == null ? "" : ", got " + ct));
        }
    }

    /** Reads the raw body, refusing more than {@code limit} bytes with a 413. */
    public byte[] readBody(int limit) {
        try (InputStream in = req.getInputStream()) {
            byte[] data = in.readNBytes(limit + 1);
            if (data.length > limit) {
                drain(in, 4L * limit);
                throw HttpProblem.tooLarge("request body larger than " + limit + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw HttpProblem.badRequest("unreadable request body");
        }
    }

    /**
     * Reads and discards the rest of a refused body (up to {@code max} bytes), so the client, still
     * sending, gets to read the 413 instead of a reset connection. Beyond {@code max} the connection
     * is closed: not worth more bandwidth.
     */
    private static void drain(InputStream in, long max) throws IOException {
        byte[] sink = new byte[8192];
        long total = 0;
        int n;
        while (total < max && (n = in.read(sink)) > 0) {
            total += n;
        }
    }

    public void status(int status) {
        resp.setStatus(status);
    }

    public void json(Object body) {
        json(200, body);
    }

    public void json(int status, Object body) {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        try {
            web.json().writeValue(resp.getOutputStream(), body);
        } catch (IOException e) {
            throw new UncheckedIOExceptionWrapper(e);
        }
    }

    public void text(int status, String contentType, String body) {
        resp.setStatus(status);
        resp.setContentType(contentType);
        try {
            resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOExceptionWrapper(e);
        }
    }

    /** Renders a storefront page: the layout model (header, slots, CSRF) is added by {@link WebSupport}. */
    public void render(String template, Map<String, Object> model) {
        render(200, template, model);
    }

    public void render(int status, String template, Map<String, Object> model) {
        resp.setStatus(status);
        web.render(this, template, model);
    }

    /** 303 See Other: after a form POST, the browser GETs the target. */
    public void redirect(String location) {
        resp.setStatus(303);
        resp.setHeader("Location", location);
    }

    public Locale locale() {
        return locale;
    }

    public void locale(Locale locale) {
        this.locale = locale;
    }

    public String lang() {
        return locale.getLanguage();
    }

    @SuppressWarnings("unchecked")
    public <T> T attribute(String key) {
        return (T) attributes.get(key);
    }

    public void attribute(String key, Object value) {
        attributes.put(key, value);
    }

    public static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Wraps an I/O failure while writing a response (the client went away). */
    public static final class UncheckedIOExceptionWrapper extends RuntimeException {
        public UncheckedIOExceptionWrapper(IOException e) {
            super(e);
        }
    }
}
