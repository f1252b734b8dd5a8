package io.brique.core.commerce.customer;

import static io.brique.core.db.jooq.Tables.CUSTOMER;
import static io.brique.core.db.jooq.Tables.WEB_SESSION;

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
 * Storefront login sessions. The cookie carries 32 random bytes; the table keeps only their SHA-256,
 * so a database leak gives no usable session. A new session id is issued at every login (no
 * fixation); logout deletes the row.
 */
public final class SessionService {

    public static final String COOKIE = "brq_sid";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A live session: who is logged in. */
    public record Session(long customerId, String firstName) {
    }

    private final Database db;
    private final Clock clock;
    private final Duration ttl;

    public SessionService(Database db, Clock clock, Duration ttl) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Creates a session for a customer in the caller's transaction; returns the cookie value. */
    public String create(DSLContext dsl, long customerId) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        byte[] c = new byte[32];
        RANDOM.nextBytes(c);
        LocalDateTime now = now();
        // Housekeeping: this customer's expired sessions go when a new one starts.
        dsl.deleteFrom(WEB_SESSION).where(WEB_SESSION.CUSTOMER_ID.eq(customerId)).and(WEB_SESSION.EXPIRES_AT.le(now))
                .execute();
        dsl.insertInto(WEB_SESSION).set(WEB_SESSION.ID, sha256(token)).set(WEB_SESSION.CUSTOMER_ID, customerId)
                .set(WEB_SESSION.CSRF_TOKEN, Base64.getUrlEncoder().withoutPadding().encodeToString(c))
                .set(WEB_SESSION.CREATED_AT, now).set(WEB_SESSION.LAST_SEEN_AT, now)
                .set(WEB_SESSION.EXPIRES_AT, now.plus(ttl)).execute();
        return token;
    }

    /** The customer behind a cookie value, if the session exists and has not expired. */
    public Optional<Session> resolve(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        return db.dsl().select(WEB_SESSION.CUSTOMER_ID, CUSTOMER.FIRST_NAME).from(WEB_SESSION)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(WEB_SESSION.CUSTOMER_ID))
                .where(WEB_SESSION.ID.eq(sha256(token))).and(WEB_SESSION.EXPIRES_AT.gt(now()))
                .and(CUSTOMER.STATUS.eq("active"))
                .fetchOptional(r -> new Session(r.value1(), r.value2()));
    }

    public void delete(String token) {
        if (token != null && token.length() == 43) {
            db.dsl().deleteFrom(WEB_SESSION).where(WEB_SESSION.ID.eq(sha256(token))).execute();
        }
    }

    /** Housekeeping: expired sessions. */
    public int purgeExpired() {
        return db.dsl().deleteFrom(WEB_SESSION).where(WEB_SESSION.EXPIRES_AT.le(now())).execute();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
