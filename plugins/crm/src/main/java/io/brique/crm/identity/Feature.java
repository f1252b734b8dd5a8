package io.brique.crm.identity;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * One field comparison with discrete agreement levels (names: exact, same nickname or Jaro-Winkler
 * >= 0.92, >= 0.80; street >= 0.90, >= 0.75; dates, phones, postcodes: one or two typos), level 0 the strongest agreement and the last
 * level disagreement; {@link #MISSING} when either side lacks the field (it then weighs nothing).
 */
public enum Feature {
    GIVEN_NAME(4, "exact", "nickname_or_close", "similar", "different"),
    FAMILY_NAME(4, "exact", "close", "similar", "different"),
    BIRTH_DATE(4, "exact", "typo_or_swap", "two_typos", "different"),
    EMAIL(3, "exact", "same_local_or_typo", "different"),
    PHONE(3, "exact", "typo", "different"),
    POSTCODE(3, "exact", "typo", "different"),
    HOUSE_NUMBER(2, "exact", "different"),
    STREET(4, "exact", "close", "similar", "different"),
    LOCALITY(3, "exact", "close", "different"),
    CITY(3, "exact", "close", "different");

    public static final int MISSING = -1;
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private final int levels;
    private final String[] labels;

    Feature(int levels, String... labels) {
        this.levels = levels;
        this.labels = labels;
    }

    public int levels() {
        return levels;
    }

    /** A short key naming the level ("exact", "typo", "different", "missing"), used in i18n keys {@code identity.level.*}. */
    public String label(int level) {
        return level == MISSING ? "missing" : labels[level];
    }

    /** Compares a and b; {@code swapped} compares a's given name with b's family name and vice versa. */
    int compare(NormalizedPerson a, NormalizedPerson b, boolean swapped) {
        return switch (this) {
            case GIVEN_NAME -> swapped ? name(a.given(), a.givenCanonical(), b.family(), b.family())
                    : name(a.given(), a.givenCanonical(), b.given(), b.givenCanonical());
            case FAMILY_NAME -> swapped ? name(a.family(), a.family(), b.given(), b.given())
                    : name(a.family(), a.family(), b.family(), b.family());
            case BIRTH_DATE -> date(a.birthDate(), b.birthDate());
            case EMAIL -> email(a.email(), b.email());
            case PHONE -> typo(a.phone(), b.phone());
            case POSTCODE -> typo(a.postcode(), b.postcode());
            case HOUSE_NUMBER -> a.houseNumber().isEmpty() || b.houseNumber().isEmpty() ? MISSING
                    : a.houseNumber().equals(b.houseNumber()) ? 0 : 1;
            case STREET -> jw(a.street(), b.street(), 0.90, 0.75);
            case LOCALITY -> jw(a.locality(), b.locality(), 0.90, -1);
            case CITY -> jw(a.city(), b.city(), 0.90, -1);
        };
    }

    private static int name(String a, String aCanonical, String b, String bCanonical) {
        if (a.isEmpty() || b.isEmpty()) return MISSING;
        if (a.equals(b)) return 0;
        if (aCanonical.equals(bCanonical)) return 1;
        double s = Similarity.jaroWinkler(a, b);
        return s >= 0.92 ? 1 : s >= 0.80 ? 2 : 3;
    }

    private static int jw(String a, String b, double close, double similar) {
        if (a.isEmpty() || b.isEmpty()) return MISSING;
        if (a.equals(b)) return 0;
        double s = Similarity.jaroWinkler(a, b);
        if (s >= close) return 1;
        if (similar < 0) return 2;
        return s >= similar ? 2 : 3;
    }

    private static int typo(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) return MISSING;
        if (a.equals(b)) return 0;
        return Similarity.editDistance(a, b) <= 1 ? 1 : 2;
    }

    private static int email(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) return MISSING;
        if (a.equals(b)) return 0;
        if (Emails.localPart(a).equals(Emails.localPart(b)) || Similarity.editDistance(a, b) <= 1) return 1;
        return 2;
    }

    private static int date(LocalDate a, LocalDate b) {
        if (a == null || b == null) return MISSING;
        if (a.equals(b)) return 0;
        if (a.getYear() == b.getYear() && a.getMonthValue() == b.getDayOfMonth() && a.getDayOfMonth() == b.getMonthValue()) {
            return 1;
        }
        int d = Similarity.editDistance(a.format(BASIC), b.format(BASIC));
        return d <= 1 ? 1 : d <= 2 ? 2 : 3;
    }
}
