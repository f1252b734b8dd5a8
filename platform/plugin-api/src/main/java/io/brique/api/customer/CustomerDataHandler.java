package io.brique.api.customer;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * GDPR: every plugin that keeps personal data exports and erases it for one customer when asked.
 * Erasure must keep aggregates consistent (anonymise ledgers rather than delete movements).
 */
public interface CustomerDataHandler extends ExtensionPoint {

    /** The customer's data held by the plugin, as JSON-friendly values (maps, lists, strings, numbers). */
    Map<String, Object> export(long customerId, String email);

    /** Erases or anonymises the customer's data; returns a short human-readable record of what was done. */
    String erase(long customerId, String email);
}
