package io.brique.core.commerce.checkout;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/**
 * Retries a transaction that failed for a reason that goes away on retry (a deadlock victim, a lock
 * wait timeout), a few times with a short random pause. Anything else is rethrown at once.
 */
public final class Transient {

    private Transient() {
    }

    public static <T> T retry(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (DataAccessException e) {
                if (attempt >= 4 || !isTransient(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(5L + (long) (Math.random() * 20 * attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public static boolean isTransient(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                String state = s.getSQLState();
                if ("40001".equals(state) || "HYT00".equals(state) || s.getErrorCode() == 1205
                        || s.getErrorCode() == 1213 || s.getErrorCode() == 50200 || s.getErrorCode() == 40001) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A unique-key violation (a concurrent twin got there first). */
    public static boolean isDuplicate(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.jooq.exception.IntegrityConstraintViolationException) {
                return true;
            }
            if (c instanceof SQLException s && (s.getErrorCode() == 1062 || s.getErrorCode() == 23505
                    || "23505".equals(s.getSQLState()) || s instanceof java.sql.SQLIntegrityConstraintViolationException)) {
                return true;
            }
        }
        return false;
    }
}
