package io.brique.crm.identity;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Birth dates in the usual shapes: 19800521, 1980-05-21, 21/05/1980 (day first, the European order). */
public final class BirthDates {
    private BirthDates() {}

    /** The date, or null when missing, malformed or impossible (31 February, before 1900, in the future of 2100). */
    public static LocalDate parse(String s) {
        if (s == null) return null;
        String t = s.strip();
        if (t.isEmpty()) return null;
        try {
            int y, m, d;
            if (t.matches("\\d{8}")) {
                y = Integer.parseInt(t.substring(0, 4));
                m = Integer.parseInt(t.substring(4, 6));
                d = Integer.parseInt(t.substring(6, 8));
            } else if (t.matches("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}")) {
                String[] p = t.split("[-/.]");
                y = Integer.parseInt(p[0]);
                m = Integer.parseInt(p[1]);
                d = Integer.parseInt(p[2]);
            } else if (t.matches("\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}")) {
                String[] p = t.split("[-/.]");
                d = Integer.parseInt(p[0]);
                m = Integer.parseInt(p[1]);
                y = Integer.parseInt(p[2]);
            } else {
                return null;
            }
            if (y < 1880 || y > 2100) return null;
            return LocalDate.of(y, m, d);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
