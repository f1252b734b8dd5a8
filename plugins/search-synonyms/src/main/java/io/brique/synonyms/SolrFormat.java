package io.brique.synonyms;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes synonym rules in the Solr / Elasticsearch text format: one rule per line,
 * {@code a, b, c} (equivalent terms) or {@code a, b => c, d} (one way), {@code #} comments, blank lines
 * ignored, {@code \,} for a literal comma. A trailing comment {@code # correction} or
 * {@code # correction weight=0.5} (our extension, ignored by Solr) makes a one-way rule a correction.
 * A file with any bad line is rejected as a whole, with every bad line's number and reason.
 */
public final class SolrFormat {

    public record LineError(int line, String message) {
    }

    public record Parsed(List<SynonymRule> rules, List<LineError> errors) {
    }

    public static final int MAX_LINE = 2000;

    private SolrFormat() {
    }

    public static Parsed parse(String text) {
        List<SynonymRule> rules = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        if (text == null) {
            return new Parsed(rules, errors);
        }
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            if (raw.length() > MAX_LINE) {
                errors.add(new LineError(i + 1, "line longer than " + MAX_LINE + " characters"));
                continue;
            }
            if (raw.indexOf('\u0000') >= 0) {
                errors.add(new LineError(i + 1, "binary content"));
                continue;
            }
            String comment = "";
            int hash = raw.indexOf('#');
            String line = hash >= 0 ? raw.substring(0, hash) : raw;
            if (hash >= 0) {
                comment = raw.substring(hash + 1).trim();
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                rules.add(rule(line, comment));
            } catch (IllegalArgumentException e) {
                errors.add(new LineError(i + 1, e.getMessage()));
            }
        }
        return new Parsed(rules, errors);
    }

    private static SynonymRule rule(String line, String comment) {
        int arrow = line.indexOf("=>");
        if (arrow >= 0) {
            if (line.indexOf("=>", arrow + 2) >= 0) {
                throw new IllegalArgumentException("more than one =>");
            }
            List<String> from = terms(line.substring(0, arrow));
            List<String> to = terms(line.substring(arrow + 2));
            if (comment.startsWith("correction")) {
                double w = SynonymRule.CORRECTION_WEIGHT;
                int eq = comment.indexOf("weight=");
                if (eq >= 0) {
                    try {
                        w = Double.parseDouble(comment.substring(eq + 7).trim().split("\\s+")[0]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad weight");
                    }
                }
                return new SynonymRule(0, SynonymRule.Type.CORRECTION, from, to, w);
            }
            return new SynonymRule(0, SynonymRule.Type.ONE_WAY, from, to, 1.0);
        }
        return new SynonymRule(0, SynonymRule.Type.MULTI_WAY, terms(line), List.of(), 1.0);
    }

    private static List<String> terms(String part) {
        List<String> out = new ArrayList<>();
        for (String t : part.split("(?<!\\\\),", -1)) {
            String term = t.replace("\\,", ",").strip();
            if (term.isEmpty()) {
                throw new IllegalArgumentException("empty term");
            }
            out.add(term);
        }
        return out;
    }

    public static String write(List<SynonymRule> rules) {
        StringBuilder sb = new StringBuilder();
        for (SynonymRule r : rules) {
            sb.append(r.toSolr()).append('\n');
        }
        return sb.toString();
    }
}
