package io.brique.admin.web;

import java.util.List;

/** What the admin layout shows around every page. */
public record AdminLayout(String shopName, String lang, String title, List<LangOption> languages, User user,
        List<NavItem> navigation, String csrfToken, Flash flash, String path) {

    public record LangOption(String code, String label, boolean current) {
    }

    public record User(String displayName, String email, String role) {
    }

    /** {@code label} is already translated. */
    public record NavItem(String label, String url, boolean active, boolean plugin) {
    }
}
