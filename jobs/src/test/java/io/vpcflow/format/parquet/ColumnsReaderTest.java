package io.vpcflow.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.jobs.sink.OutputTables;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A columns reader must give exactly what the columns' getters give: they are the definition. */
class ColumnsReaderTest {
    @TempDir
    Path dir;

    @Test
    void theFlowsTableWrittenThroughItsReaderIsByteForByteTheTableWrittenThroughTheGetters() throws Exception {
        ParquetTable<FlowRow> table = OutputTables.FLOWS;
        assertThat(table.reader().columns())
                .as("every string and number column without a guard")
                .hasSize((int) table.columns().stream()
                        .filter(c -> c.ownPages() && c.present == null)
                        .count());

        // Every public field of the row different in every row (or absent), so a column read from the wrong
        // field cannot give the same file; more rows than a writer batch, and a part of one.
        Random random = new Random(5);
        FlowRow[] rows = new FlowRow[2_500];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new FlowRow();
            for (Field f : FlowRow.class.getFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                boolean absent = random.nextInt(8) == 0;
                if (f.getType() == String.class) {
                    f.set(rows[r], absent ? null : f.getName() + random.nextInt(1000));
                } else if (f.getType() == int.class) {
                    f.setInt(rows[r], absent ? -1 : random.nextInt(100_000));
                } else if (f.getType() == long.class) {
                    f.setLong(rows[r], absent ? -1 : random.nextLong() >>> 1);
                }
            }
        }
        Path withReader = write(table, rows, "reader.parquet");
        Path withGetters = write(new ParquetTable<>(table.name(), table.columns()), rows, "getters.parquet");
        assertThat(Files.mismatch(withReader, withGetters))
                .as("the first byte where the files differ")
                .isEqualTo(-1L);
    }

    private Path write(ParquetTable<FlowRow> table, FlowRow[] rows, String name) throws Exception {
        Path file = dir.resolve(name);
        try (var out = new LocalOutputFile(file).createOrOverwrite(0)) {
            ColumnarWriter<FlowRow> w = new ColumnarWriter<>(out, table, ColumnarWriter.ROW_GROUP_BYTES);
            w.addAll(rows);
            w.finish();
        }
        return file;
    }

    @Test
    void aReaderOfAColumnTheTableLacksOrOfAGuardedColumnIsRefused() {
        ParquetTable<FlowRow> table = OutputTables.FLOWS;
        for (String name : List.of("no_such_column", "lambda_functions", "sublocation_id")) {
            ColumnsReader<FlowRow> wrong = new ColumnsReader<>() {
                @Override
                public List<String> columns() {
                    return List.of(name);
                }

                @Override
                public void read(Object[] rows, int count, Object[] out) {}
            };
            assertThatThrownBy(() -> new ColumnarWriter<>(
                            new LocalOutputFile(dir.resolve(name)).createOrOverwrite(0),
                            table.withReader(wrong),
                            1 << 20))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name);
        }
    }
}
