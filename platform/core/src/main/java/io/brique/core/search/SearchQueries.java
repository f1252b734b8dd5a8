package io.brique.core.search;

import io.brique.api.search.SearchQuery.Expansion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the Lucene query of a shopper's text. The text is never parsed as query syntax: it is run
 * through the locale's analysis and each term becomes a disjunction over the text fields with their
 * weights (BM25 per field, best field wins). Typo tolerance adds, for longer alphabetic terms, a fuzzy
 * match on title, brand and category ranked well below the exact term. Expansions (synonyms) are a
 * graph: where their {@code from} words occur, the span matches either the words typed or the
 * expansion's words (all of them), scaled by its weight. Most words must match (all of one or two,
 * all but one of three or four, 75% beyond); a phrase match on the title ranks higher.
 */
public final class SearchQueries {

    /** Field weights of the text fields (BM25 scores are multiplied by them). */
    public static final Map<String, Float> FIELDS = Map.of(
            SearchIndex.TITLE, 3.0f, SearchIndex.BRAND, 2.0f, SearchIndex.CATEGORY, 1.5f,
            SearchIndex.ATTRIBUTES, 1.0f, SearchIndex.DESCRIPTION, 0.4f);

    /** More words than this are ignored (cost without benefit). */
    public static final int MAX_TERMS = 12;
    /** At most this many expansions are used per query, and this many per span of words. */
    public static final int MAX_EXPANSIONS = 24;
    static final int MAX_PER_SPAN = 6;
    /** Expansions score a little below the words typed, so at equal relevance the shopper's own words win. */
    static final float EXPANSION_DISCOUNT = 0.9f;
    /** The phrase of all the words (slop 2) and each pair of adjacent words (slop 1) add this much. */
    static final float PHRASE_BOOST = 3f;
    static final float PAIR_BOOST = 1f;
    /** Two adjacent words written as one ({@code out door} finds {@code Outdoor}). */
    static final float JOINED_BOOST = 2f;
    /** The word exactly as written (not only its stem) adds this much of a title match. */
    static final float AS_WRITTEN = 0.5f / 3f;

    /**
     * How many titles hold a word as written ({@code title_plain}); -1 when unknown. With it, a word no
     * title holds is corrected more freely and split into two known words ({@code showerhead}).
     */
    @FunctionalInterface
    public interface Vocabulary {
        Vocabulary NONE = word -> -1;

        int titles(String word);
    }

    /** fuzzy: typo tolerance; prefixLast: the last word may be incomplete (autocomplete). */
    /** relaxed: one matching word group is enough (the fallback when the normal query finds nothing). */
    public record Options(boolean fuzzy, boolean prefixLast, Map<String, Float> fields, float fuzzyWeight,
            boolean relaxed) {
        public static final Options SEARCH = new Options(true, false, FIELDS, 0.5f, false);
        public static final Options AUTOCOMPLETE = new Options(true, true, FIELDS, 0.5f, false);

        public Options withFuzzy(boolean on) {
            return new Options(on, prefixLast, fields, fuzzyWeight, relaxed);
        }

        public Options relax() {
            return new Options(fuzzy, prefixLast, fields, fuzzyWeight, true);
        }
    }

    /** The query, the number of word groups and how many must match; null query when the text has no words. */
    public record Built(Query query, List<String> terms, List<Expansion> applied) {
    }

    private SearchQueries() {
    }

    public static Built build(Analyzer analyzer, String text, List<Expansion> expansions, Options options) {
        return build(analyzer, text, expansions, options, Vocabulary.NONE);
    }

