package io.vpcflow.report;

import java.util.List;
import java.util.Locale;

/**
 * The one set of colours every page uses: a verdict has the same colour on every chart, legend and table. Data picks
 * a class only from this list; anything else is {@code v-other}.
 */
public final class Palette {
    /** The verdicts in the order legends list them, with their colours. */
    static final List<String[]> VERDICTS = List.of(
            new String[] {"allowed", "#1b7837"},
            new String[] {"blocked", "#5e6b7a"},
            new String[] {"unexpected_accept", "#c51b1b"},
            new String[] {"unexpected_reject", "#e08214"},
            new String[] {"not_evaluated", "#a6a6a6"});

    private static final String OTHER = "#7b3294";

    private Palette() {}

    /** The CSS class of a verdict's colour. */
    static String verdictClass(String verdict) {
        if (verdict != null) {
            for (String[] v : VERDICTS) {
                if (v[0].equals(verdict.toLowerCase(Locale.ROOT))) {
                    return "v-" + v[0];
                }
            }
        }
        return "v-other";
    }

    /** The style rules for the colours: each class sets {@code --c}, which bars, lines and swatches paint with. */
    static String css() {
        StringBuilder css = new StringBuilder();
        for (String[] v : VERDICTS) {
            css.append(".v-").append(v[0]).append("{--c:").append(v[1]).append("}");
        }
        return css.append(".v-other{--c:")
                .append(OTHER)
                .append("}.v-plain{--c:#3a6ea5}")
                .toString();
    }
}
