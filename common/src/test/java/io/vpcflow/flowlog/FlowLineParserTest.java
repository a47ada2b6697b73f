package io.vpcflow.flowlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.generate.FlowLogWriter;
import io.vpcflow.net.IpAddress;
import io.vpcflow.text.TextCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The record examples of the AWS documentation, and the ways a line can fail to be a record. */
class FlowLineParserTest {
    private static final String TCP_FLAGS_FORMAT = "version vpc-id subnet-id instance-id interface-id account-id type "
            + "srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status";
    private static final String NAT_FORMAT = "instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr";
    private static final String TGW_FORMAT =
            "version interface-id account-id vpc-id subnet-id instance-id srcaddr dstaddr "
                    + "srcport dstport protocol tcp-flags type pkt-srcaddr pkt-dstaddr action log-status";
    private static final String V5_FORMAT =
            "version srcaddr dstaddr srcport dstport protocol start end type packets bytes "
                    + "account-id vpc-id subnet-id instance-id interface-id region az-id sublocation-type sublocation-id action "
                    + "tcp-flags pkt-srcaddr pkt-dstaddr pkt-src-aws-service pkt-dst-aws-service traffic-path flow-direction log-status";
    private static final String TGW_V6_FORMAT =
            "version resource-type account-id tgw-id tgw-attachment-id tgw-src-vpc-account-id "
                    + "tgw-dst-vpc-account-id tgw-src-vpc-id tgw-dst-vpc-id tgw-src-subnet-id tgw-dst-subnet-id tgw-src-eni tgw-dst-eni "
                    + "tgw-src-az-id tgw-dst-az-id tgw-pair-attachment-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                    + "log-status type packets-lost-no-route packets-lost-blackhole packets-lost-mtu-exceeded packets-lost-ttl-expired "
                    + "tcp-flags region flow-direction pkt-src-aws-service pkt-dst-aws-service";

