package io.brique.core.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address behind trusted reverse proxies ({@code http.trusted-proxies}: addresses or
 * CIDR blocks, comma separated; empty by default). {@code X-Forwarded-For} is read only when the
 * connection comes from a trusted proxy, and then from the right: the first hop that is not itself a
 * trusted proxy is the client. Without trusted proxies the header is never read, so a client cannot
 * choose the address that lock-outs and audit entries see.
 */
public final class ClientAddresses {

    public static final ClientAddresses DIRECT = new ClientAddresses(List.of());

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] addr) {
            if (addr.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (addr[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (addr[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> trusted;

    private ClientAddresses(List<Block> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** Parses {@code http.trusted-proxies}; a malformed entry fails the boot with its text. */
    public static ClientAddresses parse(String spec) {
        List<Block> blocks = new ArrayList<>();
        if (spec != null) {
            for (String raw : spec.split(",")) {
                String s = raw.trim();
                if (s.isEmpty()) {
                    continue;
                }
                int slash = s.indexOf('/');
                byte[] addr = literal(slash < 0 ? s : s.substring(0, slash));
                if (addr == null) {
                    throw new IllegalArgumentException("http.trusted-proxies: not an IP address: " + s);
                }
                int prefix = addr.length * 8;
                if (slash >= 0) {
                    try {
                        prefix = Integer.parseInt(s.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        prefix = -1;
                    }
                    if (prefix < 0 || prefix > addr.length * 8) {
                        throw new IllegalArgumentException("http.trusted-proxies: bad prefix length in " + s);
                    }
                }
                blocks.add(new Block(addr, prefix));
            }
        }
        return new ClientAddresses(blocks);
    }

    public boolean trusts(String address) {
        byte[] addr = literal(address);
        return addr != null && trusted.stream().anyMatch(b -> b.contains(addr));
    }

    /** The client address of this request (see the class comment). */
    public String of(HttpServletRequest req) {
        List<String> forwarded = new ArrayList<>();
        var headers = req.getHeaders("X-Forwarded-For");
        while (headers != null && headers.hasMoreElements()) {
            forwarded.add(headers.nextElement());
        }
        return resolve(req.getRemoteAddr(), forwarded);
    }

    /** The client address from the connection's address and the {@code X-Forwarded-For} header values. */
    public String resolve(String remote, List<String> forwardedFor) {
        if (trusted.isEmpty() || !trusts(remote)) {
            return remote;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String h : value.split(",")) {
                hops.add(h.trim());
            }
        }
        String client = remote;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop) == null) {
                break; // garbage in the chain: keep the last address a trusted proxy vouched for
            }
            client = hop;
            if (!trusts(hop)) {
                break;
            }
        }
        return client;
    }

    /** The bytes of an IPv4/IPv6 literal, or null (never a DNS lookup). */
    private static byte[] literal(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v4 = t.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9') && t.chars().filter(c -> c == '.').count() == 3;
        boolean v6 = t.indexOf(':') >= 0 && t.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!v4 && !v6) {
            return null;
        }
        if (v4) {
            for (String part : t.split("\\.", -1)) {
                if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            byte[] b = InetAddress.getByName(t).getAddress();
            if (b.length == 16 && isMappedV4(b)) {
                return java.util.Arrays.copyOfRange(b, 12, 16);
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }
}
