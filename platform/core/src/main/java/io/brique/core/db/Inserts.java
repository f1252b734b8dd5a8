package io.brique.core.db;

import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * Inserting one row and getting its generated id on every supported database. On MariaDB jOOQ
 * renders {@code INSERT ... RETURNING}, which Connector/J refuses to run as a query, so there the
 * id is read with {@code LAST_INSERT_ID()} (per connection, same transaction).
 */
public final class Inserts {

    private Inserts() {
    }

    public static <R extends Record> long id(DSLContext dsl, InsertSetMoreStep<R> insert, TableField<R, Long> idField) {
        SQLDialect family = dsl.dialect().family();
        if (family == SQLDialect.MARIADB || family == SQLDialect.MYSQL) {
            insert.execute();
            return dsl.select(DSL.field("LAST_INSERT_ID()", Long.class)).fetchOne().value1();
        }
        return insert.returningResult(idField).fetchOne().value1();
    }
}
