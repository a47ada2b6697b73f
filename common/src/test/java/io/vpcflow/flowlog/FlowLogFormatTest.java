package io.vpcflow.flowlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlowLogFormatTest {

    @Test
    void defaultFormatIsTheFourteenVersionTwoFields() {
        assertThat(FlowLogFormat.DEFAULT.headerLine())
                .isEqualTo(
                        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status");
        assertThat(FlowLogFormat.DEFAULT.version()).isEqualTo(2);
    }

    @Test
    void knowsWhetherItsFieldsAreAllWithinASet() {
        java.util.EnumSet<FlowField> v2 =
                java.util.EnumSet.copyOf(List.of(FlowField.values()).subList(0, 14));
        assertThat(FlowLogFormat.DEFAULT.onlyFieldsIn(v2)).isTrue();
        assertThat(FlowLogFormat.parse("version srcaddr action").onlyFieldsIn(v2))
                .isTrue();
        assertThat(FlowLogFormat.parse("version srcaddr tcp-flags").onlyFieldsIn(v2))
                .isFalse();
        assertThat(FlowLogFormat.parse("version srcaddr some-future-field").onlyFieldsIn(v2))
                .as("an unknown field")
                .isFalse();
        assertThat(FlowLogFormat.parse("version srcaddr tcp-flags").contains(FlowField.TCP_FLAGS))
                .isTrue();
        assertThat(FlowLogFormat.DEFAULT.contains(FlowField.TCP_FLAGS)).isFalse();
    }

    @Test
    void readsTheAwsSyntaxAndPlainNamesAlike() {
        FlowLogFormat aws = FlowLogFormat.parse("${version} ${vpc-id} ${srcaddr} ${tcp-flags}");
        FlowLogFormat plain = FlowLogFormat.parse("version vpc-id srcaddr tcp-flags");
        FlowLogFormat commas = FlowLogFormat.parse("version,vpc-id, srcaddr ,tcp-flags");
        assertThat(aws).isEqualTo(plain).isEqualTo(commas);
        assertThat(aws.toAwsFormat()).isEqualTo("${version} ${vpc-id} ${srcaddr} ${tcp-flags}");
        assertThat(aws.field(1)).isEqualTo(FlowField.VPC_ID);
    }

    @ParameterizedTest(name = "{0} is version {1}")
    @CsvSource({
        "version srcaddr, 2",
        "srcaddr tcp-flags, 3",
        "az-id srcaddr, 4",
        "traffic-path, 5",
        "tgw-id packets-lost-no-route, 6",
        "ecs-task-id, 7",
        "reject-reason, 8",
        "resource-id, 9",
        "encryption-status, 10",
        "next-hop-interface-type srcaddr, 11",
        "srcaddr some-future-field, 2",
    })
    void versionIsTheHighestAmongTheChosenFields(String names, int version) {
        assertThat(FlowLogFormat.parse(names).version()).isEqualTo(version);
    }

    @Test
    void keepsUnknownFieldsAsExtraColumnsInPlace() {
        FlowLogFormat f = FlowLogFormat.parse("${version} ${quantum-flux} ${srcaddr} ${zz-top}");
        assertThat(f.field(1)).isNull();
        assertThat(f.extraIndex(1)).isZero();
        assertThat(f.extraIndex(3)).isEqualTo(1);
        assertThat(f.extraNames()).containsExactly("quantum-flux", "zz-top");
        assertThat(FlowField.columnName("quantum-flux")).isEqualTo("quantum_flux");
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(
            strings = {
                "",
                "   ",
                "${version} oops ${srcaddr}",
                "version version",
                "Version",
                "src addr!",
                "${version} ${}"
            })
    void refusesFormatsThatCannotBeRight(String spec) {
        assertThatThrownBy(() -> FlowLogFormat.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .isNotBlank()
                .doesNotContain("Exception");
    }

    @ParameterizedTest(name = "''{0}'' is a header: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status | true",
                "instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr | true",
                "version  srcaddr\tfuture-field | true",
                "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA | false",
                "us-east-1 use1-az1 | false",
                "ingress egress | false",
                "region | true",
                "future-one future-two version | false",
            })
    void recognisesHeaderLines(String line, boolean header) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        assertThat(FlowLogFormat.fromHeader(b, 0, b.length) != null).isEqualTo(header);
    }

    @Test
    void everyFieldHasAUniqueNameAndSnakeCaseColumn() {
        assertThat(FlowField.values()).extracting(FlowField::fieldName).doesNotHaveDuplicates();
        for (FlowField f : FlowField.values()) {
            assertThat(FlowField.byName(f.fieldName())).isSameAs(f);
            assertThat(f.columnName())
                    .matches("[a-z0-9_]+")
                    .isEqualTo(f.fieldName().replace('-', '_'));
        }
        assertThat(FlowField.COUNT)
                .isEqualTo(List.of(FlowField.values()).size())
                .isLessThanOrEqualTo(128);
    }
}
