package io.brique.synonyms;

import java.util.List;

/**
 * One merchant rule. {@code MULTI_WAY}: every term means the others ({@code sofa, couch, settee}).
 * {@code ONE_WAY}: the {@code from} terms also find the {@code to} terms, not the reverse
 * ({@code ps5 => playstation 5}). {@code CORRECTION}: a one-way rule whose matches rank below exact
 * matches ({@code weight} below 1). Terms may be phrases of several words.
 */
public record SynonymRule(long id, Type type, List<String> from, List<String> to, double weight) {

    public enum Type {
        MULTI_WAY, ONE_WAY, CORRECTION
    }

    /** Weight of a correction when the merchant gives none. */
    public static final double CORRECTION_WEIGHT = 0.6;
    public static final int MAX_TERMS = 50;
    public static final int MAX_TERM_LENGTH = 100;

    public SynonymRule {
        from = List.copyOf(from);
        to = List.copyOf(to);
        if (type == Type.MULTI_WAY ? from.size() < 2 || !to.isEmpty() : from.isEmpty() || to.isEmpty()) {
            throw new IllegalArgumentException(type == Type.MULTI_WAY ? "a multi-way rule needs at least two terms"
                    : "a one-way rule needs terms on both sides of =>");
        }
        if (from.size() + to.size() > MAX_TERMS) {
            throw new IllegalArgumentException("more than " + MAX_TERMS + " terms in one rule");
        }
        for (String t : from) {
            check(t);
        }
        for (String t : to) {
            check(t);
        }
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("weight must be in (0, 1]");
        }
    }

    private static String join(List<String> terms) {
        return String.join(", ", terms.stream().map(t -> t.replace(",", "\\,")).toList());
    }

    private static void check(String term) {
        if (term == null || Terms.words(term).isEmpty()) {
            throw new IllegalArgumentException("empty term");
        }
        if (term.length() > MAX_TERM_LENGTH) {
            throw new IllegalArgumentException("term longer than " + MAX_TERM_LENGTH + " characters");
        }
    }

    /** The rule in Solr synonyms format ({@code a, b} or {@code a => b}); a correction's weight is a comment. */
    public String toSolr() {
        if (type == Type.MULTI_WAY) {
            return join(from);
        }
        String line = join(from) + " => " + join(to);
        return type == Type.CORRECTION ? line + " # correction weight=" + weight : line;
    }
}
