package io.brique.admin.account;

import static io.brique.core.db.jooq.Tables.ADMIN_SETUP_TOKEN;
import static io.brique.core.db.jooq.Tables.ADMIN_USER;

import io.brique.admin.Permission;
import io.brique.core.config.BriqueConfig;
import io.brique.core.db.Database;
import io.brique.core.error.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first owner. With {@code admin.bootstrap.password} (env {@code BRIQUE_ADMIN_PASSWORD}) and
 * {@code admin.bootstrap.email} an owner is created at the first start. Otherwise a one-time setup
 * token is printed in the log and {@code /admin/setup?token=...} lets whoever reads the log create
 * the owner. There is never a fixed default password.
 */
public final class AdminBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final AdminUsers users;
    private final Clock clock;
    private final Duration tokenTtl;

    public AdminBootstrap(Database db, AdminUsers users, Clock clock, Duration tokenTtl) {
        this.db = db;
        this.users = users;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
    }

    /** At boot: creates the configured owner, or prints a setup token when there is no admin yet. */
    public void run(BriqueConfig config) {
        if (users.count() > 0) {
            return;
        }
        String password = config.find("admin.bootstrap.password").filter(s -> !s.isBlank())
                .or(() -> java.util.Optional.ofNullable(System.getenv("BRIQUE_ADMIN_PASSWORD"))
                        .filter(s -> !s.isBlank()))
                .orElse(null);
        String email = config.get("admin.bootstrap.email", "owner@brique.local");
        if (password != null) {
            try {
                users.create(email, "Owner", Permission.OWNER_ROLE, password);
                LOG.info("admin: first owner {} created from admin.bootstrap.password", email);
                return;
            } catch (ValidationException e) {
                if (users.count() > 0) {
                    return; // another node created it at the same time
                }
                LOG.error("admin: admin.bootstrap.password/email refused ({}); use the setup page instead",
                        e.fieldErrors());
            }
        }
        String token = newSetupToken();
        LOG.warn("admin: no admin account yet. Create the first owner at {}/admin/setup?token={} "
                + "(valid {} minutes, this node only prints it once)", config.baseUrl(), token, tokenTtl.toMinutes());
    }

    public boolean needsSetup() {
        return users.count() == 0;
    }

    /** A new one-time setup token (boot prints it; tests use it directly). */
    public String newSetupToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        LocalDateTime now = now();
        db.dsl().insertInto(ADMIN_SETUP_TOKEN).set(ADMIN_SETUP_TOKEN.TOKEN_SHA256, AdminSessions.sha256(token))
                .set(ADMIN_SETUP_TOKEN.CREATED_AT, now).set(ADMIN_SETUP_TOKEN.EXPIRES_AT, now.plus(tokenTtl)).execute();
        return token;
    }

    public boolean validToken(String token) {
        return token != null && token.length() <= 64 && db.dsl().fetchExists(ADMIN_SETUP_TOKEN,
                ADMIN_SETUP_TOKEN.TOKEN_SHA256.eq(AdminSessions.sha256(token))
                        .and(ADMIN_SETUP_TOKEN.EXPIRES_AT.gt(now())));
    }

    /** Creates the first owner with a valid token; all setup tokens are then spent. */
    public long completeSetup(String token, String email, String name, String password) {
        if (!validToken(token) || !needsSetup()) {
            throw new ValidationException("token", "admin.error.setup_token");
        }
        long id = users.create(email, name, Permission.OWNER_ROLE, password);
        db.dsl().deleteFrom(ADMIN_SETUP_TOKEN).execute();
        if (db.dsl().fetchCount(ADMIN_USER) > 1) {
            LOG.warn("admin: setup completed while another owner appeared");
        }
        return id;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