    public static Built build(Analyzer analyzer, String text, List<Expansion> expansions, Options options,
            Vocabulary vocabulary) {
        List<String> terms = SearchAnalysis.terms(analyzer, text);
        List<String> plain = SearchAnalysis.terms(analyzer, SearchIndex.TITLE_PLAIN, text);
        if (plain.size() != terms.size()) {
            plain = terms; // the stemmers never drop words; this only guards the pairing
        }
        if (terms.size() > MAX_TERMS) {
            terms = terms.subList(0, MAX_TERMS);
            plain = plain.subList(0, MAX_TERMS);
        }
        if (terms.isEmpty()) {
            return new Built(null, terms, List.of());
        }
        // Where each expansion applies: spans of consecutive terms equal to its analysed "from".
        record Span(int start, int end, List<String> to, float weight, Expansion source) {
        }
        List<Span> spans = new ArrayList<>();
        List<Expansion> usable = expansions == null ? List.of()
                : expansions.subList(0, Math.min(expansions.size(), MAX_EXPANSIONS));
        for (Expansion e : usable) {
            List<String> from = SearchAnalysis.terms(analyzer, e.from());
            List<String> to = SearchAnalysis.terms(analyzer, e.to());
            if (from.isEmpty() || to.isEmpty() || from.equals(to)) {
                continue;
            }
            for (int i = 0; i + from.size() <= terms.size(); i++) {
                if (terms.subList(i, i + from.size()).equals(from)) {
                    spans.add(new Span(i, i + from.size(), to, (float) e.weight(), e));
                }
            }
        }
        List<Query> groups = new ArrayList<>();
        List<Expansion> applied = new ArrayList<>();
        int i = 0;
        while (i < terms.size()) {
            int start = i;
            int end = spans.stream().filter(s -> s.start() == start).mapToInt(Span::end).max().orElse(start + 1);
            boolean last = end == terms.size();
            Query original = conjunction(terms.subList(start, end), plain.subList(start, end), options,
                    last && options.prefixLast(), vocabulary);
            List<Query> alternatives = new ArrayList<>();
            alternatives.add(original);
            for (Span s : spans) {
                if (s.start() == start && s.end() == end && alternatives.size() <= MAX_PER_SPAN) {
                    Query alt = conjunction(s.to(), s.to(), options.withFuzzy(false), false, Vocabulary.NONE);
                    alternatives.add(new BoostQuery(alt, s.weight() * EXPANSION_DISCOUNT));
                    if (!applied.contains(s.source())) {
                        applied.add(s.source());
                    }
                }
            }
            groups.add(alternatives.size() == 1 ? original : new DisjunctionMaxQuery(alternatives, 0.1f));
            i = end;
        }
        BooleanQuery.Builder main = new BooleanQuery.Builder();
        for (Query g : groups) {
            main.add(g, Occur.SHOULD);
        }
        main.setMinimumNumberShouldMatch(options.relaxed() ? 1 : minimumShouldMatch(groups.size()));
        Query q = main.build();
        if (terms.size() > 1) {
            // Proximity: the words together, adjacent pairs, and pairs written as one word, rank higher.
            PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(2);
            for (String t : terms) {
                phrase.add(new Term(SearchIndex.TITLE, t));
            }
            BooleanQuery.Builder ranked = new BooleanQuery.Builder().add(q, Occur.MUST)
                    .add(new BoostQuery(phrase.build(), PHRASE_BOOST), Occur.SHOULD);
            for (int k = 0; k + 1 < terms.size(); k++) {
                ranked.add(new BoostQuery(new PhraseQuery(1, SearchIndex.TITLE, terms.get(k), terms.get(k + 1)),
                        PAIR_BOOST), Occur.SHOULD);
                if (isAlphabetic(plain.get(k)) && isAlphabetic(plain.get(k + 1))) {
                    ranked.add(new BoostQuery(new TermQuery(new Term(SearchIndex.TITLE_PLAIN,
                            plain.get(k) + plain.get(k + 1))), JOINED_BOOST), Occur.SHOULD);
                }
            }
            q = ranked.build();
        }
        return new Built(q, terms, applied);
    }

    /** Multiplies the score of products matching most words, so they stay ahead of partial matches. */
    private static final float EXACT_FIRST = 1000f;

    /** Products matching the strict query first (best first), then those matching only the partial one. */
    public static Built exactFirst(Built strict, Built partial) {
        Query both = new BooleanQuery.Builder().add(new BoostQuery(strict.query(), EXACT_FIRST), Occur.SHOULD)
                .add(partial.query(), Occur.SHOULD).build();
        return new Built(both, strict.terms(), strict.applied());
    }

    /** All of one or two groups, all but one of three or four, three quarters (rounded down) beyond. */
    static int minimumShouldMatch(int groups) {
        if (groups <= 2) {
            return groups;
        }
        if (groups <= 4) {
            return groups - 1;
        }
        return (int) Math.floor(groups * 0.75);
    }

