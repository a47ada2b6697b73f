package io.vpcflow.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.FlowRowHandler;
import io.vpcflow.flowlog.CollectingHandler;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.DeadLetterReason;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.FlowRecord;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.generate.FlowLogGenerator;
import io.vpcflow.generate.SampleEstate;
import io.vpcflow.net.IpAddress;
import io.vpcflow.text.TextCache;
import io.vpcflow.verdict.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet reader on third-party files (../shared/testdata; each says what it checks) and on files of our own
 * encoders in AWS's exact schema and Security Lake's, read back against the text reader of the same records.
 */
class ParquetFlowReaderTest {
    private static final Path TESTDATA =
            Paths.get("..", "..", "shared", "testdata").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static CollectingHandler read(Path file) {
        CollectingHandler c = new CollectingHandler();
        ParquetFlowReader reader = new ParquetFlowReader();
        reader.open(file, c);
        while (reader.next()) {
            // all of it
        }
        return c;
    }

    static CollectingHandler readText(Path file) throws IOException {
        CollectingHandler c = new CollectingHandler();
        try (InputStream in = Files.newInputStream(file)) {
            new FlowLogReader(null).read(file.toString(), in, c);
        }
        return c;
    }

    /** SEKOIA's expected JSON for their test file: the rows of a real AWS Parquet flow log. */
    private static List<JsonNode> sekoiaExpected() throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode s : JSON.readTree(
                TESTDATA.resolve("parquet/sekoia_test_parquet_result.json").toFile())) {
            rows.add(JSON.readTree(s.asText()));
        }
        return rows;
    }

    private static void assertMatches(FlowRecord r, JsonNode expected) {
        for (FlowField f :
                FlowLogFormat.DEFAULT.names().stream().map(FlowField::byName).toList()) {
            JsonNode v = expected.get(f.columnName());
            Object got = r.get(f);
            assertThat(got == null ? null : got.toString()).as(f.fieldName()).isEqualTo(v.asText());
        }
    }

    @Test
    void awsParquetRewrittenByPyarrowGivesTheRowsSekoiaExpects() throws IOException {
        // A real AWS Parquet flow log (INT32 version/ports/protocol, INT64 counts and times, optional columns),
        // re-written by pyarrow: checks reading by column name and both integer widths.
        CollectingHandler c = read(
                TESTDATA.resolve(
                        "parquet/sekoia_111111111111_vpcflowlogs_eu-west-3_fl-032a163fae170ae52_20220831T1255Z_2ad4bef5.parquet"));
        assertThat(c.deadLetters).isEmpty();
        List<JsonNode> expected = sekoiaExpected();
        assertThat(c.records).hasSize(7);
        for (int i = 0; i < 7; i++) {
            assertMatches(c.records.get(i), expected.get(i));
        }
        assertThat(c.lineNumbers).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void fastparquetsInt64InEveryIntegerColumnReadsTheSame() throws IOException {
        // The same rows written by fastparquet with every integer INT64 (version and ports too), plain encoding,
        // plus one internal row SEKOIA's filter drops: INT64 where AWS writes INT32 must read alike.
        CollectingHandler c = read(TESTDATA.resolve("parquet/sekoia_test_parquet_fastparquet.parquet"));
        assertThat(c.deadLetters).isEmpty();
        assertThat(c.records).hasSize(8);
        List<JsonNode> expected = sekoiaExpected();
        for (int i = 0; i < 7; i++) {
            assertMatches(c.records.get(i), expected.get(i));
        }
        FlowRecord internal = c.records.get(7);
        assertThat(internal.get(FlowField.SRCADDR)).isEqualTo(IpAddress.parse("172.31.39.167"));
        assertThat(internal.get(FlowField.DSTADDR)).isEqualTo(IpAddress.parse("172.31.39.169"));
        assertThat(internal.get(FlowField.ACTION).toString()).isEqualTo("REJECT");
    }

    @Test
    void numbersWrittenAsStringsAreReadOrDeadLetteredAsInAText() throws IOException {
        // pandas' file: version/account INT64, ports and counts as strings ("443", "None"). A string number is read
        // as text's would be; "None" is no number, so those NODATA rows are bad_number dead letters with the row.
        CollectingHandler c = read(TESTDATA.resolve("parquet/flowlogs-reader_flows.parquet"));
        assertThat(c.records).singleElement().satisfies(r -> {
            assertThat(r.get(FlowField.SRCPORT)).isEqualTo(443L);
            assertThat(r.get(FlowField.DSTPORT)).isEqualTo(49152L);
            assertThat(r.get(FlowField.BYTES)).isEqualTo(840L);
            assertThat(r.get(FlowField.ACCOUNT_ID)).isEqualTo("123456789010");
        });
        assertThat(c.deadLetters)
                .hasSize(2)
                .allSatisfy(d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.BAD_NUMBER));
        assertThat(c.deadLetters.get(0).lineNumber()).isEqualTo(2);
        assertThat(c.deadLetters.get(0).detail()).isEqualTo("field 6 (srcport): not a non-negative number of its size");
        assertThat(c.deadLetters.get(0).raw())
                .isEqualTo("2 123456789010 eni-202010ab - - None None None None None 1439387263 1439387264 - NODATA");
    }

    @Test
    void securityLakesOcsfRowsComeBackAsFlowRecords() throws IOException {
        // Security Lake-style OCSF 1.1 rows (pandas-rewritten: DOUBLE counts, cloud.account.uuid, unmapped as
        // [key, value] lists): the ENI on dst_endpoint inbound, ms times, action ids, boundary ids.
        CollectingHandler c = read(TESTDATA.resolve("ocsf/sekoia_test_ocsf_vpcflow_1.1.0.parquet"));
        assertThat(c.deadLetters).isEmpty();
        assertThat(c.records).hasSize(3);
        FlowRecord inbound = c.records.get(0);
        assertThat(inbound.get(FlowField.INTERFACE_ID)).isEqualTo("eni-1111111111");
        assertThat(inbound.get(FlowField.VPC_ID)).isEqualTo("vpc-1111111111");
        assertThat(inbound.get(FlowField.FLOW_DIRECTION)).isEqualTo("ingress");
        assertThat(inbound.get(FlowField.ACTION).toString()).isEqualTo("ACCEPT");
        assertThat(inbound.get(FlowField.START)).isEqualTo(1726056144L);
        assertThat(inbound.get(FlowField.END)).isEqualTo(1726056169L);
        assertThat(inbound.get(FlowField.VERSION)).isEqualTo(5L);
        assertThat(inbound.get(FlowField.ACCOUNT_ID)).isEqualTo("1234567890");
        assertThat(inbound.get(FlowField.REGION)).isEqualTo("eu-west-3");
        assertThat(inbound.get(FlowField.TRAFFIC_PATH))
                .as("boundary_id 99: none")
                .isNull();
        assertThat(inbound.get(FlowField.SUBLOCATION_ID)).as("unmapped '-'").isNull();
        FlowRecord outbound = c.records.get(1);
        assertThat(outbound.get(FlowField.FLOW_DIRECTION)).isEqualTo("egress");
        assertThat(outbound.get(FlowField.TRAFFIC_PATH))
                .as("boundary_id 11, internet gateway")
                .isEqualTo(8L);
        assertThat(outbound.get(FlowField.TCP_FLAGS)).isEqualTo(22L);
        assertThat(outbound.get(FlowField.PACKETS)).isEqualTo(6L);
        FlowRecord refused = c.records.get(2);
        assertThat(refused.get(FlowField.ACTION).toString()).isEqualTo("REJECT");
        assertThat(refused.get(FlowField.TCP_FLAGS)).isEqualTo(2L);
    }

    private Path gzip(String name, List<String> lines) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    @Test
    void ourEncoderWritesAwsSchemaAndItReadsBackAsTheTextDoes() throws IOException {
        Path text = gzip(
                "f.log.gz",
                List.of(
                        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end"
                                + " action log-status tcp-flags traffic-path vendor-note",
                        "5 123456789012 eni-1 10.0.0.1 10.0.0.2 443 49152 6 10 4000000000 1700000000 1700000060 ACCEPT"
                                + " OK 19 1 hello",
                        "5 123456789012 eni-1 - - - - - - - 1700000000 1700000060 - NODATA - - -",
                        "5 123456789012 eni-2 2001:db8::1 2001:db8::2 53 53 17 1 80 1700000000 1700000060 REJECT OK"
                                + " 0 8 x"));
        Path parquet = dir.resolve("f.log.parquet");
        new FlowLogParquetFiles(1000).write(text, parquet, FlowLogParquetFiles.Kind.PARQUET);

        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(parquet))) {
            Map<String, PrimitiveTypeName> types = r.getFileMetaData().getSchema().getFields().stream()
                    .collect(Collectors.toMap(
                            Type::getName, t -> t.asPrimitiveType().getPrimitiveTypeName()));
            assertThat(types)
                    .containsEntry("version", PrimitiveTypeName.INT32)
                    .containsEntry("srcport", PrimitiveTypeName.INT32)
                    .containsEntry("protocol", PrimitiveTypeName.INT32)
                    .containsEntry("tcp_flags", PrimitiveTypeName.INT32)
                    .containsEntry("traffic_path", PrimitiveTypeName.INT32)
                    .containsEntry("packets", PrimitiveTypeName.INT64)
                    .containsEntry("bytes", PrimitiveTypeName.INT64)
                    .containsEntry("start", PrimitiveTypeName.INT64)
                    .containsEntry("srcaddr", PrimitiveTypeName.BINARY)
                    .containsEntry("vendor_note", PrimitiveTypeName.BINARY);
            assertThat(r.getFileMetaData().getSchema().getFields())
                    .allSatisfy(t ->
                            assertThat(t.isRepetition(Type.Repetition.OPTIONAL)).isTrue());
            assertThat(r.getRowGroups().get(0).getColumns())
                    .extracting(ColumnChunkMetaData::getCodec)
                    .containsOnly(CompressionCodecName.GZIP);
            assertThat(r.getFileMetaData().getKeyValueMetaData().get("parquet.avro.schema"))
                    .contains("\"name\":\"LogFormatInfo\"", "{\"name\":\"srcport\",\"type\":[\"null\",\"int\"]");
        }
        CollectingHandler fromText = readText(text);
        CollectingHandler fromParquet = read(parquet);
        assertThat(fromParquet.deadLetters).isEmpty();
        assertThat(fromParquet.records).isEqualTo(fromText.records);
        assertThat(fromParquet.records.get(0).extras()).containsEntry("vendor-note", "hello");
    }

    private List<Path> generated(int records) throws IOException {
        Path logs = dir.resolve("generated");
        new FlowLogGenerator(new SampleEstate(3, Instant.parse("2026-11-26T12:00:00Z")), 4, 2).write(logs, records);
        try (Stream<Path> s = Files.walk(logs)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void ocsfOfOurEncoderReadsBackAsTheTextItCameFrom() throws IOException {
        // Both formats of the generated estate: default v2 files and custom v5 ones (pkt addresses, direction,
        // tcp flags, traffic path).
        for (Path text : generated(3000)) {
            Path ocsf = dir.resolve("o.parquet");
            new FlowLogParquetFiles(1000).write(text, ocsf, FlowLogParquetFiles.Kind.OCSF);
            CollectingHandler fromOcsf = read(ocsf);
            assertThat(fromOcsf.deadLetters).isEmpty();
            assertThat(fromOcsf.records).as(text.toString()).isEqualTo(readText(text).records);
        }
    }

    @Test
    void filesOfManyPagesPerColumnReadBackInFullInBothForms() throws IOException {
        // Small pages: every column, the OCSF lists among them, crosses many page boundaries within a row group.
        List<Path> texts = generated(20_000);
        Path text = texts.stream()
                .max(java.util.Comparator.comparingLong(f -> f.toFile().length()))
                .orElseThrow();
        List<FlowRecord> expected = readText(text).records;
        assertThat(expected).hasSizeGreaterThan(500);
        for (FlowLogParquetFiles.Kind kind : FlowLogParquetFiles.Kind.values()) {
            Path out = dir.resolve("pages-" + kind + ".parquet");
            new FlowLogParquetFiles(1_000_000, 1024).write(text, out, kind);
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(out))) {
                assertThat(r.getRowGroups()).hasSize(1);
            }
            CollectingHandler c = read(out);
            assertThat(c.deadLetters).as(kind.name()).isEmpty();
            assertThat(c.records).as(kind.name()).isEqualTo(expected);
        }
    }

    /** Every row's members, enrichment included: what a row handler is given, as text. */
    static String members(FlowRow r) {
        return String.join(
                " ",
                Arrays.asList(
                                r.source,
                                r.lineNumber,
                                r.version,
                                r.accountId,
                                r.interfaceId,
                                r.srcaddr,
                                r.dstaddr,
                                r.srcport,
                                r.dstport,
                                r.protocol,
                                r.packets,
                                r.bytes,
                                r.start,
                                r.end,
                                r.action,
                                r.logStatus,
                                r.vpcId,
                                r.subnetId,
                                r.tcpFlags,
                                r.pktSrcaddr,
                                r.pktDstaddr,
                                r.pktSrcAwsService,
                                r.pktDstAwsService,
                                r.flowDirection,
                                Arrays.toString(r.otherNames),
                                Arrays.toString(r.otherValues),
                                Arrays.toString(r.otherNumbers),
                                r.eniOwnerId,
                                r.verdict,
                                r.sgRuleId,
                                r.inventoryVersion)
                        .stream()
                        .map(String::valueOf)
                        .toList());
    }

    /** Takes rows a column at a time where the reader can fill them, records otherwise. */
    static final class RowCollector implements FlowRowHandler {
        final List<String> rows = new ArrayList<>();
        final List<String> deadLetters = new ArrayList<>();
        final TextCache texts = new TextCache(64);
        final String source;
        int filled;

        RowCollector(String source) {
            this.source = source;
        }

        @Override
        public FlowRow onRow(FlowRow row, long lineNumber) {
            filled++;
            assertThat(row.lineNumber).isEqualTo(lineNumber);
            rows.add(members(row));
            // Left as a consumer leaves it, to be filled again: nothing of it may show in the next row.
            row.eniOwnerId = "owner";
            row.verdict = Verdict.ALLOWED;
            row.inventoryVersion = 7;
            return filled % 3 == 0 ? new FlowRow() : row;
        }

        @Override
        public void onRecord(MutableFlowRecord record, long lineNumber) {
            rows.add(members(FlowRow.of(record, source, lineNumber, texts)));
        }

        @Override
        public void onDeadLetter(DeadLetter d) {
            deadLetters.add(d.toString());
        }
    }

    @Test
    void rowsFilledAColumnAtATimeAreTheRowsMadeOfItsRecords() throws IOException {
        List<Path> files = new ArrayList<>(List.of(
                TESTDATA.resolve("parquet/sekoia_test_parquet_fastparquet.parquet"),
                TESTDATA.resolve("parquet/flowlogs-reader_flows.parquet"),
                TESTDATA.resolve(
                        "parquet/sekoia_111111111111_vpcflowlogs_eu-west-3_fl-032a163fae170ae52_20220831T1255Z_2ad4bef5.parquet"),
                TESTDATA.resolve("ocsf/sekoia_test_ocsf_vpcflow_1.1.0.parquet")));
        int i = 0;
        // The largest files: each of several batches, so a row handed on is filled again.
        List<Path> largest = generated(40_000).stream()
                .sorted(java.util.Comparator.comparingLong(
                                (Path f) -> f.toFile().length())
                        .reversed())
                .limit(4)
                .toList();
        for (Path text : largest) {
            for (FlowLogParquetFiles.Kind kind : FlowLogParquetFiles.Kind.values()) {
                // Small pages and row groups: dictionary and plain pages, several row groups, batches across them.
                Path out = dir.resolve("rows-" + i++ + ".parquet");
                new FlowLogParquetFiles(1500, 1024).write(text, out, kind);
                files.add(out);
            }
        }
        int filled = 0;
        for (Path f : files) {
            RowCollector byRows = new RowCollector(f.toString());
            ParquetFlowReader reader = new ParquetFlowReader();
            reader.open(f, byRows);
            while (reader.next()) {
                // all of it
            }
            RowCollector byRecords = new RowCollector(f.toString());
            FlowLogReader.Handler plain = new FlowLogReader.Handler() {
                @Override
                public void onRecord(MutableFlowRecord record, long lineNumber) {
                    byRecords.onRecord(record, lineNumber);
                }

                @Override
                public void onDeadLetter(DeadLetter d) {
                    byRecords.onDeadLetter(d);
                }
            };
            reader.open(f, plain);
            while (reader.next()) {
                // all of it
            }
            assertThat(byRows.rows).as(f.toString()).isEqualTo(byRecords.rows);
            assertThat(byRows.deadLetters).as(f.toString()).isEqualTo(byRecords.deadLetters);
            filled += byRows.filled;
        }
        assertThat(filled).as("rows filled a column at a time").isGreaterThan(4 * 1024);
    }

    @Test
    void aRowGroupThatCannotBeReadIsOneDeadLetterAndTheOnesBeforeAreKept() throws IOException {
        List<String> lines = new ArrayList<>(List.of(FlowLogFormat.DEFAULT.headerLine()));
        for (int i = 0; i < 20_000; i++) {
            lines.add("2 123456789012 eni-" + (i % 7) + " 10.0." + (i % 250) + ".1 10.1.0." + (i % 200) + " "
                    + (1024 + i) + " 443 6 " + (i + 1) + " " + (i * 31L) + " 1700000000 1700000060 ACCEPT OK");
        }
        Path text = gzip("big.log.gz", lines);
        Path parquet = dir.resolve("big.log.parquet");
        new FlowLogParquetFiles(2000).write(text, parquet, FlowLogParquetFiles.Kind.PARQUET);
        List<BlockMetaData> groups;
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(parquet))) {
            groups = r.getRowGroups();
        }
        assertThat(groups).as("row groups").hasSizeGreaterThanOrEqualTo(3);
        CollectingHandler whole = read(parquet);
        assertThat(whole.records).hasSize(20_000);
        assertThat(whole.rowGroupEnds).isEqualTo(groups.size());

        // Garbage over the second row group's first column chunk.
        Path broken = dir.resolve("broken.log.parquet");
        Files.copy(parquet, broken);
        long at = groups.get(1).getColumns().get(0).getStartingPos();
        try (RandomAccessFile f = new RandomAccessFile(broken.toFile(), "rw")) {
            f.seek(at);
            f.write(new byte[64]);
        }
        CollectingHandler c = read(broken);
        long first = groups.get(0).getRowCount();
        assertThat(c.records).as("the first row group's rows").hasSize((int) first);
        assertThat(c.records).isEqualTo(whole.records.subList(0, (int) first));
        assertThat(c.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.BAD_PARQUET);
            assertThat(d.lineNumber()).isEqualTo(first + 1);
            assertThat(d.detail())
                    .startsWith("row group 2 of " + groups.size() + " cannot be read from row " + (first + 1))
                    .contains((20_000 - first) + " rows not read");
        });

        // Cut short: no footer, so nothing of it can be read; one dead letter says so.
        Path truncated = dir.resolve("truncated.log.parquet");
        byte[] bytes = Files.readAllBytes(parquet);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        CollectingHandler t = read(truncated);
        assertThat(t.records).isEmpty();
        assertThat(t.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.BAD_PARQUET);
            assertThat(d.detail()).startsWith("not a readable Parquet file");
        });
    }

    @Test
    void aParquetFileWithNoFlowColumnsIsOneDeadLetter() throws IOException {
        Path f = dir.resolve("other.parquet");
        var schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                "message m { optional binary name (STRING); optional int64 size; }");
        try (ParquetWriter<Group> w = new FlowLogParquetFiles(10).writer(f, schema, Map.of())) {
            w.write(new SimpleGroupFactory(schema)
                    .newGroup()
                    .append("name", "x")
                    .append("size", 1L));
        }
        assertThat(read(f).deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.BAD_PARQUET);
            assertThat(d.detail()).isEqualTo("no column names a flow-log field (columns: name, size)");
        });
    }

    @Test
    void anOcsfRowOfAnotherClassOrProductIsANotAFlowRecordDeadLetter() throws IOException {
        Path f = dir.resolve("mixed.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(OcsfEncoder.SCHEMA);
        try (ParquetWriter<Group> w = new FlowLogParquetFiles(10).writer(f, OcsfEncoder.SCHEMA, Map.of())) {
            for (int i = 0; i < 3; i++) {
                Group g = groups.newGroup();
                g.addGroup("metadata").addGroup("product").append("name", i == 2 ? "Route 53" : "Amazon VPC");
                g.addGroup("src_endpoint").append("ip", "10.0.0.1").append("interface_uid", "eni-1");
                g.addGroup("dst_endpoint").append("ip", "10.0.0.2");
                g.append("class_uid", i == 1 ? 4003 : 4001)
                        .append("action_id", 1)
                        .append("time", 1_700_000_000_000L);
                w.write(g);
            }
        }
        CollectingHandler c = read(f);
        assertThat(c.records).singleElement().satisfies(r -> {
            assertThat(r.get(FlowField.INTERFACE_ID)).isEqualTo("eni-1");
            assertThat(r.get(FlowField.START)).isEqualTo(1_700_000_000L);
        });
        assertThat(c.deadLetters).extracting(DeadLetter::reason).containsOnly(DeadLetterReason.NOT_A_FLOW_RECORD);
        assertThat(c.deadLetters)
                .extracting(DeadLetter::detail)
                .containsExactly(
                        "class_uid 4003: not an OCSF Network Activity (4001) event",
                        "metadata.product.name 'Route 53': not Amazon VPC flow logs");
    }
}
