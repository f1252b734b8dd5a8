package io.brique.admin;

import java.util.Set;

/** The admin behind a request: who, which role, what they may do. */
public record AdminPrincipal(long id, String email, String displayName, String role, Set<String> permissions) {

    public AdminPrincipal {
        permissions = Set.copyOf(permissions);
    }

    public boolean isOwner() {
        return Permission.OWNER_ROLE.equals(role);
    }

    /** The owner may do everything; others need the permission in their role. */
    public boolean has(String permission) {
        return Permission.PUBLIC.equals(permission) || Permission.AUTHENTICATED.equals(permission) || isOwner()
                || permissions.contains(permission);
    }
}
