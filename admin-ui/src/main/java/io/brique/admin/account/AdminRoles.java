package io.brique.admin.account;

import static io.brique.core.db.jooq.Tables.ADMIN_ROLE;
import static io.brique.core.db.jooq.Tables.ADMIN_ROLE_PERMISSION;
import static io.brique.core.db.jooq.Tables.ADMIN_USER;

import io.brique.admin.Permission;
import io.brique.core.db.Database;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Roles and their permissions. The owner role is fixed (every permission); others are edited freely. */
public final class AdminRoles {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_-]{1,39}$");
    private static final Pattern PERMISSION = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,99}$");

    public record Role(String name, boolean builtin, Set<String> permissions, int users) {
    }

    private final Database db;

    public AdminRoles(Database db) {
        this.db = db;
    }

    public List<Role> list() {
        List<Role> out = new ArrayList<>();
        for (var r : db.dsl().selectFrom(ADMIN_ROLE).orderBy(ADMIN_ROLE.BUILTIN.desc(), ADMIN_ROLE.NAME).fetch()) {
            out.add(new Role(r.getName(), r.getBuiltin(), permissions(r.getName()),
                    db.dsl().fetchCount(ADMIN_USER, ADMIN_USER.ROLE_NAME.eq(r.getName()))));
        }
        // owner first, then manager, staff, then custom roles
        out.sort(java.util.Comparator.comparingInt(AdminRoles::rank).thenComparing(Role::name));
        return out;
    }

    public List<String> names() {
        return list().stream().map(Role::name).toList();
    }

    private static int rank(Role r) {
        return switch (r.name()) {
            case "owner" -> 0;
            case "manager" -> 1;
            case "staff" -> 2;
            default -> 3;
        };
    }

    public Set<String> permissions(String role) {
        return new TreeSet<>(db.dsl().select(ADMIN_ROLE_PERMISSION.PERMISSION).from(ADMIN_ROLE_PERMISSION)
                .where(ADMIN_ROLE_PERMISSION.ROLE_NAME.eq(role)).fetch(ADMIN_ROLE_PERMISSION.PERMISSION));
    }

    /** Replaces a role's permissions; {@code known} are the permissions that exist (core + plugins). */
    public void save(String role, Collection<String> permissions, Collection<String> known) {
        if (Permission.OWNER_ROLE.equals(role)) {
            throw new ValidationException("role", "admin.error.owner_fixed");
        }
        if (!db.dsl().fetchExists(ADMIN_ROLE, ADMIN_ROLE.NAME.eq(role))) {
            throw new NotFoundException("no role " + role);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (String p : permissions) {
            if (!known.contains(p) || !PERMISSION.matcher(p).matches()) {
                errors.put("permissions", "error.choice");
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("unknown permission", errors);
        }
        db.txRun(tx -> {
            tx.dsl().deleteFrom(ADMIN_ROLE_PERMISSION).where(ADMIN_ROLE_PERMISSION.ROLE_NAME.eq(role)).execute();
            for (String p : new TreeSet<>(permissions)) {
                tx.dsl().insertInto(ADMIN_ROLE_PERMISSION).set(ADMIN_ROLE_PERMISSION.ROLE_NAME, role)
                        .set(ADMIN_ROLE_PERMISSION.PERMISSION, p).execute();
            }
        });
    }

    public void create(String name) {
        String n = name == null ? "" : name.trim();
        if (!NAME.matcher(n).matches()) {
            throw new ValidationException("name", "admin.error.role_name");
        }
        if (db.dsl().fetchExists(ADMIN_ROLE, ADMIN_ROLE.NAME.eq(n))) {
            throw new ValidationException("name", "admin.error.role_taken");
        }
        db.dsl().insertInto(ADMIN_ROLE).set(ADMIN_ROLE.NAME, n).set(ADMIN_ROLE.BUILTIN, false).execute();
    }
}
