package io.vpcflow.cli.query;

import io.vpcflow.cli.support.TableOutput;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.cli.support.UserError;
import io.vpcflow.cli.support.WarehouseOption;
import io.vpcflow.query.HtmlPage;
import io.vpcflow.query.Reports;
import io.vpcflow.query.Table;
import io.vpcflow.query.Warehouse;
import io.vpcflow.text.Lines;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vpcflow report}: the questions users ask most, as tables on the terminal and an offline HTML page. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Reports over a run's tables: unexpected (unexpected accepts/rejects with reasons), unused-rules "
                + "(rules with no traffic, and rules open to everyone but used by a few addresses), top-talkers (owner "
                + "to owner, bytes), owners (traffic per owner kind), lambda (traffic per Hyperplane ENI and its "
                + "functions).")
public final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "unexpected, unused-rules, top-talkers, owners or lambda.")
    String name;

    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained page with charts.")
    Path html;

    @Override
    public Integer call() throws Exception {
        Reports.Report report = Reports.ALL.get(name);
        if (report == null) {
            throw new UserError("no report named '" + TerminalText.safe(name, 40) + "': choose one of "
                    + String.join(", ", Reports.ALL.keySet()));
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse w = warehouse.open(spec.commandLine().getErr(), false)) {
            for (String table : report.needs()) {
                if (!w.has(table)) {
                    throw new UserError("the report " + name + " needs the table " + table + ", which " + warehouse.dir
                            + " does not hold");
                }
            }
            Table t;
            try (ResultSet rs = w.query(report.sql())) {
                t = Table.of(rs);
            }
            out.println(report.title());
            TableOutput.text(t, out);
            if (html != null) {
                Files.writeString(html, HtmlPage.render(report.title(), t, w));
                out.println("wrote " + html);
            }
        } catch (SQLException e) {
            throw new UserError("the report failed: " + TerminalText.safe(Lines.first(e.getMessage()), 300));
        }
        out.flush();
        return 0;
    }
}
