package io.brique.analytics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * Privacy rules of collection. Audience mode (the default, no consent needed): no cookie or storage,
 * the IP truncated, the visitor key a hash of (salt of the day, truncated IP, user agent) so a visitor
 * cannot be followed from one day to the next, no campaign and no customer id. Consented mode: the
 * tracker's first-party visitor id and the signed-in customer (login stitching). A request with
 * {@code DNT: 1} or {@code Sec-GPC: 1} is always treated in audience mode.
 */
final class Privacy {

    static final String AUDIENCE = "audience";
    static final String CONSENTED = "consented";

    private final DataSource dataSource;
    private final String table;
    private record DaySalt(String day, String salt) {
    }

    private volatile DaySalt current = new DaySalt("", "");

    Privacy(DataSource dataSource, String prefix) {
        this.dataSource = dataSource;
        this.table = prefix + "salt";
    }

    static boolean optedOut(String dnt, String gpc) {
        return "1".equals(trim(dnt)) || "1".equals(trim(gpc));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /** 192.168.10.57 -> 192.168.10.0; IPv6 keeps its first 48 bits. */
    static String truncateIp(String ip) {
        if (ip == null || ip.isBlank()) {
            return "";
        }
        String s = ip.trim();
        int comma = s.indexOf(',');
        if (comma >= 0) {
            s = s.substring(0, comma).trim();
        }
        if (s.indexOf(':') < 0) {
            int dot = s.lastIndexOf('.');
            return dot < 0 ? "" : s.substring(0, dot) + ".0";
        }
        String[] groups = s.split(":", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(3, groups.length); i++) {
            b.append(groups[i]).append(':');
        }
        return b.append(':').toString();
    }

    /** The consent-free visitor key of today: {@code a:} and 32 hex digits. */
    String audienceKey(LocalDate day, String ip, String userAgent) throws SQLException {
        return "a:" + hash(saltOf(day) + "|" + truncateIp(ip) + "|" + (userAgent == null ? "" : userAgent));
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String saltOf(LocalDate day) throws SQLException {
        String d = day.toString();
        DaySalt known = current;
        if (d.equals(known.day())) {
            return known.salt();
        }
        try (Connection c = dataSource.getConnection()) {
            String found = read(c, d);
            if (found == null) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (salt_day, salt) VALUES (?, ?)")) {
                    s.setString(1, d);
                    s.setString(2, HexFormat.of().formatHex(random));
                    s.executeUpdate();
                } catch (SQLException e) {
                    if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                        throw e;
                    } // another node made it first
                }
                found = read(c, d);
            }
            current = new DaySalt(d, found);
            return found;
        }
    }

    private String read(Connection c, String day) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT salt FROM " + table + " WHERE salt_day = ?")) {
            s.setString(1, day);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Forgets the salts before yesterday: the visitor keys made with them can no longer be linked. */
    int purgeSalts(LocalDate today) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE salt_day < ?")) {
            s.setString(1, today.minusDays(1).toString());
            return s.executeUpdate();
        }
    }
}
