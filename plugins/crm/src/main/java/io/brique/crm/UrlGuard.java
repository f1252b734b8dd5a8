package io.brique.crm;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Checks an outbound CRM URL before any request: http(s) only, no user info, the host on the
 * allow-list (empty list: the configured host itself), and every address it resolves to public
 * unless the operator allows internal addresses (loopback, private, link-local, unique-local, any).
 * Checked at each send too, so a DNS change towards an internal address is refused.
 */
final class UrlGuard {

    private UrlGuard() {
    }

    /** Null when the URL may be called, else why not (shown to the merchant). */
    static String problem(String url, List<String> allowedHosts, boolean allowPrivate) {
        if (url == null || url.isBlank()) {
            return "no URL configured";
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return "invalid URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "invalid URL: only http and https are allowed";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return "invalid URL: a host is needed, without user name or password";
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!allowedHosts.isEmpty() && allowedHosts.stream().noneMatch(a -> matches(a, host))) {
            return "host not allowed: " + host + " is not in the allowed CRM hosts";
        }
        if (scheme.equals("http") && !allowPrivate) {
            return "invalid URL: https is required (plain http only with internal addresses allowed)";
        }
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1)
                    : host)) {
                if (internal(a)) {
                    return "host not allowed: " + host + " is an internal address (" + a.getHostAddress() + ")";
                }
            }
        } catch (UnknownHostException e) {
            return "unknown host: " + host;
        }
        return null;
    }

    static boolean matches(String allowed, String host) {
        if (allowed.startsWith("*.")) {
            return host.endsWith(allowed.substring(1));
        }
        return allowed.equals(host);
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        // 100.64.0.0/10 carrier-grade NAT, 169.254 (covered), 0.0.0.0/8
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 || b[0] == 0;
    }
}
