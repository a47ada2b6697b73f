package io.vpcflow.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalTextTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "plain eni-123 text | plain eni-123 text | ordinary text is untouched",
                "a\u001b[2Jb | a\\u001b[2Jb | an ANSI escape is shown, not obeyed",
                "x\u0007\u009by | x\\u0007\\u009by | BEL and a C1 control",
                "evil\u202Etxt.exe | evil\\u202etxt.exe | a right-to-left override",
                "tab\there | tab\\there | a tab",
                "snowman ☃ é | snowman ☃ é | printable Unicode stays",
            })
    void escapesWhatATerminalWouldObey(String in, String out, String what) {
        assertThat(TerminalText.safe(in)).as(what).isEqualTo(out);
    }
}
