package io.brique.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.brique.core.catalog.CatalogFixture;
import io.brique.core.commerce.CommerceFixtures;
import io.brique.core.testing.TestApp;
import io.brique.testing.HttpSession;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the two CSV imports through the real server (a running node, the real endpoints, the
 * database): whatever the file, the answer is a 2xx report or a 4xx with a message, never a 5xx.
 * Seeds in {@code CsvImportFuzzTestInputs/<method>/}; the normal build replays them, {@code JAZZER_FUZZ=1}
 * fuzzes one method (docs/operations.md, *Fuzzing*).
 */
@Tag("db")
class CsvImportFuzzTest {

    static TestApp app;
    static String token;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        CatalogFixture.load(app.app());
        CommerceFixtures.stores(app);
        CommerceFixtures.product(app, "FUZZ-A", 1990, 50);
        token = app.apiToken();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static void post(String path, byte[] body) {
        HttpSession.Response r = app.http().send("POST", path, "text/csv; charset=utf-8", body,
                Map.of("Authorization", "Bearer " + token));
        if (r.status() >= 500 || r.status() < 200) {
            throw new AssertionError(path + " answered " + r.status() + ": " + r.body());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void productCsv(byte[] input) {
        post("/api/v1/imports/products", input);
    }

    @FuzzTest(maxDuration = "60s")
    void storeSalesCsv(byte[] input) {
        post("/api/v1/imports/store-sales", input);
    }
}
