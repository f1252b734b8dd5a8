package io.brique.analytics;

import java.util.Locale;
import java.util.Set;

/**
 * Traffic channel of a landing, from UTM parameters first, then the referrer host:
 * {@code paid} (cpc/ppc/paid* medium or a click id), {@code email}, {@code social}, {@code organic}
 * (a search engine without paid medium), {@code referral} (any other site), {@code direct} (no referrer
 * or the shop itself). Ordered rules, the first that matches wins.
 */
final class Channels {

    static final String DIRECT = "direct";
    static final String ORGANIC = "organic";
    static final String PAID = "paid";
    static final String SOCIAL = "social";
    static final String EMAIL = "email";
    static final String REFERRAL = "referral";
    static final java.util.List<String> ALL = java.util.List.of(DIRECT, ORGANIC, PAID, SOCIAL, EMAIL, REFERRAL);

    private static final Set<String> SEARCH = Set.of("google", "bing", "yahoo", "duckduckgo", "qwant", "ecosia",
            "baidu", "yandex", "startpage", "brave", "search.brave", "lilo");
    private static final Set<String> SOCIAL_SITES = Set.of("facebook", "instagram", "twitter", "x", "t", "linkedin",
            "lnkd", "pinterest", "reddit", "tiktok", "youtube", "snapchat", "threads", "mastodon", "bsky", "whatsapp");
    private static final Set<String> SOCIAL_MEDIA = Set.of("social", "social-network", "social-media", "sm", "social media");
    private static final Set<String> EMAIL_MEDIA = Set.of("email", "e-mail", "e_mail", "newsletter", "mail");

    private Channels() {
    }

    /** The channel for a landing; all arguments may be null. */
    static String classify(String utmSource, String utmMedium, String referrerHost, String shopHost, boolean clickId) {
        String medium = lower(utmMedium);
        String source = lower(utmSource);
        if (medium != null) {
            if (medium.matches("^(.*cp.*|ppc|paid.*|retargeting|display|banner|affiliate)$")) {
                return PAID;
            }
            if (EMAIL_MEDIA.contains(medium)) {
                return EMAIL;
            }
            if (SOCIAL_MEDIA.contains(medium)) {
                return SOCIAL;
            }
            if (medium.equals("organic")) {
                return ORGANIC;
            }
            if (medium.equals("referral")) {
                return REFERRAL;
            }
        }
        if (clickId) {
            return PAID;
        }
        if (source != null && EMAIL_MEDIA.contains(source)) {
            return EMAIL;
        }
        String host = lower(referrerHost);
        String site = host == null ? source : siteName(host);
        if (site != null && SOCIAL_SITES.contains(site)) {
            return SOCIAL;
        }
        if (site != null && SEARCH.contains(site)) {
            return ORGANIC;
        }
        if (host != null && !host.isEmpty() && !sameSite(host, lower(shopHost))) {
            return host.startsWith("mail.") || host.contains("webmail") ? EMAIL : REFERRAL;
        }
        return source != null ? REFERRAL : DIRECT;
    }

    /** {@code www.google.co.uk} -> {@code google}, {@code m.facebook.com} -> {@code facebook}. */
    static String siteName(String host) {
        String[] parts = host.split("\\.");
        if (parts.length == 1) {
            return parts[0];
        }
        int i = parts.length - 2;
        // second-level public suffixes: co.uk, com.au, co.jp...
        if (i > 0 && (parts[i].equals("co") || parts[i].equals("com") || parts[i].equals("org") || parts[i].equals("gouv"))
                && parts[parts.length - 1].length() == 2) {
            i--;
        }
        if (parts[i].equals("search") && i + 1 < parts.length && parts[i + 1].equals("brave")) {
            return "brave";
        }
        return parts[i];
    }

    static boolean sameSite(String host, String shopHost) {
        if (shopHost == null) {
            return false;
        }
        String h = host.startsWith("www.") ? host.substring(4) : host;
        String s = shopHost.startsWith("www.") ? shopHost.substring(4) : shopHost;
        return h.equals(s);
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
