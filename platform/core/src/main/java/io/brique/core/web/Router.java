package io.brique.core.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Method + path-pattern routing ({@code /{locale}/p/{slug}}). Routes are matched in registration
 * order; a path that matches with another method gives 405. Thread-safe: routes may be added or
 * removed at runtime (plugins), lookups never lock.
 */
public final class Router {

    public record Route(String method, String pattern, Pattern regex, List<String> params, Handler handler,
            String owner) {
    }

    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    public Router get(String pattern, Handler h) {
        return add("GET", pattern, h, "core");
    }

    public Router post(String pattern, Handler h) {
        return add("POST", pattern, h, "core");
    }

    public Router put(String pattern, Handler h) {
        return add("PUT", pattern, h, "core");
    }

    public Router patch(String pattern, Handler h) {
        return add("PATCH", pattern, h, "core");
    }

    public Router delete(String pattern, Handler h) {
        return add("DELETE", pattern, h, "core");
    }

    public Router add(String method, String pattern, Handler handler, String owner) {
        List<String> params = new ArrayList<>();
        StringBuilder re = new StringBuilder("^");
        Matcher m = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)(\\*)?}").matcher(pattern);
        int last = 0;
        while (m.find()) {
            re.append(Pattern.quote(pattern.substring(last, m.start())));
            re.append(m.group(2) != null ? "(.+)" : "([^/]+)");
            params.add(m.group(1));
            last = m.end();
        }
        re.append(Pattern.quote(pattern.substring(last))).append("/?$");
        routes.add(new Route(method, pattern, Pattern.compile(re.toString()), List.copyOf(params), handler, owner));
        return this;
    }

    /** Removes every route registered by an owner (a plugin being stopped). */
    public void removeOwner(String owner) {
        routes.removeIf(r -> r.owner().equals(owner));
    }

    /** The matching route, or null; {@code methodMismatch[0]} is set when only the method differs. */
    public Match match(String method, String path, boolean[] methodMismatch) {
        String m = "HEAD".equals(method) ? "GET" : method;
        for (Route r : routes) {
            Matcher matcher = r.regex().matcher(path);
            if (matcher.matches()) {
                if (!r.method().equals(m)) {
                    methodMismatch[0] = true;
                    continue;
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < r.params().size(); i++) {
                    values.put(r.params().get(i), matcher.group(i + 1));
                }
                return new Match(r, values);
            }
        }
        return null;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
