package io.vpcflow.cli.query;

import io.vpcflow.cli.support.TableOutput;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.cli.support.UserError;
import io.vpcflow.cli.support.WarehouseOption;
import io.vpcflow.query.Table;
import io.vpcflow.query.Warehouse;
import io.vpcflow.text.Lines;
import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vpcflow query}: SQL over a run's tables on an embedded DuckDB. */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = "Runs SQL on an embedded DuckDB with a view per table (flows, verdict_stats, rule_usage, "
                + "dead_letters, enis, sg_rules) over the Hive-partitioned Parquet of a run; dt and hour are columns.")
public final class QueryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    WarehouseOption warehouse;

    @Option(
            names = "--unrestricted",
            description = "Let the SQL do what DuckDB can: COPY, ATTACH, SET, other files, extensions. Without it a "
                    + "query runs SELECT statements that read the warehouse's tables and nothing else.")
    boolean unrestricted;

    @CommandLine.ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--json", description = "One JSON object per row.")
        boolean json;

        @Option(names = "--csv", description = "CSV with a header row.")
        boolean csv;
    }

    @Parameters(paramLabel = "SQL", description = "The query, e.g. \"SELECT verdict, count(*) FROM flows GROUP BY 1\".")
    String sql;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse w = warehouse.open(spec.commandLine().getErr(), unrestricted)) {
            if (!unrestricted) {
                try {
                    w.checkOnlySelects(sql);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
            }
            print(w, out);
        } catch (SQLException e) {
            throw new UserError("the query failed: " + TerminalText.safe(Lines.first(e.getMessage()), 300));
        }
        out.flush();
        return 0;
    }

    private void print(Warehouse w, PrintWriter out) throws Exception {
        try (ResultSet rs = w.execute(sql)) {
            if (rs == null) {
                return; // a statement with no rows, which only --unrestricted lets through
            }
            Table t = Table.of(rs);
            if (mode.json) {
                TableOutput.json(t, out);
            } else if (mode.csv) {
                TableOutput.csv(t, out);
            } else {
                TableOutput.text(t, out);
            }
        }
    }
}
