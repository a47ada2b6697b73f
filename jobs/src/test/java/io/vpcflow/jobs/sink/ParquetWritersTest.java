package io.vpcflow.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.Action;
import io.vpcflow.net.IpAddress;
import io.vpcflow.testing.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The part file's stream is buffered (Parquet writes headers a few bytes at a time): every byte must reach the file
 * by the writer's finish, and the positions Parquet records in its footer must be the file's own, for headers
 * that wait in the buffer and for pages larger than it that go straight through.
 */
class ParquetWritersTest {
    @TempDir
    Path dir;

    @Test
    void aFileOfManyPagesReadsBackWhole() throws Exception {
        Random random = new Random(7);
        List<FlowRow> rows = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < 50_000; i++) {
            FlowRow r = new FlowRow();
            r.source = "s3://bucket/key-" + (i % 7);
            r.lineNumber = i + 1;
            r.interfaceId = "eni-" + random.nextInt(500);
            r.srcaddr = IpAddress.ofV4(random.nextInt() & 0xFFFF_FFFFL);
            r.dstaddr = IpAddress.ofV4(0x0A00_0000L + random.nextInt(1 << 16));
            r.srcport = random.nextInt(65536);
            r.dstport = 443;
            r.protocol = 6;
            r.packets = 1 + random.nextInt(100);
            r.bytes = random.nextLong() & 0xFFFF_FFFFL;
            r.start = 1_795_694_400L + i;
            r.end = r.start + 60;
            r.action = i % 3 == 0 ? Action.REJECT : Action.ACCEPT;
            bytes += r.bytes;
            rows.add(r);
        }
        Path file = dir.resolve("flows.parquet");

        long written = ParquetFiles.write(OutputTables.FLOWS, rows, file);

        assertThat(Files.size(file))
                .as("more than the buffer, so pages went past it")
                .isGreaterThan(1 << 20);
        assertThat(written)
                .as("the stream's position at the end is the file's size")
                .isEqualTo(Files.size(file));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), sum(bytes), count(DISTINCT interface_id), "
                        + "max(line_number), count(*) FILTER (WHERE action = 'REJECT') FROM read_parquet('"
                        + file + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(50_000);
            assertThat(rs.getBigDecimal(2).longValueExact()).isEqualTo(bytes);
            assertThat(rs.getLong(3)).isEqualTo(500);
            assertThat(rs.getLong(4)).isEqualTo(50_000);
            assertThat(rs.getLong(5)).isEqualTo(16_667);
        }
    }
}