    static Stream<Arguments> awsDocumentationExamples() {
        return Stream.of(
                Arguments.of(
                        "default format, accepted SSH",
                        null,
                        "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK"),
                Arguments.of(
                        "default format, rejected RDP",
                        null,
                        "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK"),
                Arguments.of(
                        "NODATA: no traffic in the window",
                        null,
                        "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA"),
                Arguments.of(
                        "SKIPDATA: records skipped",
                        null,
                        "2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA"),
                Arguments.of(
                        "ping accepted inbound (security group)",
                        null,
                        "2 123456789010 eni-1235b8ca123456789 203.0.113.12 172.31.16.139 0 0 1 4 336 1432917027 1432917142 ACCEPT OK"),
                Arguments.of(
                        "ping response rejected outbound (network ACL)",
                        null,
                        "2 123456789010 eni-1235b8ca123456789 172.31.16.139 203.0.113.12 0 0 1 4 336 1432917094 1432917142 REJECT OK"),
                Arguments.of(
                        "IPv6",
                        null,
                        "2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK"),
                Arguments.of(
                        "account-id unknown on an AWS-created ENI",
                        null,
                        "2 unknown eni-1235b8ca123456789 10.0.1.5 10.0.0.9 443 40123 6 3 180 1418530010 1418530070 ACCEPT OK"),
                Arguments.of(
                        "bytes beyond 2^31 and 2^32",
                        null,
                        "2 123456789010 eni-1235b8ca123456789 10.0.1.5 10.0.0.9 443 40123 6 9876543210 12345678901234 1418530010 1418530070 ACCEPT OK"),
                Arguments.of(
                        "tcp-flags SYN from the client",
                        TCP_FLAGS_FORMAT,
                        "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789012 IPv4 52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 568 8 1566848875 1566848933 ACCEPT 2 OK"),
                Arguments.of(
                        "tcp-flags SYN-ACK from the server",
                        TCP_FLAGS_FORMAT,
                        "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789012 IPv4 10.0.0.62 52.213.180.42 5001 43416 10.0.0.62 52.213.180.42 6 376 7 1566848875 1566848933 ACCEPT 18 OK"),
                Arguments.of(
                        "tcp-flags 0: a later window, bare ACKs",
                        TCP_FLAGS_FORMAT,
                        "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789012 IPv4 52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 100701 70 1566848875 1566848933 ACCEPT 0 OK"),
                Arguments.of(
                        "tcp-flags FIN",
                        TCP_FLAGS_FORMAT,
                        "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789012 IPv4 52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 52 1 1566848875 1566848933 ACCEPT 1 OK"),
                Arguments.of(
                        "NAT gateway: instance to NAT, pkt-dstaddr is the internet host",
                        NAT_FORMAT,
                        "- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5"),
                Arguments.of(
                        "NAT gateway: response NAT to instance",
                        NAT_FORMAT,
                        "- eni-1235b8ca123456789 10.0.0.220 10.0.1.5 203.0.113.5 10.0.1.5"),
                Arguments.of(
                        "transit gateway through an intermediate ENI",
                        TGW_FORMAT,
                        "3 eni-33333333333333333 123456789010 vpc-abcdefab012345678 subnet-22222222bbbbbbbbb i-01234567890123456 10.20.33.164 10.40.2.236 39812 80 6 3 IPv4 10.20.33.164 10.40.2.236 ACCEPT OK"),
                Arguments.of(
                        "v5 ingress from S3 with SYN-ACK+FIN",
                        V5_FORMAT,
                        "5 52.95.128.179 10.0.0.71 80 34210 6 1616729292 1616729349 IPv4 14 15044 123456789012 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - ACCEPT 19 52.95.128.179 10.0.0.71 S3 - - ingress OK"),
                Arguments.of(
                        "v5 egress to S3 through a gateway endpoint (traffic-path 8)",
                        V5_FORMAT,
                        "5 10.0.0.71 52.95.128.179 34210 80 6 1616729292 1616729349 IPv4 7 471 123456789012 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - ACCEPT 3 10.0.0.71 52.95.128.179 - S3 8 egress OK"),
                Arguments.of(
                        "transit gateway flow log (v6 fields)",
                        TGW_V6_FORMAT,
                        "6 TransitGateway 123456789010 tgw-123aaaaaaaaaaaaaa tgw-attach-111aaaaaaaaaaaaaa 123456789010 123456789010 vpc-abcdefab012345678 vpc-bbbbbbbbbbbbbbbbb subnet-aaaaaaaa012345678 subnet-bbbbbbbbbbbbbbbbb eni-1111aaaaaaaaaaaaa eni-2222bbbbbbbbbbbbb use2-az1 use2-az2 tgw-attach-222bbbbbbbbbbbbbb 10.0.1.10 10.2.2.20 49152 443 6 10 1200 1659990000 1659990060 OK IPv4 0 0 0 0 19 us-east-2 egress - -"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awsDocumentationExamples")
    void readsTheDocumentationExamplesFieldForField(String what, String format, String line) {
        FlowLogFormat f = format == null ? FlowLogFormat.DEFAULT : FlowLogFormat.parse(format);
        MutableFlowRecord r = new MutableFlowRecord();
        assertThat(parse(f, line, r)).as(what).isNull();
        FlowRecord rec = r.toRecord();
        String[] tokens = line.split(" ");
        for (int i = 0; i < f.size(); i++) {
            assertThat(rec.text(f.field(i)))
                    .as("%s: %s", what, f.names().get(i))
                    .isEqualTo(tokens[i]);
            assertThat(r.has(f.field(i))).isEqualTo(!tokens[i].equals("-"));
        }
        // Fields the format does not name have no value.
        for (FlowField other : FlowField.values()) {
            if (!f.contains(other)) {
                assertThat(rec.get(other)).as(other.fieldName()).isNull();
            }
        }
        assertThat(new FlowLogWriter(f).write(rec)).isEqualTo(line);
    }

    @Test
    void decodesTypedValues() {
        MutableFlowRecord r = new MutableFlowRecord();
        parse(
                FlowLogFormat.DEFAULT,
                "2 123456789010 eni-1235b8ca123456789 2001:db8::1 172.31.16.21 20641 22 6 20 9876543210 1418530010 1418530070 REJECT OK",
                r);
        assertThat(r.getLong(FlowField.BYTES)).isEqualTo(9_876_543_210L);
        assertThat(r.getInt(FlowField.DSTPORT)).isEqualTo(22);
        assertThat(r.action()).isEqualTo(Action.REJECT);
        assertThat(r.logStatus()).isEqualTo(LogStatus.OK);
        assertThat(r.addressFamily(FlowField.SRCADDR)).isEqualTo(6);
        assertThat(r.getAddress(FlowField.SRCADDR)).isEqualTo(IpAddress.parse("2001:db8::1"));
        assertThat(r.addressFamily(FlowField.DSTADDR)).isEqualTo(4);
        assertThat(r.addressLow(FlowField.DSTADDR)).isEqualTo((172L << 24) | (31 << 16) | (16 << 8) | 21);
        assertThat(r.textEquals(FlowField.INTERFACE_ID, "eni-1235b8ca123456789".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
        assertThat(r.getString(FlowField.ACCOUNT_ID)).isEqualTo("123456789010");
        assertThat(r.rawLine())
                .startsWith("2 123456789010 eni-1235b8ca123456789 2001:db8::1")
                .endsWith("REJECT OK");
    }

    @Test
    void eightBytesAtATimeAgreeWithDigitByDigit() {
        java.util.Random random = new java.util.Random(11);
        byte[] alphabet = "0123456789 -/:.\t+x9\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 200_000; i++) {
            byte[] w = new byte[8];
            for (int k = 0; k < 8; k++) {
                // Mostly digits, so that every count of leading digits comes up; any byte at all now and then.
                w[k] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            long x = java.nio.ByteBuffer.wrap(w)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getLong();
            int n = 0;
            long value = 0;
            while (n < 8 && w[n] >= '0' && w[n] <= '9') {
                value = value * 10 + (w[n] - '0');
                n++;
            }
            assertThat(FlowLineParser.leadingDigits(x))
                    .as(java.util.Arrays.toString(w))
                    .isEqualTo(n);
            if (n > 0) {
                assertThat(FlowLineParser.digitsValue(x, n))
                        .as(java.util.Arrays.toString(w))
                        .isEqualTo(value);
            }
        }
    }

    @Test
    void numbersOfEveryLengthAnywhereInTheLine() {
        MutableFlowRecord r = new MutableFlowRecord();
        FlowLogFormat format = FlowLogFormat.parse("bytes packets");
        java.util.Random random = new java.util.Random(12);
        for (int digits = 1; digits <= 18; digits++) {
            for (int i = 0; i < 300; i++) {
                StringBuilder number = new StringBuilder().append(1 + random.nextInt(9));
                while (number.length() < digits) {
                    number.append(random.nextInt(10));
                }
                long packets = random.nextInt(1_000);
                String pad = " ".repeat(random.nextInt(3));
                assertThat(parse(format, pad + number + " " + packets + pad, r)).isNull();
                assertThat(r.getLong(FlowField.BYTES)).isEqualTo(Long.parseLong(number.toString()));
                assertThat(r.getLong(FlowField.PACKETS)).isEqualTo(packets);
            }
        }
        assertThat(parse(format, "1234567890123456789 5", r))
                .as("19 digits take the careful path")
                .isNull();
        assertThat(r.getLong(FlowField.BYTES)).isEqualTo(1234567890123456789L);
        assertThat(parse(format, "12345678x9 5", r)).isEqualTo(DeadLetterReason.BAD_NUMBER);
    }

    @Test
    void recurringIpv4AddressesAreOneObjectAndEveryAddressKeepsItsValue() {
        MutableFlowRecord r = new MutableFlowRecord();
        parse(FlowLogFormat.DEFAULT, "2 1 eni-1 10.0.1.5 10.0.0.9 1 2 6 1 1 1 2 ACCEPT OK", r);
        IpAddress first = r.getAddress(FlowField.SRCADDR);
        parse(FlowLogFormat.DEFAULT, "2 1 eni-1 10.0.0.9 10.0.1.5 1 2 6 1 1 1 2 ACCEPT OK", r);
        assertThat(r.getAddress(FlowField.DSTADDR)).isSameAs(first);
        // Far more addresses than the cache holds: a replaced slot never hands back another address.
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 20_000; i++) {
            long bits = random.nextInt(50_000) + 0x0A00_0000L;
            String text = IpAddress.ofV4(bits).toString();
            parse(
                    FlowLogFormat.DEFAULT,
                    "2 1 eni-1 " + text + " 2001:db8::" + Long.toHexString(bits & 0xFFFF) + " 1 2 6 1 1 1 2 ACCEPT OK",
                    r);
            assertThat(r.getAddress(FlowField.SRCADDR)).hasToString(text);
            assertThat(r.getAddress(FlowField.DSTADDR).isV4()).isFalse();
        }
    }

    @Test
    void addressTextIsCanonicalAndCachedTextIsShared() {
        TextCache cache = new TextCache(64);
        MutableFlowRecord r = new MutableFlowRecord();
        parse(FlowLogFormat.DEFAULT, "2 123456789010 eni-1 2001:DB8:0:0::1 10.0.1.5 1 2 6 1 1 1 2 ACCEPT OK", r);
        assertThat(r.getAddressText(FlowField.SRCADDR, cache)).isEqualTo("2001:db8::1");
        String dst = r.getAddressText(FlowField.DSTADDR, cache);
        assertThat(dst).isEqualTo("10.0.1.5");
        String eni = r.getString(FlowField.INTERFACE_ID, cache);
        assertThat(eni).isEqualTo("eni-1");
        parse(FlowLogFormat.DEFAULT, "2 123456789010 eni-1 010.000.1.05 10.0.1.5 1 2 6 1 1 1 2 ACCEPT OK", r);
        assertThat(r.getAddressText(FlowField.SRCADDR, cache))
                .as("leading zeros are not kept")
                .isEqualTo("10.0.1.5");
        assertThat(r.getAddressText(FlowField.DSTADDR, cache)).isSameAs(dst);
        assertThat(r.getString(FlowField.INTERFACE_ID, cache)).isSameAs(eni);
        parse(FlowLogFormat.DEFAULT, "2 123456789010 eni-1 0.0.0.0 10.0.0.1 1 2 6 1 1 1 2 ACCEPT OK", r);
        assertThat(r.getAddressText(FlowField.SRCADDR, cache)).isEqualTo("0.0.0.0");
        assertThat(r.getAddressText(FlowField.DSTADDR, cache)).isEqualTo("10.0.0.1");
        parse(FlowLogFormat.DEFAULT, "2 123456789010 eni-1 - - - - - - - 1 2 - NODATA", r);
        assertThat(r.getAddressText(FlowField.SRCADDR, cache)).isNull();
        assertThat(r.getString(FlowField.VPC_ID, cache)).isNull();
    }

    @Test
    void nodataRowsHaveNullsNotZeros() {
        MutableFlowRecord r = new MutableFlowRecord();
        parse(
                FlowLogFormat.DEFAULT,
                "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA",
                r);
        FlowRecord rec = r.toRecord();
        assertThat(rec.getLong(FlowField.PACKETS)).isNull();
        assertThat(rec.getAddress(FlowField.SRCADDR)).isNull();
        assertThat(rec.action()).isNull();
        assertThat(rec.logStatus()).isEqualTo(LogStatus.NODATA);
        assertThat(rec.getLong(FlowField.START)).isEqualTo(1431280876L);
    }

    @Test
    void keepsUnknownFieldsAndTheirValues() {
        FlowLogFormat f = FlowLogFormat.parse("${version} ${future-thing} ${srcaddr} ${another-one}");
        MutableFlowRecord r = new MutableFlowRecord();
        assertThat(parse(f, "11 hello 10.0.0.1 -", r)).isNull();
        assertThat(r.getExtra(0)).isEqualTo("hello");
        assertThat(r.getExtra(1)).isNull();
        assertThat(r.toRecord().extras()).containsExactly(java.util.Map.entry("future-thing", "hello"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "too few fields | wrong_field_count | 2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT",
                "too many fields | wrong_field_count | 2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK extra",
                "letters in a port | bad_number | 2 123456789010 eni-1 10.0.0.1 10.0.0.2 http 2 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "negative packets | bad_number | 2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 -20 4249 1418530010 1418530070 ACCEPT OK",
                "a port beyond 32 bits | bad_number | 2 123456789010 eni-1 10.0.0.1 10.0.0.2 4294967296 2 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "bytes beyond 64 bits | bad_number | 2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 20 99999999999999999999 1418530010 1418530070 ACCEPT OK",
                "bytes of 20 digits | bad_number | 2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 20 12345678901234567890 1418530010 1418530070 ACCEPT OK",
                "a decimal point | bad_number | 2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 20 42.5 1418530010 1418530070 ACCEPT OK",
                "an address out of range | bad_address | 2 123456789010 eni-1 10.0.0.256 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "an address with five parts | bad_address | 2 123456789010 eni-1 10.0.0.1.5 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "an address with three parts | bad_address | 2 123456789010 eni-1 10.0.1 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "an address with a four-digit part | bad_address | 2 123456789010 eni-1 10.0.0.1000 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "an address with a port | bad_address | 2 123456789010 eni-1 10.0.0.1:80 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "an address with an empty last part | bad_address | 2 123456789010 eni-1 10.0.0. 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "an address ending in a dot | bad_address | 2 123456789010 eni-1 10.0.0.1. 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "a host name | bad_address | 2 123456789010 eni-1 example.com 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "an unknown action | bad_value | 2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ALLOW OK",
                "an unknown log status | bad_value | 2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT FINE",
                "lower-case action | bad_value | 2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 accept OK",
            })
    void saysWhyALineIsNotARecord(String what, String reason, String line) {
        MutableFlowRecord r = new MutableFlowRecord();
        DeadLetterReason got = parse(FlowLogFormat.DEFAULT, line, r);
        assertThat(got).as(what).isNotNull();
        assertThat(got.code()).as(what).isEqualTo(reason);
        assertThat(new FlowLineParser(FlowLogFormat.DEFAULT).describeFailure(got, r))
                .isNotBlank();
    }

    @Test
    void controlCharactersMakeABinaryLine() {
        MutableFlowRecord r = new MutableFlowRecord();
        String line = "2 123456789010 eni-1\u0000 10.0.0.1 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK";
        assertThat(parse(FlowLogFormat.DEFAULT, line, r)).isEqualTo(DeadLetterReason.BINARY);
    }

    @Test
    void toleratesTabsAndRunsOfSpaces() {
        MutableFlowRecord r = new MutableFlowRecord();
        assertThat(parse(
                        FlowLogFormat.DEFAULT,
                        "2\t123456789010  eni-1 10.0.0.1 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK  ",
                        r))
                .isNull();
        assertThat(r.getString(FlowField.ACCOUNT_ID)).isEqualTo("123456789010");
    }

    @Test
    void reusesTheRecordWithoutLeakingFieldsFromThePreviousLine() {
        MutableFlowRecord r = new MutableFlowRecord();
        parse(FlowLogFormat.DEFAULT, "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK", r);
        parse(FlowLogFormat.DEFAULT, "2 1 eni-1 - - - - - - - 1431280876 1431280934 - NODATA", r);
        assertThat(r.has(FlowField.PACKETS)).isFalse();
        assertThat(r.has(FlowField.SRCADDR)).isFalse();
        assertThat(r.action()).isNull();
    }

    /**
     * The default layout has a straight-line path of its own; on every line, good or broken, it must say what the
     * general path says. Seeded mutations of real-looking lines: separators, '-', IPv6, long and signed numbers,
     * control characters, missing and extra fields.
     */
    @Test
    void defaultLayoutPathAgreesWithTheGeneralPath() {
        java.util.Random random = new java.util.Random(42);
        String[] pieces = {
            " ",
            "  ",
            "\t",
            "-",
            "0",
            "9",
            ".",
            ":",
            "a",
            "x",
            "\u0001",
            "12345678901234567890",
            "256",
            "2147483648",
            "2001:db8::1",
            "ACCEPT",
            "REJECT",
            "OK",
            "NODATA",
            "é"
        };
        FlowLineParser parser = new FlowLineParser(FlowLogFormat.DEFAULT);
        MutableFlowRecord fast = new MutableFlowRecord();
        MutableFlowRecord general = new MutableFlowRecord();
        int records = 0;
        String plain = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 "
                + "1418530070 ACCEPT OK";
        List<String> lines = new ArrayList<>();
        String[] fields = plain.split(" ");
        for (int f = 0; f < fields.length; f++) {
            // Each field absent in turn, then cut off there.
            String[] copy = fields.clone();
            copy[f] = "-";
            lines.add(String.join(" ", copy));
            lines.add(String.join(" ", Arrays.copyOf(fields, f)));
        }
        for (int i = 0; i < 20_000; i++) {
            lines.add(null);
        }
        for (String fixed : lines) {
            String line = fixed != null
                    ? fixed
                    : "2 " + (100000000000L + random.nextInt(1000)) + " eni-0" + Integer.toHexString(random.nextInt())
                            + " 10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256)
                            + " 172.31.0."
                            + random.nextInt(256) + " " + random.nextInt(65536) + " " + random.nextInt(1024) + " 6 "
                            + random.nextInt(100) + " " + Math.abs(random.nextLong() >> random.nextInt(64))
                            + " 1418530010 1418530070 "
                            + (random.nextBoolean() ? "ACCEPT" : "REJECT") + " OK";
            StringBuilder mutated = new StringBuilder(line);
            for (int m = fixed != null ? 0 : random.nextInt(3); m > 0; m--) {
                int at = random.nextInt(mutated.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> mutated.insert(at, pieces[random.nextInt(pieces.length)]);
                    case 1 -> mutated.delete(at, Math.min(mutated.length(), at + 1 + random.nextInt(4)));
                    default ->
                        mutated.replace(
                                at,
                                Math.min(mutated.length(), at + 1 + random.nextInt(12)),
                                pieces[random.nextInt(pieces.length)]);
                }
            }
            byte[] b = ("xx" + mutated + "yy").getBytes(StandardCharsets.UTF_8);
            DeadLetterReason viaDefault = parser.parse(b, 2, b.length - 4, fast);
            DeadLetterReason viaGeneral = parser.parseAny(b, 2, b.length - 4, general);
            assertThat(viaDefault).as(mutated.toString()).isEqualTo(viaGeneral);
            if (viaDefault == null) {
                records++;
                assertThat(fast.toRecord()).as(mutated.toString()).isEqualTo(general.toRecord());
                assertThat(fast.getAddressText(FlowField.SRCADDR, new TextCache(4)))
                        .isEqualTo(general.getAddressText(FlowField.SRCADDR, new TextCache(4)));
            } else {
                assertThat(parser.describeFailure(viaDefault, fast))
                        .as(mutated.toString())
                        .isEqualTo(parser.describeFailure(viaGeneral, general));
            }
        }
        // Both kinds of line were tried, many times each.
        assertThat(records).isBetween(5_000, 15_000);
    }

    private static DeadLetterReason parse(FlowLogFormat f, String line, MutableFlowRecord r) {
        byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        // Parse from the middle of a buffer, as the reader does.
        return new FlowLineParser(f).parse(b, 2, b.length - 4, r);
    }
}
