package io.vpcflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Initiator;
import io.vpcflow.verdict.Verdict;
import io.vpcflow.verdict.VerdictReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** A row written and read back has every member it had, and shares what a reader's rows share. */
class FlowRowBinaryTest {
    /** A row with every member set to something other than a new row's value. */
    static FlowRow full() {
        FlowRow r = new FlowRow();
        r.source = "s3://central-logs/AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/26/"
                + "123456789012_vpcflowlogs_us-east-1_fl-0abc_20261126T1205Z_5f2a9c1e.log.gz";
        r.lineNumber = 77;
        r.version = 5;
        r.accountId = "123456789012";
        r.interfaceId = "eni-0a1b2c3d4e5f60408";
        r.srcaddr = IpAddress.parse("10.0.1.10");
        r.dstaddr = IpAddress.parse("2001:db8::1");
        r.srcport = 443;
        r.dstport = 65535;
        r.protocol = 6;
        r.packets = 12;
        r.bytes = 4_294_967_296L;
        r.start = 1_795_694_400L;
        r.end = 1_795_694_457L;
        r.action = Action.REJECT;
        r.logStatus = LogStatus.OK;
        r.vpcId = "vpc-0b";
        r.subnetId = "subnet-0b1";
        r.tcpFlags = 19;
        r.pktSrcaddr = IpAddress.parse("192.0.2.7");
        r.pktDstaddr = IpAddress.parse("10.0.1.11");
        r.pktSrcAwsService = "S3";
        r.pktDstAwsService = "ÉC2-ünïcode";
        r.flowDirection = "ingress";
        r.otherNames = new String[] {"sublocation-id", "ecs-cluster-name"};
        r.otherValues = new String[] {null, "prod"};
        r.otherNumbers = new long[] {7, 0};
        r.eniVpcId = "vpc-0a";
        r.eniSubnetId = "subnet-0a1";
        r.eniPublicIp = IpAddress.parse("203.0.113.9");
        r.eniOwnerKind = OwnerKind.LAMBDA;
        r.eniOwnerId = "arn:aws:lambda:us-east-1:123456789012:function:orders";
        r.eniOwnerName = "orders";
        r.lambdaFunctions = new String[] {"orders", "refunds"};
        r.peerAddr = r.dstaddr;
        r.peerOwnerKind = OwnerKind.NAT_GATEWAY;
        r.peerOwnerId = "nat-0a";
        r.direction = Direction.INGRESS;
        r.initiator = Initiator.REMOTE;
        r.verdict = Verdict.UNEXPECTED_REJECT;
        r.verdictReason = VerdictReason.NACL_DENY;
        r.sgId = "sg-0web";
        r.sgRuleId = "sgr-0web443";
        r.inventoryVersion = 3;
        return r;
    }

    static List<Field> members() {
        return Arrays.stream(FlowRow.class.getFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .toList();
    }

    static boolean same(Object a, Object b) {
        return Objects.deepEquals(a, b);
    }

    @Test
    void everyMemberComesBack() throws Exception {
        FlowRow r = full();
        FlowRow fresh = new FlowRow();
        for (Field f : members()) {
            assertThat(same(f.get(r), f.get(fresh)))
                    .as("the test sets %s", f.getName())
                    .isFalse();
        }

        FlowRow back = new FlowRowBinary().read(in(bytes(r)));

        for (Field f : members()) {
            assertThat(same(f.get(back), f.get(r))).as(f.getName()).isTrue();
        }
        assertThat(back.peerAddr)
                .as("the peer is the row's own destination again")
                .isSameAs(back.dstaddr);
    }

    @Test
    void aNewRowComesBackAsNew() throws Exception {
        FlowRow back = new FlowRowBinary().read(in(bytes(new FlowRow())));
        FlowRow fresh = new FlowRow();
        for (Field f : members()) {
            assertThat(same(f.get(back), f.get(fresh))).as(f.getName()).isTrue();
        }
    }

    @Test
    void rowsReadByOneReaderShareTheirRepeatedTextsAndAddresses() throws Exception {
        FlowRow a = full();
        FlowRow b = full();
        b.peerAddr = IpAddress.parse("10.9.9.9");
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(bytes(a));
        both.write(bytes(b));
        FlowRowBinary reader = new FlowRowBinary();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(both.toByteArray()));

        FlowRow a2 = reader.read(in);
        FlowRow b2 = reader.read(in);

        assertThat(b2.interfaceId).isSameAs(a2.interfaceId);
        assertThat(b2.eniOwnerId).isSameAs(a2.eniOwnerId);
        assertThat(b2.source).as("a long text, the last one kept").isSameAs(a2.source);
        assertThat(b2.srcaddr).isSameAs(a2.srcaddr);
        assertThat(b2.peerAddr).as("a peer of its own").isEqualTo(IpAddress.parse("10.9.9.9"));
        assertThat(in.read()).as("nothing left over").isEqualTo(-1);
    }

    @Test
    void aCopyHasTheSameValuesAndArraysOfItsOwn() throws Exception {
        FlowRow r = full();
        FlowRow c = r.copy();
        for (Field f : members()) {
            assertThat(same(f.get(c), f.get(r))).as(f.getName()).isTrue();
        }
        c.otherValues[1] = "dev";
        c.otherNumbers[0] = 8;
        assertThat(r.otherValues[1]).isEqualTo("prod");
        assertThat(r.otherNumbers[0]).isEqualTo(7);
    }

    @Test
    void bytesThatAreNoRowAreAnErrorNotAWrongRow() throws Exception {
        byte[] b = bytes(full());
        assertThatThrownBy(() -> new FlowRowBinary().read(in(Arrays.copyOf(b, b.length / 2))))
                .isInstanceOf(IOException.class);
        byte[] badAddress = b.clone();
        // The source address's family byte follows the source (its varint length, 2 bytes, then the text), the
        // line number, the version, the account and the interface.
        int at = 2 + full().source.length() + 8 + 4 + 1 + 12 + 1 + 21;
        assertThat(badAddress[at]).isEqualTo((byte) IpAddress.V4);
        badAddress[at] = 9;
        assertThatThrownBy(() -> new FlowRowBinary().read(in(badAddress)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("family");
    }

    private static byte[] bytes(FlowRow r) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        FlowRowBinary.write(r, new DataOutputStream(b));
        return b.toByteArray();
    }

    private static DataInputStream in(byte[] b) {
        return new DataInputStream(new ByteArrayInputStream(b));
    }
}
