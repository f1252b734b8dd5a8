package io.brique.crm.quality;

/**
 * A likely mistake in one field and its fix. {@code messageKey} is an i18n key of the plugin
 * ("quality.email.domain"); {@code suggested} is null when the value is wrong but there is no
 * single fix to offer (an impossible postcode).
 */
public record Suggestion(String field, String original, String suggested, String messageKey) {}
