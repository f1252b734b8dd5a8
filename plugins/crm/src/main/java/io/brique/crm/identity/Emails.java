package io.brique.crm.identity;

import java.util.Locale;
import java.util.Set;

/**
 * Canonical e-mail addresses for matching. Case is ignored everywhere; dots and "+tags" in the local
 * part are dropped only for providers that ignore them (Gmail), because elsewhere
 * "jean.dupont@" and "jeandupont@" may be two people.
 */
public final class Emails {
    private Emails() {}

    private static final Set<String> DOTS_AND_PLUS_IGNORED = Set.of("gmail.com", "googlemail.com");

    /** The canonical form, or null when the text is not an e-mail address. */
    public static String canonical(String email) {
        if (email == null) return null;
        String e = email.strip().toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        if (at <= 0 || at == e.length() - 1 || e.indexOf(' ') >= 0) return null;
        String local = e.substring(0, at);
        String domain = e.substring(at + 1);
        if (domain.endsWith(".")) domain = domain.substring(0, domain.length() - 1);
        if (!domain.contains(".")) return null;
        if (DOTS_AND_PLUS_IGNORED.contains(domain)) {
            int plus = local.indexOf('+');
            if (plus >= 0) local = local.substring(0, plus);
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        if (local.isEmpty()) return null;
        return local + "@" + domain;
    }

    public static String localPart(String canonical) {
        return canonical.substring(0, canonical.lastIndexOf('@'));
    }

    public static String domain(String canonical) {
        return canonical.substring(canonical.lastIndexOf('@') + 1);
    }
}
