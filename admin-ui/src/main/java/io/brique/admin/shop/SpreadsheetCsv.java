package io.brique.admin.shop;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Currency;

/**
 * CSV written for spreadsheets (RFC 4180, UTF-8 with a byte order mark so Excel reads accents). A
 * text cell starting with {@code = + - @}, a tab or a carriage return would be run as a formula by
 * Excel, LibreOffice or Google Sheets (CSV injection): it is prefixed with an apostrophe, which the
 * spreadsheet shows as text. Amounts are written by {@link #amount} as plain decimals and are never
 * negative here, so they need no prefix.
 */
final class SpreadsheetCsv implements AutoCloseable {

    private final Writer out;

    SpreadsheetCsv(OutputStream stream) {
        this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        write("\uFEFF");
    }

    /** One row of text cells (null is an empty cell). */
    void row(String... cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(neutralise(cells[i])));
        }
        write(b.append("\r\n").toString());
    }

    /** The text a spreadsheet will not evaluate. */
    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    private static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** Minor units as a plain decimal in the currency's digits ({@code 1999 EUR} is {@code 19.99}). */
    static String amount(long minor, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
