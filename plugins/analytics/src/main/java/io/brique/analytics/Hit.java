package io.brique.analytics;

import java.time.Instant;
import java.util.List;

/**
 * One event ready to store. {@code visitorKey} is already privacy-processed (see {@link Privacy});
 * {@code channel}/{@code source}/{@code medium}/{@code campaign} are set only on events that carry a
 * traffic source (a landing), null on the following hits of a visit.
 */
record Hit(long id, String eventUid, Instant at, String name, String origin, String visitorKey, Long customerId,
        boolean consented, String page, String referrerHost, String channel, String source, String medium,
        String campaign, Long valueMinor, String currency, String transactionId, String searchTerm,
        Integer resultCount, String target, List<Item> items) {

    Hit {
        items = List.copyOf(items);
    }

    record Item(String id, String name, String category, Long priceMinor, int quantity) {
    }
}
