package io.vpcflow.cli.support;

import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.inventory.Estates.Estate;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.sg.IntentEvaluator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Names, once per run, what the inventory does not know: snapshots whose calls failed (an account whose role could
 * not be assumed among them), and what its rules and interfaces refer to that it lacks.
 */
public final class InventoryGaps {
    private static final int SHOWN = 5;

    private InventoryGaps() {}

    /** A line per incomplete snapshot, then one for what the rules name and the inventory lacks; or nothing. */
    public static void warn(PrintWriter err, LoadedInventory inventory) {
        boolean many = inventory.estates().size() > 1;
        for (Estate e : inventory.estates()) {
            String estate = many ? TerminalText.safe(e.name(), 200) + ": " : "";
            for (InventorySnapshot s : e.snapshots()) {
                if (!s.complete()) {
                    err.println("vpcflow: warning: " + estate + "the snapshot "
                            + (s.takenAt() == null ? "in " + TerminalText.safe(e.where(), 300) : "of " + s.takenAt())
                            + " is incomplete; these calls failed: "
                            + TerminalText.safe(String.join(", ", s.failedCalls()), 300));
                }
            }
            if (many && e.usable().isEmpty()) {
                err.println("vpcflow: warning: " + estate + "no snapshot lists its network interfaces, so its "
                        + "records are unattributed");
            }
        }
        warnGaps(err, inventory.evaluator());
    }

    private static void warnGaps(PrintWriter err, IntentEvaluator evaluator) {
        Map<String, String> gaps = evaluator.gaps();
        if (gaps.isEmpty()) {
            return;
        }
        List<String> shown = new ArrayList<>();
        for (String what : gaps.values()) {
            if (shown.size() == SHOWN) {
                break;
            }
            shown.add(TerminalText.safe(what, 200));
        }
        int more = gaps.size() - shown.size();
        err.println("vpcflow: warning: the inventory lacks " + String.join(", ", shown)
                + (more > 0 ? " and " + more + " more" : "")
                + "; the verdicts they would decide are stale_inventory, not guessed");
        err.flush();
    }
}
