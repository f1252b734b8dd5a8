package io.brique.core.web;

import java.util.Map;

/** An HTTP error with a status and a message for the client (RFC 9457 problem details for the API). */
public class HttpProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, String> fieldErrors;
    private final Map<String, String> headers;

    public HttpProblem(int status, String title, String detail, Map<String, String> fieldErrors) {
        this(status, title, detail, fieldErrors, Map.of());
    }

    /** With response headers that must survive the error handling (e.g. WWW-Authenticate, Retry-After). */
    public HttpProblem(int status, String title, String detail, Map<String, String> fieldErrors,
            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.fieldErrors = Map.copyOf(fieldErrors);
        this.headers = Map.copyOf(headers);
    }

    public HttpProblem(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, "Bad Request", detail);
    }

    public static HttpProblem notFound(String detail) {
        return new HttpProblem(404, "Not Found", detail);
    }

    public static HttpProblem unauthorized(String detail) {
        return new HttpProblem(401, "Unauthorized", detail);
    }

    public static HttpProblem forbidden(String detail) {
        return new HttpProblem(403, "Forbidden", detail);
    }

    public static HttpProblem unsupportedMediaType(String detail) {
        return new HttpProblem(415, "Unsupported Media Type", detail);
    }

    public static HttpProblem tooLarge(String detail) {
        return new HttpProblem(413, "Content Too Large", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
