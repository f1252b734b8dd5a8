package io.brique.admin.account;

import static io.brique.core.db.jooq.Tables.ADMIN_ROLE;
import static io.brique.core.db.jooq.Tables.ADMIN_ROLE_PERMISSION;
import static io.brique.core.db.jooq.Tables.ADMIN_USER;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.core.commerce.customer.PasswordHasher;
import io.brique.core.db.Database;
import io.brique.core.db.Inserts;
import io.brique.core.db.jooq.tables.records.AdminUserRecord;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.SortField;

/**
 * Back-office accounts: creation with validation, role and status changes (never leaving the shop
 * without an active owner), passwords hashed with Argon2id (the core's {@link PasswordHasher}).
 */
public final class AdminUsers {

    public static final int MIN_PASSWORD = 12;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{1,63}$");

    /** An account as lists show it. */
    public record User(long id, String email, String displayName, String role, String status, String locale,
            LocalDateTime lastLoginAt, LocalDateTime createdAt) {
    }

    /** One page of a list. */
    public record Page<T>(List<T> items, int page, int size, int total) {
        public int pages() {
            return Math.max(1, (total + size - 1) / size);
        }
    }

    private final Database db;
    private final PasswordHasher hasher;
    private final Clock clock;

    public AdminUsers(Database db, PasswordHasher hasher, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.clock = clock;
    }

    public PasswordHasher hasher() {
        return hasher;
    }

    public int count() {
        return db.dsl().fetchCount(ADMIN_USER);
    }

    /** Sortable by email, name, role, last_login, created. */
    public Page<User> list(int page, int size, String sort, boolean desc) {
        var field = switch (sort == null ? "" : sort) {
            case "name" -> ADMIN_USER.DISPLAY_NAME;
            case "role" -> ADMIN_USER.ROLE_NAME;
            case "created" -> ADMIN_USER.CREATED_AT;
            case "last_login" -> ADMIN_USER.LAST_LOGIN_AT;
            default -> ADMIN_USER.EMAIL;
        };
        SortField<?> order = desc ? field.desc() : field.asc();
        int total = count();
        List<User> items = db.dsl().selectFrom(ADMIN_USER).orderBy(order, ADMIN_USER.ID.asc())
                .limit(size).offset(Math.max(0, (page - 1) * size)).fetch(AdminUsers::toUser);
        return new Page<>(items, page, size, total);
    }

    public Optional<User> find(long id) {
        return db.dsl().selectFrom(ADMIN_USER).where(ADMIN_USER.ID.eq(id)).fetchOptional(AdminUsers::toUser);
    }

