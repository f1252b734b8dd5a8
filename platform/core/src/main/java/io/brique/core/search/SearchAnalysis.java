package io.brique.core.search;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * Text analysis of the catalog search, per locale (French or English; other locales use English):
 * units and numbers are normalised first ({@code 1/2 in.}, {@code 1/2"} and {@code 1/2 inch} all give
 * the tokens {@code 1_2 inch}; {@code 2 x 4} and {@code 2 in. x 4 in.} also give {@code 2x4}), then
 * standard tokenisation, French elision ({@code l'été}), lower case, stop words, accent folding and
 * a light stemmer (Porter for English, Savoy's light stemmer for French). Documents and queries go
 * through the same chain, so what is typed meets what is indexed.
 */
public final class SearchAnalysis {

    private SearchAnalysis() {
    }

    /**
     * The analyzer of a locale's index and queries: stemmed, except the {@code *_plain} fields (the same
     * chain without the stemmer, for typo tolerance on the words as written). Thread-safe.
     */
    public static Analyzer analyzer(String locale) {
        boolean french = "fr".equals(locale);
        return new PerFieldAnalyzerWrapper(new Chain(french, true), Map.of(SearchIndex.TITLE_PLAIN,
                new Chain(french, false)));
    }

    /** The terms a text gives with the analyzer (what the index holds, what a query looks for). */
    public static List<String> terms(Analyzer analyzer, String text) {
        return terms(analyzer, SearchIndex.TITLE, text);
    }

    /** The terms a text gives in a field. */
    public static List<String> terms(Analyzer analyzer, String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text == null ? "" : text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    // ---- units and numbers ----------------------------------------------------------------------

    private static final Pattern UNDERSCORE = Pattern.compile("_");
    private static final Pattern FRACTION = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)");
    private static final String NUM = "(\\d+(?:_\\d+)?(?:\\.\\d+)?)";
    private static final String INCH = "(?:in\\.|inch(?:es)?\\b|in\\b(?!\\s*\\d)|\"|'')";
    private static final String FOOT = "(?:ft\\.?|feet\\b|foot\\b|')";
    /** 2 x 4, 2x4, 2 in. x 4 in., 3/4 in. x 10 ft. : a dimension token AxB is added next to the text. */
    private static final Pattern DIMENSION = Pattern.compile(NUM + "\\s*(?:" + INCH + "|" + FOOT + ")?\\s*[x×*]\\s*"
            + NUM + "(?![\\d_])", Pattern.CASE_INSENSITIVE);
    private static final Pattern[] UNIT_PATTERNS;
    private static final String[] UNIT_NAMES;

    static {
        String[][] units = {
            {"sq\\.?\\s*-?\\s*f(?:t\\.?|eet\\b|oot\\b)|square\\s+f(?:ee|oo)t\\b", "sqft"},
            {"cu\\.?\\s*-?\\s*f(?:t\\.?|eet\\b|oot\\b)|cubic\\s+f(?:ee|oo)t\\b", "cuft"},
            {INCH, "inch"},
            {FOOT, "ft"},
            {"gallons?\\b|gal\\.?", "gal"},
            {"lbs?\\.?|pounds?\\b", "lb"},
            {"oz\\.?|ounces?\\b", "oz"},
            {"volts?\\b|v\\b", "volt"},
            {"watts?\\b|w\\b", "watt"},
            {"amps?\\b|amperes?\\b|a\\b", "amp"},
            {"mm\\b|millim[eè]tres?\\b|millimeters?\\b", "mm"},
            {"cm\\b|centim[eè]tres?\\b|centimeters?\\b", "cm"},
            {"kg\\b|kilos?\\b|kilogrammes?\\b|kilograms?\\b", "kg"},
            {"btus?\\b", "btu"},
        };
        UNIT_PATTERNS = new Pattern[units.length];
        UNIT_NAMES = new String[units.length];
        for (int i = 0; i < units.length; i++) {
            UNIT_PATTERNS[i] = Pattern.compile("(\\d)\\s*-?\\s*(?:" + units[i][0] + ")", Pattern.CASE_INSENSITIVE);
            UNIT_NAMES[i] = units[i][1];
        }
    }

    /**
     * Rewrites numbers and units into stable tokens: fractions {@code 1/2 -> 1_2}, units after a
     * number to one spelling ({@code in. " inch inches -> inch}, {@code ft. ' feet -> ft}, {@code gal.
     * gallon -> gal}, {@code sq. ft. -> sqft}, volts, watts, amps, pounds, ounces...), and dimensions
     * {@code A x B} get an extra {@code AxB} token. A literal {@code _} in the text becomes a space.
     */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String t = UNDERSCORE.matcher(text).replaceAll(" ");
        t = FRACTION.matcher(t).replaceAll("$1_$2");
        Matcher m = DIMENSION.matcher(t);
        StringBuilder sb = new StringBuilder(t.length() + 16);
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group() + " " + m.group(1) + "x" + m.group(2) + " "));
        }
        m.appendTail(sb);
        t = sb.toString();
        for (int i = 0; i < UNIT_PATTERNS.length; i++) {
            t = UNIT_PATTERNS[i].matcher(t).replaceAll("$1 " + UNIT_NAMES[i] + " ");
        }
        return t;
    }

    private static final CharArraySet FRENCH_STOP = FrenchAnalyzer.getDefaultStopSet();
    private static final CharArraySet ENGLISH_STOP = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
    private static final CharArraySet ELISIONS = new CharArraySet(List.of("l", "m", "t", "qu", "n", "s", "j", "d",
            "c", "jusqu", "quoiqu", "lorsqu", "puisqu"), true);

    private static final class Chain extends Analyzer {
        private final boolean french;
        private final boolean stem;

        Chain(boolean french, boolean stem) {
            this.french = french;
            this.stem = stem;
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            try {
                StringBuilder sb = new StringBuilder();
                char[] buf = new char[4096];
                for (int n; (n = reader.read(buf)) > 0;) {
                    sb.append(buf, 0, n);
                }
                return new StringReader(SearchAnalysis.normalize(sb.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = source;
            if (french) {
                ts = new ElisionFilter(ts, ELISIONS);
            } else {
                ts = new EnglishPossessiveFilter(ts);
            }
            ts = new LowerCaseFilter(ts);
            ts = new StopFilter(ts, french ? FRENCH_STOP : ENGLISH_STOP);
            ts = new ASCIIFoldingFilter(ts);
            if (stem) {
                ts = french ? new FrenchLightStemFilter(ts) : new PorterStemFilter(ts);
            }
            return new TokenStreamComponents(source, ts);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    }
}
