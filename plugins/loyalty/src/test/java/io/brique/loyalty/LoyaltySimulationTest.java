package io.brique.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The simulation's harness (H2, then MariaDB): its pending points follow the simulated clock only. The first
 * harness left the plugin enabled, so the host's confirm job (every 10 minutes, on the wall clock) confirmed
 * every pending lot of the simulated 2011 when a run lasted past 10 minutes: the MariaDB run (619 s) ended
 * with 232,893 pending points instead of H2's 661,975. The ledger was never database-dependent.
 */
@Tag("db")
class LoyaltySimulationTest {

    private static LoyaltySimulation.Inv inv(String no, String at, Long customer, long totalMinor) {
        return new LoyaltySimulation.Inv(no, Instant.parse(at), customer, totalMinor);
    }

    @Test
    void pendingPointsAtTheEndAreThoseOfTheLastReturnWindowAndNoWallClockJobTouchesThem() {
        try (LoyaltySimulation.Sim sim = LoyaltySimulation.open()) {
            assertEquals("disabled", sim.shop().plugin("loyalty").status(),
                    "an enabled plugin's jobs would run on the wall clock against the simulation's tables");
            assertEquals(14, sim.loyalty().programme().returnWindowDays(), "the settings stay while disabled");
            LoyaltySimulation.Run run = LoyaltySimulation.simulate(sim, List.of(
                    inv("1001", "2011-09-01T10:00:00Z", 1L, 10_000),
                    inv("1002", "2011-09-20T10:00:00Z", 2L, 3_000),
                    inv("C1003", "2011-09-21T10:00:00Z", 2L, -1_000),
                    inv("1004", "2011-09-25T10:00:00Z", 1L, 5_000),
                    inv("1005", "2011-09-30T23:59:59Z", null, 7_000)));
            assertEquals(3, run.orders());
            assertEquals(1, run.refunds());
            LedgerService ledger = sim.loyalty().ledger();
            assertEquals(new LedgerService.Balance(100, 50), ledger.balance(1),
                    "the 1 September order is available since 15 September; the 25 September one is pending");
            assertEquals(new LedgerService.Balance(0, 20), ledger.balance(2), "30 points, 10 refunded, still pending");
            assertTrue(ledger.reconcile().isEmpty(), ledger.reconcile().toString());

            // what the enabled plugin's job did to the first harness: on the wall clock, every lot is due
            int confirmedByWallClock = new LoyaltyService(sim.shop().pluginContext("loyalty")).ledger().confirmDue();
            assertEquals(2, confirmedByWallClock);
            assertEquals(new LedgerService.Balance(150, 0), ledger.balance(1));
        }
    }
}
