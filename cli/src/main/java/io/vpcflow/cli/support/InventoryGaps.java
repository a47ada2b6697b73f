package io.vpcflow.cli.support;

import io.vpcflow.sg.IntentEvaluator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Names, once per run, what the inventory's rules and interfaces refer to that it lacks. */
public final class InventoryGaps {
    private static final int SHOWN = 5;

    private InventoryGaps() {}

    /** One warning line on {@code err}, or nothing when the inventory lacks nothing it names. */
    public static void warn(PrintWriter err, IntentEvaluator evaluator) {
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
