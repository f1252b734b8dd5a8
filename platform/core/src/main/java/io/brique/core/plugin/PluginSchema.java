package io.brique.core.plugin;

import io.brique.core.db.Database;
import java.util.List;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A plugin's own tables: those whose name starts with its prefix (and its migration history). */
final class PluginSchema {

    private static final Logger LOG = LoggerFactory.getLogger(PluginSchema.class);

    private final Database db;

    PluginSchema(Database db) {
        this.db = db;
    }

    List<String> tables(String prefix) {
        String like = prefix.replace("_", "\\_") + "%";
        return db.dsl().select(DSL.field("table_name", String.class))
                .from(DSL.table("information_schema.tables"))
                .where(DSL.field("table_schema").eq(DSL.currentSchema()))
                .and(DSL.lower(DSL.field("table_name", String.class)).like(like, '\\'))
                .fetch(0, String.class);
    }

    void dropTables(String prefix) {
        List<String> tables = tables(prefix);
        // Foreign keys between a plugin's own tables: drop in several passes.
        for (int pass = 0; pass < 5 && !tables.isEmpty(); pass++) {
            for (String t : List.copyOf(tables)) {
                try {
                    db.dsl().dropTableIfExists(DSL.name(t)).execute();
                    tables.remove(t);
                    LOG.info("dropped plugin table {}", t);
                } catch (RuntimeException e) {
                    LOG.debug("table {} not dropped yet: {}", t, e.getMessage());
                }
            }
            tables = new java.util.ArrayList<>(tables);
        }
        if (!tables.isEmpty()) {
            throw new PluginException("could not drop plugin tables " + tables);
        }
    }
}
