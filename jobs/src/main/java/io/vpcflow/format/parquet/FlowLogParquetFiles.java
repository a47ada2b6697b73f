package io.vpcflow.format.parquet;

import io.vpcflow.delivery.S3ObjectKey;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FieldType;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes flow records as AWS delivers them in Parquet, and as Amazon Security Lake stores them (OCSF 1.1 Network
 * Activity): the encoders that tests and {@code bench} turn generated text logs into, so that the same traffic can
 * be read in all three forms. AWS's files: the fields in the flow log's order, INT32 for version, ports, protocol,
 * tcp-flags and traffic-path, INT64 for packets, bytes, start and end, text for the rest, every column optional, a
 * missing number null and a missing text {@code "-"}, GZIP pages, the Avro writer's schema in the metadata (parquet-java's example writer
 * names itself as the writer model, where AWS's says {@code avro}).
 */
public final class FlowLogParquetFiles {
    /** Rows per row group of the files written: small enough that a test file has several. */
    private final int rowGroupRows;

    private static final DateTimeFormatter EVENT_DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** Page size, in bytes: parquet-java's (and AWS's) 1 MiB, or less for tests of files of many pages. */
    private final int pageBytes;

    public FlowLogParquetFiles(int rowGroupRows) {
        this(rowGroupRows, 1 << 20);
    }

    public FlowLogParquetFiles(int rowGroupRows, int pageBytes) {
        this.rowGroupRows = rowGroupRows;
        this.pageBytes = pageBytes;
    }

    /** What to write. */
    public enum Kind {
        PARQUET,
        OCSF
    }

    /**
     * Writes every text flow-log file under {@code textRoot} again under {@code outRoot}: as {@code .log.parquet} at
     * the same key, or as OCSF under Security Lake's {@code VPC_FLOW/2.0/region=/accountId=/eventDay=/} prefix.
     *
     * @return the files written
     */
    public List<Path> convert(Path textRoot, Path outRoot, Kind kind) throws IOException {
        List<Path> texts;
        try (Stream<Path> s = Files.walk(textRoot)) {
            texts = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> written = new ArrayList<>();
        for (Path text : texts) {
            String rel = textRoot.relativize(text).toString().replace('\\', '/');
            Path out = outRoot.resolve(kind == Kind.PARQUET ? parquetKey(rel) : ocsfKey(rel));
            Files.createDirectories(out.getParent());
            write(text, out, kind);
            written.add(out);
        }
        return written;
    }

    private static String parquetKey(String rel) {
        return rel.replaceFirst("\\.log(\\.gz)?$", "") + ".log.parquet";
    }

    private static String ocsfKey(String rel) {
        S3ObjectKey k =
                S3ObjectKey.parse(rel).orElseThrow(() -> new IllegalArgumentException("not in the S3 layout: " + rel));
        LocalDate day = k.date();
        return "aws/VPC_FLOW/2.0/region=" + k.region() + "/accountId=" + k.accountId() + "/eventDay="
                + EVENT_DAY.format(day) + "/" + k.fileName().replaceFirst("\\.log(\\.gz)?$", "")
                + ".gz.parquet";
    }

    /** Reads one text file and writes its records to {@code out}; a line that is not a record is not written. */
    public void write(Path text, Path out, Kind kind) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        FlowLogFormat[] format = new FlowLogFormat[1];
        try (InputStream in = Files.newInputStream(text)) {
            new FlowLogReader(null).read(text.toString(), in, new FlowLogReader.Handler() {
                @Override
                public void onRecord(MutableFlowRecord r, long lineNumber) {
                    if (format[0] == null) {
                        format[0] = r.format();
                    }
                    rows.add(values(r, format[0]));
                }

                @Override
                public void onDeadLetter(DeadLetter d) {}
            });
        }
        FlowLogFormat f = format[0] == null ? FlowLogFormat.DEFAULT : format[0];
        if (kind == Kind.PARQUET) {
            writeAws(f, rows, out);
        } else {
            OcsfEncoder.write(f, rows, out, this);
        }
    }

    /** The record's values in the format's order: Long for numbers, String for the rest, null when absent. */
    static Object[] values(MutableFlowRecord r, FlowLogFormat format) {
        Object[] v = new Object[format.size()];
        for (int i = 0; i < format.size(); i++) {
            FlowField f = format.field(i);
            if (f == null) {
                v[i] = r.getExtra(format.extraIndex(i));
            } else if (!r.has(f)) {
                v[i] = null;
            } else if (f.type() == FieldType.INT || f.type() == FieldType.LONG) {
                v[i] = r.getLong(f);
            } else if (f.type() == FieldType.ACTION) {
                v[i] = r.action().name();
            } else if (f.type() == FieldType.LOG_STATUS) {
                v[i] = r.logStatus().name();
            } else if (f.type() == FieldType.ADDRESS) {
                v[i] = r.getAddress(f).toString();
            } else {
                v[i] = r.getString(f);
            }
        }
        return v;
    }

    /** AWS's Parquet schema for a format: the column types as AWS writes them. */
    public static MessageType awsSchema(FlowLogFormat format) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (int i = 0; i < format.size(); i++) {
            String column = FlowField.columnName(format.names().get(i));
            FlowField f = format.field(i);
            if (f != null && f.type() == FieldType.INT) {
                b.optional(PrimitiveTypeName.INT32).named(column);
            } else if (f != null && f.type() == FieldType.LONG) {
                b.optional(PrimitiveTypeName.INT64).named(column);
            } else {
                b.optional(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(column);
            }
        }
        return b.named("LogFormatInfo");
    }

    /** The Avro schema AWS's writer leaves in the file's metadata. */
    static String avroSchema(FlowLogFormat format) {
        StringBuilder sb = new StringBuilder(
                "{\"type\":\"record\",\"name\":\"LogFormatInfo\",\"namespace\":\"LogFormatSchema\",\"fields\":[");
        for (int i = 0; i < format.size(); i++) {
            String column = FlowField.columnName(format.names().get(i));
            FlowField f = format.field(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"name\":\"").append(column).append("\",\"type\":");
            if (f != null && (f.type() == FieldType.INT || f.type() == FieldType.LONG)) {
                sb.append(f.type() == FieldType.INT ? "[\"null\",\"int\"]" : "[\"null\",\"long\"]")
                        .append(",\"default\":null}");
            } else {
                sb.append("[\"string\",\"null\"],\"default\":\"-\"}");
            }
        }
        return sb.append("]}").toString();
    }

    private void writeAws(FlowLogFormat format, List<Object[]> rows, Path out) throws IOException {
        MessageType schema = awsSchema(format);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("parquet.avro.schema", avroSchema(format));
        try (ParquetWriter<Group> w = writer(out, schema, meta)) {
            for (Object[] row : rows) {
                Group g = groups.newGroup();
                for (int i = 0; i < row.length; i++) {
                    FlowField f = format.field(i);
                    boolean number = f != null && (f.type() == FieldType.INT || f.type() == FieldType.LONG);
                    if (row[i] == null && number) {
                        continue; // a missing number is null
                    }
                    if (number && f.type() == FieldType.INT) {
                        g.add(i, (int) (long) (Long) row[i]);
                    } else if (number) {
                        g.add(i, (Long) row[i]);
                    } else {
                        g.add(i, row[i] == null ? "-" : (String) row[i]);
                    }
                }
                w.write(g);
            }
        }
    }

    /** A GZIP writer whose row groups hold about {@link #rowGroupRows} rows. */
    ParquetWriter<Group> writer(Path out, MessageType schema, Map<String, String> meta) throws IOException {
        try {
            return ExampleParquetWriter.builder(new LocalOutputFile(out))
                    .withType(schema)
                    .withCompressionCodec(CompressionCodecName.GZIP)
                    .withPageSize(pageBytes)
                    // Small pages for tests also hold few rows: a column of nulls, tiny, still spans pages.
                    .withPageRowCountLimit(pageBytes >= 1 << 20 ? 20_000 : 100)
                    .withDictionaryPageSize(Math.max(pageBytes, 64 * 1024))
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withExtraMetaData(meta)
                    // Row groups close by size, checked every so many rows: this makes them about rowGroupRows long.
                    .withRowGroupSize((long) rowGroupRows * 40)
                    .withMinRowCountForPageSizeCheck(Math.min(100, rowGroupRows))
                    .withMaxRowCountForPageSizeCheck(Math.min(10_000, rowGroupRows))
                    .build();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
