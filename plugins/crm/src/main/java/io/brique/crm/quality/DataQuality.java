package io.brique.crm.quality;

import io.brique.crm.identity.Phones;
import io.brique.crm.identity.Similarity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Suggestions for the usual typing mistakes in a customer form: e-mail domains ("gmial.com"),
 * phone numbers not in E.164, names all in upper or lower case, postcodes that cannot exist in the
 * country. Suggestions only: the customer or the merchant decides.
 */
public final class DataQuality {
    private static final List<String> DOMAINS = List.of("gmail.com", "googlemail.com", "hotmail.com", "hotmail.fr",
            "outlook.com", "outlook.fr", "live.com", "live.fr", "yahoo.com", "yahoo.fr", "orange.fr", "wanadoo.fr",
            "free.fr", "sfr.fr", "laposte.net", "icloud.com", "me.com", "gmx.fr", "gmx.de", "aol.com",
            "protonmail.com", "proton.me", "bbox.fr", "neuf.fr", "msn.com", "yahoo.co.uk", "btinternet.com");
    private static final Map<String, String> TLD_TYPOS = Map.of("con", "com", "cmo", "com", "comm", "com", "cm", "com",
            "om", "com", "fe", "fr", "frr", "fr", "ner", "net", "nte", "net");
    private static final Set<String> PARTICLES = Set.of("de", "du", "des", "la", "le", "van", "von", "der", "den", "di", "da", "d", "l");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Map<String, Pattern> POSTCODES = Map.ofEntries(
            Map.entry("FR", Pattern.compile("\\d{5}")), Map.entry("DE", Pattern.compile("\\d{5}")),
            Map.entry("ES", Pattern.compile("\\d{5}")), Map.entry("IT", Pattern.compile("\\d{5}")),
            Map.entry("BE", Pattern.compile("[1-9]\\d{3}")), Map.entry("CH", Pattern.compile("[1-9]\\d{3}")),
            Map.entry("LU", Pattern.compile("\\d{4}")), Map.entry("AU", Pattern.compile("\\d{4}")),
            Map.entry("NL", Pattern.compile("[1-9]\\d{3} [A-Z]{2}")),
            Map.entry("US", Pattern.compile("\\d{5}(-\\d{4})?")),
            Map.entry("GB", Pattern.compile("[A-Z]{1,2}\\d[A-Z\\d]? \\d[A-Z]{2}")),
            Map.entry("CA", Pattern.compile("[A-Z]\\d[A-Z] \\d[A-Z]\\d")));

    private final String defaultCountry;

    public DataQuality(String defaultCountry) {
        this.defaultCountry = defaultCountry == null ? "FR" : defaultCountry.toUpperCase(Locale.ROOT);
    }

    /** All suggestions for a registration-like form; null or blank fields are skipped. */
    public List<Suggestion> check(String email, String phone, String givenName, String familyName, String postcode,
                                  String country) {
        List<Suggestion> out = new ArrayList<>();
        email(email).ifPresent(out::add);
        phone(phone, country).ifPresent(out::add);
        name("givenName", givenName).ifPresent(out::add);
        name("familyName", familyName).ifPresent(out::add);
        postcode(postcode, country).ifPresent(out::add);
        return out;
    }

    public Optional<Suggestion> email(String email) {
        if (email == null || email.isBlank()) return Optional.empty();
        String e = email.strip();
        if (!EMAIL.matcher(e).matches()) return Optional.of(new Suggestion("email", email, null, "quality.email.invalid"));
        int at = e.lastIndexOf('@');
        String local = e.substring(0, at), domain = e.substring(at + 1).toLowerCase(Locale.ROOT);
        if (DOMAINS.contains(domain)) return Optional.empty();
        int dot = domain.lastIndexOf('.');
        String tld = domain.substring(dot + 1);
        String fixed = TLD_TYPOS.containsKey(tld) ? domain.substring(0, dot + 1) + TLD_TYPOS.get(tld) : domain;
        String best = DOMAINS.contains(fixed) ? fixed : null;
        if (best == null) {
            int bestDistance = Integer.MAX_VALUE;
            for (String known : DOMAINS) {
                int d = Similarity.editDistance(fixed, known);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = known;
                }
            }
            // two edits on a short domain is another real domain more often than a typo
            int allowed = fixed.length() >= 9 ? 2 : 1;
            if (bestDistance > allowed) best = fixed.equals(domain) ? null : fixed;
        }
        if (best == null || best.equals(domain)) return Optional.empty();
        return Optional.of(new Suggestion("email", email, local + "@" + best, "quality.email.domain"));
    }

    public Optional<Suggestion> phone(String phone, String country) {
        if (phone == null || phone.isBlank()) return Optional.empty();
        String e164 = Phones.e164(phone, country == null || country.isBlank() ? defaultCountry : country);
        if (e164 == null) return Optional.of(new Suggestion("phone", phone, null, "quality.phone.invalid"));
        if (e164.equals(phone.strip())) return Optional.empty();
        return Optional.of(new Suggestion("phone", phone, e164, "quality.phone.format"));
    }

    /** "JEAN-PIERRE" and "jean-pierre" give "Jean-Pierre"; mixed case is left alone ("McDonald", "DeVito"). */
    public Optional<Suggestion> name(String field, String name) {
        if (name == null || name.isBlank()) return Optional.empty();
        String n = name.strip().replaceAll("\\s+", " ");
        boolean allUpper = n.equals(n.toUpperCase(Locale.ROOT)), allLower = n.equals(n.toLowerCase(Locale.ROOT));
        String cased = (allUpper || allLower) && n.chars().anyMatch(Character::isLetter) ? titleCase(n) : n;
        if (cased.equals(name)) return Optional.empty();
        return Optional.of(new Suggestion(field, name, cased, "quality.name.casing"));
    }

    public Optional<Suggestion> postcode(String postcode, String country) {
        if (postcode == null || postcode.isBlank()) return Optional.empty();
        String c = country == null || country.isBlank() ? defaultCountry : country.toUpperCase(Locale.ROOT);
        Pattern pattern = POSTCODES.get(c);
        if (pattern == null) return Optional.empty();
        String raw = postcode.strip();
        if (pattern.matcher(raw).matches()) return Optional.empty();
        String compact = raw.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        String candidate = switch (c) {
            case "GB", "CA", "NL" -> compact.length() > 3 ? compact.substring(0, compact.length() - (c.equals("NL") ? 2 : 3))
                    + " " + compact.substring(compact.length() - (c.equals("NL") ? 2 : 3)) : compact;
            case "US" -> compact.length() == 9 ? compact.substring(0, 5) + "-" + compact.substring(5) : compact;
            default -> compact;
        };
        if (pattern.matcher(candidate).matches()) {
            return Optional.of(new Suggestion("postcode", postcode, candidate, "quality.postcode.format"));
        }
        return Optional.of(new Suggestion("postcode", postcode, null, "quality.postcode.invalid"));
    }

    private static String titleCase(String n) {
        StringBuilder b = new StringBuilder(n.length());
        String lower = n.toLowerCase(Locale.ROOT);
        int wordStart = 0;
        for (int i = 0; i <= lower.length(); i++) {
            if (i == lower.length() || " -'".indexOf(lower.charAt(i)) >= 0) {
                String word = lower.substring(wordStart, i);
                boolean particle = wordStart > 0 && PARTICLES.contains(word) && (i == lower.length() || lower.charAt(i) != '-');
                if (!word.isEmpty()) b.append(particle ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
                if (i < lower.length()) b.append(lower.charAt(i));
                wordStart = i + 1;
            }
        }
        return b.toString();
    }
}
