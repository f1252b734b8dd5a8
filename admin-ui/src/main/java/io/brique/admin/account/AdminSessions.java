package io.brique.admin.account;

import static io.brique.core.db.jooq.Tables.ADMIN_SESSION;

import io.brique.admin.AdminPrincipal;
import io.brique.core.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Admin sessions. The cookie carries 32 random bytes, the table only their SHA-256. A session ends
 * after {@code idle} without a request or {@code maxAge} after login, whichever comes first; every
 * login creates a new id (a cookie planted before login is never adopted).
 */
public final class AdminSessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** last_seen_at is written at most this often, not on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private final Database db;
    private final AdminUsers users;
    private final Clock clock;
    private final Duration idle;
    private final Duration maxAge;

    public AdminSessions(Database db, AdminUsers users, Clock clock, Duration idle, Duration maxAge) {
        this.db = db;
        this.users = users;
        this.clock = clock;
        this.idle = idle;
        this.maxAge = maxAge;
    }

    public Duration idle() {
        return idle;
    }

    /** A new session for the user; the old session of this browser (if any) is deleted. Returns the cookie value. */
    public String create(long userId, String previousToken, String ip) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        LocalDateTime now = now();
        db.txRun(tx -> {
            if (previousToken != null) {
                tx.dsl().deleteFrom(ADMIN_SESSION).where(ADMIN_SESSION.ID.eq(sha256(previousToken))).execute();
            }
            tx.dsl().deleteFrom(ADMIN_SESSION).where(ADMIN_SESSION.USER_ID.eq(userId))
                    .and(ADMIN_SESSION.EXPIRES_AT.le(now)).execute();
            tx.dsl().insertInto(ADMIN_SESSION).set(ADMIN_SESSION.ID, sha256(token))
                    .set(ADMIN_SESSION.USER_ID, userId).set(ADMIN_SESSION.CREATED_AT, now)
                    .set(ADMIN_SESSION.LAST_SEEN_AT, now).set(ADMIN_SESSION.EXPIRES_AT, now.plus(maxAge))
                    .set(ADMIN_SESSION.IP, ip).execute();
        });
        return token;
    }

    /** The admin behind a cookie value when the session is live (not idle too long, not expired). */
    public Optional<AdminPrincipal> resolve(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        String id = sha256(token);
        LocalDateTime now = now();
        var s = db.dsl().selectFrom(ADMIN_SESSION).where(ADMIN_SESSION.ID.eq(id)).fetchOne();
        if (s == null) {
            return Optional.empty();
        }
        if (!s.getExpiresAt().isAfter(now) || !s.getLastSeenAt().plus(idle).isAfter(now)) {
            db.dsl().deleteFrom(ADMIN_SESSION).where(ADMIN_SESSION.ID.eq(id)).execute();
            return Optional.empty();
        }
        Optional<AdminPrincipal> p = users.principal(db.dsl(), s.getUserId());
        if (p.isPresent() && s.getLastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
            db.dsl().update(ADMIN_SESSION).set(ADMIN_SESSION.LAST_SEEN_AT, now).where(ADMIN_SESSION.ID.eq(id))
                    .execute();
        }
        return p;
    }

    public void delete(String token) {
        if (token != null && token.length() == 43) {
            db.dsl().deleteFrom(ADMIN_SESSION).where(ADMIN_SESSION.ID.eq(sha256(token))).execute();
        }
    }

    static void deleteAllOf(DSLContext dsl, long userId) {
        dsl.deleteFrom(ADMIN_SESSION).where(ADMIN_SESSION.USER_ID.eq(userId)).execute();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
