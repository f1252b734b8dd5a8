package io.brique.analytics;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Fuzzes the collection API's body parser (the plugin's own JSON reader and the event validation):
 * any input either parses or is refused with {@link CollectParser.BadInput}; any other exception,
 * which would be a 500, is a finding. Seeds in {@code CollectParserFuzzTestInputs/}; the normal build
 * replays them, {@code JAZZER_FUZZ=1} fuzzes (see docs/operations.md, *Fuzzing*).
 */
class CollectParserFuzzTest {

    private static final Ids IDS = new Ids();

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        // the request's flags vary with the input's length, so every mode of the parser is reached
        int flags = input.length;
        CollectParser.Origin origin = new CollectParser.Origin(Instant.ofEpochSecond(1_780_000_000L),
                (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, "fallback-visitor",
                (flags & 8) != 0 ? 42L : null, "shop.test");
        // as the servlet decodes a body: malformed UTF-8 becomes replacement characters
        String body = new String(input, StandardCharsets.UTF_8);
        try {
            new CollectParser(IDS).parse(body, origin);
        } catch (CollectParser.BadInput expected) {
            // refused with field messages: a 400
        }
    }
}
