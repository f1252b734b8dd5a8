package io.brique.core.web;

import io.brique.api.Money;
import java.text.NumberFormat;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Locale-aware formatting for templates ({@code ${fmt.money(1999, 'EUR')}} gives "19,99 €" in French,
 * "€19.99" in English). Pure formatting: no service, no state beyond the locale.
 */
public final class Formats {

    private final Locale locale;
    private final ZoneId zone;

    public Formats(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    public String money(long minor, String currency) {
        NumberFormat nf = NumberFormat.getCurrencyInstance(locale);
        Currency c = Currency.getInstance(currency);
        nf.setCurrency(c);
        nf.setMinimumFractionDigits(c.getDefaultFractionDigits());
        nf.setMaximumFractionDigits(c.getDefaultFractionDigits());
        return nf.format(Money.of(minor, currency).toDecimal());
    }

    public String money(Money m) {
        return money(m.minor(), m.currency());
    }

    /** A VAT rate in basis points as a percentage: 2000 gives "20 %" (fr) or "20%" (en). */
    public String percent(int basisPoints) {
        NumberFormat nf = NumberFormat.getPercentInstance(locale);
        nf.setMaximumFractionDigits(2);
        return nf.format(basisPoints / 10000.0);
    }

    /** A UTC timestamp shown in the shop's time zone. */
    public String dateTime(LocalDateTime utc) {
        if (utc == null) {
            return "";
        }
        return utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone)
                .format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale));
    }

    public String date(LocalDateTime utc) {
        if (utc == null) {
            return "";
        }
        return utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone)
                .format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
    }

    public String number(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }
}
