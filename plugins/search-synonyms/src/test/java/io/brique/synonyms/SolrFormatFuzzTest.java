package io.brique.synonyms;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the synonym file import (Solr / Elasticsearch format): any text gives rules and line errors,
 * never an exception; and what is accepted survives a round trip (the export of the parsed rules reads
 * back to the same rules without errors), so an imported file can always be exported and re-imported.
 * Seeds in {@code SolrFormatFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/operations.md).
 */
class SolrFormatFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        SolrFormat.Parsed parsed = SolrFormat.parse(new String(input, StandardCharsets.UTF_8));
        SolrFormat.Parsed again = SolrFormat.parse(SolrFormat.write(parsed.rules()));
        if (!again.errors().isEmpty() || !again.rules().equals(parsed.rules())) {
            throw new AssertionError("round trip changed the rules: " + parsed.rules() + " -> " + again.rules()
                    + " " + again.errors());
        }
    }
}