    public Optional<AdminUserRecord> findByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return db.dsl().selectFrom(ADMIN_USER).where(ADMIN_USER.EMAIL.eq(normalize(email))).fetchOptional();
    }

    /** Creates an account; field errors for a bad e-mail, name, role or password. */
    public long create(String email, String displayName, String role, String password) {
        Map<String, String> errors = new LinkedHashMap<>();
        String e = normalize(email);
        if (e.isEmpty() || !EMAIL.matcher(e).matches()) {
            errors.put("email", "error.email");
        }
        String name = displayName == null ? "" : displayName.trim();
        if (name.isEmpty()) {
            errors.put("displayName", "error.required");
        } else if (name.length() > 100) {
            errors.put("displayName", "error.too_long");
        }
        if (!roleExists(role)) {
            errors.put("role", "error.choice");
        }
        String pwError = passwordError(password);
        if (pwError != null) {
            errors.put("password", pwError);
        }
        if (errors.isEmpty() && findByEmail(e).isPresent()) {
            errors.put("email", "admin.error.email_taken");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("invalid admin account", errors);
        }
        String hash = hasher.hash(password);
        LocalDateTime now = now();
        return db.tx(tx -> Inserts.id(tx.dsl(), tx.dsl().insertInto(ADMIN_USER).set(ADMIN_USER.EMAIL, e)
                .set(ADMIN_USER.DISPLAY_NAME, name).set(ADMIN_USER.PASSWORD_HASH, hash).set(ADMIN_USER.ROLE_NAME, role)
                .set(ADMIN_USER.STATUS, "active").set(ADMIN_USER.CREATED_AT, now).set(ADMIN_USER.UPDATED_AT, now),
                ADMIN_USER.ID));
    }

    /** Changes name, role and status; refuses to leave the shop without an active owner. */
    public void update(long id, String displayName, String role, String status) {
        User before = find(id).orElseThrow(() -> new NotFoundException("no admin user " + id));
        Map<String, String> errors = new LinkedHashMap<>();
        String name = displayName == null ? "" : displayName.trim();
        if (name.isEmpty()) {
            errors.put("displayName", "error.required");
        } else if (name.length() > 100) {
            errors.put("displayName", "error.too_long");
        }
        if (!roleExists(role)) {
            errors.put("role", "error.choice");
        }
        if (!"active".equals(status) && !"disabled".equals(status)) {
            errors.put("status", "error.choice");
        }
        if (errors.isEmpty() && Permission.OWNER_ROLE.equals(before.role()) && "active".equals(before.status())
                && (!Permission.OWNER_ROLE.equals(role) || !"active".equals(status)) && activeOwners() <= 1) {
            errors.put("role", "admin.error.last_owner");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("invalid admin account", errors);
        }
        db.txRun(tx -> {
            tx.dsl().update(ADMIN_USER).set(ADMIN_USER.DISPLAY_NAME, name).set(ADMIN_USER.ROLE_NAME, role)
                    .set(ADMIN_USER.STATUS, status).set(ADMIN_USER.UPDATED_AT, now())
                    .where(ADMIN_USER.ID.eq(id)).execute();
            if (!"active".equals(status) || !role.equals(before.role())) {
                AdminSessions.deleteAllOf(tx.dsl(), id); // a demoted or disabled admin logs in again
            }
        });
    }

    public void setPassword(long id, String password) {
        String error = passwordError(password);
        if (error != null) {
            throw new ValidationException("password", error);
        }
        String hash = hasher.hash(password);
        db.dsl().update(ADMIN_USER).set(ADMIN_USER.PASSWORD_HASH, hash).set(ADMIN_USER.UPDATED_AT, now())
                .where(ADMIN_USER.ID.eq(id)).execute();
    }

    public void setLocale(long id, String locale) {
        db.dsl().update(ADMIN_USER).set(ADMIN_USER.LOCALE, locale).where(ADMIN_USER.ID.eq(id)).execute();
    }

    /** The principal of an active account (role permissions loaded), or empty. */
    public Optional<AdminPrincipal> principal(DSLContext dsl, long userId) {
        return dsl.selectFrom(ADMIN_USER).where(ADMIN_USER.ID.eq(userId)).and(ADMIN_USER.STATUS.eq("active"))
                .fetchOptional().map(u -> {
                    Set<String> perms = new HashSet<>(dsl.select(ADMIN_ROLE_PERMISSION.PERMISSION)
                            .from(ADMIN_ROLE_PERMISSION).where(ADMIN_ROLE_PERMISSION.ROLE_NAME.eq(u.getRoleName()))
                            .fetch(ADMIN_ROLE_PERMISSION.PERMISSION));
                    return new AdminPrincipal(u.getId(), u.getEmail(), u.getDisplayName(), u.getRoleName(), perms);
                });
    }

    public static String passwordError(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            return "admin.error.password_short";
        }
        if (password.length() > 200) {
            return "error.too_long";
        }
        return null;
    }

    private int activeOwners() {
        return db.dsl().fetchCount(ADMIN_USER, ADMIN_USER.ROLE_NAME.eq(Permission.OWNER_ROLE)
                .and(ADMIN_USER.STATUS.eq("active")));
    }

    private boolean roleExists(String role) {
        return role != null && db.dsl().fetchExists(ADMIN_ROLE, ADMIN_ROLE.NAME.eq(role));
    }

    static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    private static User toUser(AdminUserRecord r) {
        return new User(r.getId(), r.getEmail(), r.getDisplayName(), r.getRoleName(), r.getStatus(), r.getLocale(),
                r.getLastLoginAt(), r.getCreatedAt());
    }
}