    private static Query conjunction(List<String> words, List<String> plain, Options options, boolean prefixLast,
            Vocabulary vocabulary) {
        if (words.size() == 1) {
            return term(words.getFirst(), plain.getFirst(), options, prefixLast, vocabulary);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (int k = 0; k < words.size(); k++) {
            b.add(term(words.get(k), plain.get(k), options, prefixLast && k == words.size() - 1, vocabulary),
                    Occur.MUST);
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(1);
        for (String w : words) {
            phrase.add(new Term(SearchIndex.TITLE, w));
        }
        b.add(new BoostQuery(phrase.build(), 1.5f), Occur.SHOULD);
        return b.build();
    }

    /**
     * One word (stemmed, and as written): best of the text fields, exact first (the word as written
     * adds a little: {@code lids} ranks {@code Lids} before {@code Lid}); a fuzzy match of the word as
     * written on the unstemmed title, or a prefix match, ranks below. A word that no title holds (the
     * vocabulary says so) is a likely typo: it is matched with up to two edits anywhere, first letter
     * included, at the weight of an exact match, and as two known words ({@code showerhead}).
     */
    static Query term(String word, String plain, Options options, boolean prefix, Vocabulary vocabulary) {
        List<Query> alternatives = new ArrayList<>();
        float title = options.fields().getOrDefault(SearchIndex.TITLE, 1f);
        options.fields().forEach((field, weight) -> {
            Query exact = new TermQuery(new Term(field, word));
            if (field.equals(SearchIndex.TITLE)) {
                exact = new BooleanQuery.Builder().add(exact, Occur.SHOULD).add(new BoostQuery(new TermQuery(
                        new Term(SearchIndex.TITLE_PLAIN, plain)), AS_WRITTEN), Occur.SHOULD).build();
            }
            alternatives.add(new BoostQuery(exact, weight));
        });
        boolean alphabetic = isAlphabetic(plain);
        int titles = options.fuzzy() && alphabetic && plain.length() >= 4 ? vocabulary.titles(plain) : -1;
        if (titles == 0) {
            alternatives.add(new BoostQuery(new FuzzyQuery(new Term(SearchIndex.TITLE_PLAIN, plain),
                    plain.length() >= 6 ? 2 : 1, 0, 30, true), title));
            Query split = split(plain, vocabulary);
            if (split != null) {
                alternatives.add(new BoostQuery(split, title));
            }
        } else if (options.fuzzy() && plain.length() >= 4 && alphabetic) {
            int edits = plain.length() >= 8 ? 2 : 1;
            alternatives.add(new BoostQuery(new FuzzyQuery(new Term(SearchIndex.TITLE_PLAIN, plain), edits, 1, 30,
                    true), title * options.fuzzyWeight()));
        }
        if (prefix && plain.length() >= 2) {
            alternatives.add(new BoostQuery(new PrefixQuery(new Term(SearchIndex.TITLE_PLAIN, plain)), title * 0.5f));
        }
        return alternatives.isEmpty() ? new MatchNoDocsQuery() : new DisjunctionMaxQuery(alternatives, 0.1f);
    }

    /** A word no title holds as two adjacent words that titles do hold ({@code doorknob -> door knob}). */
    private static Query split(String plain, Vocabulary vocabulary) {
        List<Query> splits = new ArrayList<>();
        for (int k = 3; k <= plain.length() - 3 && plain.length() >= 6; k++) {
            String left = plain.substring(0, k);
            String right = plain.substring(k);
            if (vocabulary.titles(left) > SPLIT_MIN_TITLES && vocabulary.titles(right) > SPLIT_MIN_TITLES) {
                splits.add(new PhraseQuery(SearchIndex.TITLE_PLAIN, left, right));
            }
        }
        return splits.isEmpty() ? null : splits.size() == 1 ? splits.getFirst() : new DisjunctionMaxQuery(splits, 0f);
    }

    /** Both halves of a split must be common words (rare fragments are noise). */
    static final int SPLIT_MIN_TITLES = 5;

    private static boolean isAlphabetic(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (!Character.isLetter(word.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
