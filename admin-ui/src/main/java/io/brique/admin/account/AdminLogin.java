package io.brique.admin.account;

import static io.brique.core.db.jooq.Tables.ADMIN_LOGIN_ATTEMPT;
import static io.brique.core.db.jooq.Tables.ADMIN_USER;

import io.brique.core.db.Database;
import io.brique.core.db.Inserts;
import io.brique.core.db.jooq.tables.records.AdminUserRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * Password checks with lock-out. Each attempt is recorded before the password is checked (so
 * parallel guesses count too). An account with {@code maxFailures} failures within {@code window}
 * since its last success is locked for {@code window}; an address with {@code ipMaxFailures}
 * failures within the window is refused for any account. The counts live in the database, so every
 * node of a cluster sees them.
 */
public final class AdminLogin {

    public sealed interface Result {
    }

    public record Success(long userId) implements Result {
    }

    public record Invalid() implements Result {
    }

    /** Too many failures: try again after {@code retryAfter}. */
    public record Locked(Duration retryAfter) implements Result {
    }

    private final Database db;
    private final AdminUsers users;
    private final Clock clock;
    private final int maxFailures;
    private final int ipMaxFailures;
    private final Duration window;

    public AdminLogin(Database db, AdminUsers users, Clock clock, int maxFailures, int ipMaxFailures,
            Duration window) {
        this.db = db;
        this.users = users;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.ipMaxFailures = ipMaxFailures;
        this.window = window;
    }

    public Result attempt(String rawEmail, String password, String ip) {
        String normalized = AdminUsers.normalize(rawEmail);
        String email = normalized.length() > 254 ? normalized.substring(0, 254) : normalized;
        String addr = ip == null ? "unknown" : ip.length() > 45 ? ip.substring(0, 45) : ip;
        LocalDateTime now = now();
        LocalDateTime since = now.minus(window);
        // Record first, assume failure; flipped to success below.
        long attemptId = db.tx(tx -> Inserts.id(tx.dsl(), tx.dsl().insertInto(ADMIN_LOGIN_ATTEMPT)
                .set(ADMIN_LOGIN_ATTEMPT.EMAIL, email).set(ADMIN_LOGIN_ATTEMPT.IP, addr)
                .set(ADMIN_LOGIN_ATTEMPT.SUCCEEDED, false).set(ADMIN_LOGIN_ATTEMPT.CREATED_AT, now),
                ADMIN_LOGIN_ATTEMPT.ID));
        int ipFailures = db.dsl().fetchCount(ADMIN_LOGIN_ATTEMPT, ADMIN_LOGIN_ATTEMPT.IP.eq(addr)
                .and(ADMIN_LOGIN_ATTEMPT.SUCCEEDED.isFalse()).and(ADMIN_LOGIN_ATTEMPT.CREATED_AT.gt(since))
                .and(ADMIN_LOGIN_ATTEMPT.ID.ne(attemptId)));
        if (ipFailures >= ipMaxFailures) {
            return new Locked(window);
        }
        LocalDateTime lastOk = db.dsl().select(DSL.max(ADMIN_LOGIN_ATTEMPT.CREATED_AT)).from(ADMIN_LOGIN_ATTEMPT)
                .where(ADMIN_LOGIN_ATTEMPT.EMAIL.eq(email)).and(ADMIN_LOGIN_ATTEMPT.SUCCEEDED.isTrue())
                .and(ADMIN_LOGIN_ATTEMPT.CREATED_AT.gt(since)).fetchOne(0, LocalDateTime.class);
        LocalDateTime from = lastOk == null ? since : lastOk;
        var failures = db.dsl().select(ADMIN_LOGIN_ATTEMPT.CREATED_AT).from(ADMIN_LOGIN_ATTEMPT)
                .where(ADMIN_LOGIN_ATTEMPT.EMAIL.eq(email)).and(ADMIN_LOGIN_ATTEMPT.SUCCEEDED.isFalse())
                .and(ADMIN_LOGIN_ATTEMPT.CREATED_AT.gt(from)).and(ADMIN_LOGIN_ATTEMPT.ID.ne(attemptId))
                .orderBy(ADMIN_LOGIN_ATTEMPT.CREATED_AT.desc()).limit(maxFailures).fetch(ADMIN_LOGIN_ATTEMPT.CREATED_AT);
        if (failures.size() >= maxFailures) {
            LocalDateTime oldest = failures.get(failures.size() - 1);
            Duration left = Duration.between(now, oldest.plus(window));
            return new Locked(left.isNegative() ? Duration.ZERO : left);
        }
        Optional<AdminUserRecord> user = users.findByEmail(email);
        String hash = user.map(AdminUserRecord::getPasswordHash).orElse(users.hasher().dummyHash());
        boolean ok = users.hasher().verify(password, hash) && user.isPresent()
                && "active".equals(user.get().getStatus());
        if (!ok) {
            return new Invalid();
        }
        db.txRun(tx -> {
            tx.dsl().update(ADMIN_LOGIN_ATTEMPT).set(ADMIN_LOGIN_ATTEMPT.SUCCEEDED, true)
                    .where(ADMIN_LOGIN_ATTEMPT.ID.eq(attemptId)).execute();
            tx.dsl().update(ADMIN_USER).set(ADMIN_USER.LAST_LOGIN_AT, now)
                    .where(ADMIN_USER.ID.eq(user.get().getId())).execute();
            // Housekeeping: this account's attempts older than the window.
            tx.dsl().deleteFrom(ADMIN_LOGIN_ATTEMPT).where(ADMIN_LOGIN_ATTEMPT.EMAIL.eq(email))
                    .and(ADMIN_LOGIN_ATTEMPT.CREATED_AT.lt(since)).execute();
        });
        return new Success(user.get().getId());
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
