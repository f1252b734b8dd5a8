package io.brique.crm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A CRM played by a real local HTTP server (the JDK's): the signed webhook receiver at {@code /hook}
 * and HubSpot-style batch upserts at {@code /crm/v3/objects/<type>/batch/upsert} and
 * {@code /crm/v3/objects/contacts/gdpr-delete}. It records every request it receives (duplicates
 * included), applies each webhook message once per idempotency key and each upsert by external id,
 * and can be told to fail: scripted answers (500, 429 with Retry-After, malformed bodies, delays) for
 * the next requests or for requests matching a predicate.
 */
final class FakeCrm implements AutoCloseable {

    /** A scripted answer: status, body, extra header, delay before answering. */
    record Answer(int status, String body, String retryAfter, long delayMs) {
        static Answer status(int s) {
            return new Answer(s, "{\"error\":\"scripted\"}", null, 0);
        }

        static Answer tooMany(String retryAfter) {
            return new Answer(429, "{\"error\":\"rate limited\"}", retryAfter, 0);
        }

        static Answer okBody(String body) {
            return new Answer(200, body, null, 0);
        }

        static Answer slow(long ms) {
            return new Answer(-1, null, null, ms);
        }
    }

    /** One request as received. */
    record Received(String path, Map<String, String> headers, String body, long atNanos) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private record Rule(Predicate<Received> when, Answer answer) {
    }

    final String secret;
    final String token;
    private final HttpServer server;
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    /** Webhook messages applied once per Idempotency-Key, in arrival order. */
    final Map<String, String> applied = Collections.synchronizedMap(new LinkedHashMap<>());
    /** HubSpot objects: type -> external id -> properties (merged on each upsert). */
    final Map<String, Map<String, Map<String, Object>>> objects = new ConcurrentHashMap<>();
    final List<String> gdprDeleted = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedDeque<Answer> next = new ConcurrentLinkedDeque<>();
    private final List<Rule> rules = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeCrm(String secret, String token) throws IOException {
        this.secret = secret;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests get these answers, in order (whatever they are). */
    void thenAnswer(Answer... answers) {
        next.addAll(List.of(answers));
    }

    /** Requests matching {@code when} get {@code answer} until {@link #clearRules()}. */
    void always(Predicate<Received> when, Answer answer) {
        rules.add(new Rule(when, answer));
    }

    void clearRules() {
        rules.clear();
    }

    List<Received> received(String pathPrefix) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            Received r = new Received(ex.getRequestURI().getPath(), headers, body, System.nanoTime());
            received.add(r);
            Answer scripted = null;
            for (Rule rule : rules) {
                if (rule.when().test(r)) {
                    scripted = rule.answer();
                }
            }
            if (scripted == null) {
                scripted = next.poll();
            }
            if (scripted != null && scripted.delayMs() > 0) {
                try {
                    Thread.sleep(scripted.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (scripted != null && scripted.status() > 0) {
                if (scripted.retryAfter() != null) {
                    ex.getResponseHeaders().add("Retry-After", scripted.retryAfter());
                }
                send(ex, scripted.status(), scripted.body());
                return;
            }
            if (r.path().equals("/hook")) {
                webhook(ex, r);
            } else if (r.path().startsWith("/crm/v3/objects/")) {
                hubspot(ex, r);
            } else {
                send(ex, 404, "{}");
            }
        }
    }

    private void webhook(HttpExchange ex, Received r) throws IOException {
        long ts;
        try {
            ts = Long.parseLong(r.header("X-Brique-Timestamp"));
        } catch (NumberFormatException e) {
            send(ex, 400, "{\"error\":\"timestamp\"}");
            return;
        }
        if (!Signatures.valid(secret, ts, r.body().getBytes(StandardCharsets.UTF_8), r.header("X-Brique-Signature"))) {
            send(ex, 401, "{\"error\":\"signature\"}");
            return;
        }
        String key = r.header("Idempotency-Key");
        if (key == null) {
            send(ex, 400, "{\"error\":\"no idempotency key\"}");
            return;
        }
        applied.putIfAbsent(key, r.body());
        send(ex, 200, "{\"ok\":true}");
    }

    @SuppressWarnings("unchecked")
    private void hubspot(HttpExchange ex, Received r) throws IOException {
        if (!("Bearer " + token).equals(r.header("Authorization"))) {
            send(ex, 401, "{\"message\":\"bad token\"}");
            return;
        }
        String[] parts = r.path().split("/");
        // /crm/v3/objects/<type>/batch/upsert or /crm/v3/objects/contacts/gdpr-delete
        String type = parts[4];
        Map<String, Object> body;
        try {
            body = (Map<String, Object>) Json.parse(r.body());
        } catch (Json.Malformed e) {
            send(ex, 400, "{\"message\":\"malformed\"}");
            return;
        }
        if (r.path().endsWith("/gdpr-delete")) {
            String id = (String) body.get("objectId");
            objects.getOrDefault("contacts", Map.of()).remove(id);
            gdprDeleted.add(id);
            send(ex, 204, "");
            return;
        }
        List<Object> results = new ArrayList<>();
        for (Object o : (List<Object>) body.get("inputs")) {
            Map<String, Object> in = (Map<String, Object>) o;
            String id = (String) in.get("id");
            Map<String, Object> props = objects.computeIfAbsent(type, t -> new ConcurrentHashMap<>())
                    .computeIfAbsent(id, i -> new ConcurrentHashMap<>());
            props.putAll((Map<String, Object>) in.get("properties"));
            props.put("_idProperty", in.get("idProperty"));
            results.add(Map.of("id", id, "properties", props));
        }
        send(ex, 200, Json.write(Map.of("status", "COMPLETE", "results", results)));
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, status == 204 ? -1 : b.length);
        if (status != 204) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
