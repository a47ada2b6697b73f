package io.vpcflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneShotTest {

    @Test
    void ratioIsDuckDbsAddedCpuOverVpcflows() {
        assertThat(OneShot.ratio(2.0, 3.0)).isEqualTo("1.50");
    }

    @Test
    void aSetTooSmallToAddCpuIsNamedNotDividedBy() {
        // The CI run that printed "-Infinity": vpcflow's large and small runs cost the same 3.63 CPU s.
        assertThat(OneShot.ratio(0.0, -0.30)).startsWith("not measurable");
        assertThat(OneShot.ratio(0.23, -0.01)).startsWith("not measurable");
        assertThat(OneShot.ratio(-0.1, 0.5)).startsWith("not measurable");
    }
}
