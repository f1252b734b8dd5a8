package io.brique.core.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the core Flyway migrations (db/ at the top of the repository, packaged under db/migration/core). */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    public static void migrateCore(Database db) {
        MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(db.dataSource())
                .locations("classpath:db/migration/core")
                .table("flyway_schema_history")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        LOG.info("database schema at version {} ({} migration(s) applied)", result.targetSchemaVersion,
                result.migrationsExecuted);
    }
}
