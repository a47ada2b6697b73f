package io.vpcflow.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.query.Table;
import io.vpcflow.report.Html;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values from other people's accounts are escaped for terminals, HTML and spreadsheets. */
class TableOutputTest {
    private static final Table HOSTILE = new Table(
            List.of("name", "bytes"),
            List.of(
                    Arrays.asList("<script>alert('x')</script> & \"q\"", 1234567L),
                    Arrays.asList("=HYPERLINK(\"http://x\")", 1L),
                    Arrays.asList("\u001b[2Jclear", null),
                    Arrays.asList("\t=1+1", 2L),
                    Arrays.asList("eni-\u202etxt.exe", 3L)));

    @Test
    void htmlEscapesEverySpecialCharacter() {
        assertThat(Html.escape("<script>alert('x')</script> & \"q\"\u0007"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\uFFFD");
        // A right-to-left override is shown, not obeyed: "eni-exe.txt" must not be how this one reads.
        assertThat(Html.escape("eni-\u202etxt.exe")).isEqualTo("eni-\\u202etxt.exe");
    }

    @Test
    void csvQuotesAndNeutralisesFormulas() {
        StringWriter s = new StringWriter();
        TableOutput.csv(HOSTILE, new PrintWriter(s, true));
        assertThat(s.toString().lines())
                .containsExactly(
                        "name,bytes",
                        "\"<script>alert('x')</script> & \"\"q\"\"\",1234567",
                        "\"'=HYPERLINK(\"\"http://x\"\")\",1",
                        "\\u001b[2Jclear,",
                        "'\t=1+1,2",
                        "eni-\\u202etxt.exe,3");
    }

    @Test
    void textIsTerminalSafeAndCountsAreGrouped() {
        StringWriter s = new StringWriter();
        TableOutput.text(HOSTILE, new PrintWriter(s, true));
        assertThat(s.toString())
                .doesNotContain("\u001b")
                .contains("\\u001b[2Jclear")
                .contains("1,234,567")
                .contains("(5 rows)");
    }
}
