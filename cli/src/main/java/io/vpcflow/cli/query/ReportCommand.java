package io.vpcflow.cli.query;

import io.vpcflow.cli.support.TableOutput;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.cli.support.UserError;
import io.vpcflow.cli.support.WarehouseOption;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.inventory.InventoryException;
import io.vpcflow.query.FlowRecords;
import io.vpcflow.query.Reports;
import io.vpcflow.query.Table;
import io.vpcflow.query.Warehouse;
import io.vpcflow.query.WhatIfReport;
import io.vpcflow.report.ReportPages;
import io.vpcflow.text.Lines;
import io.vpcflow.whatif.LeastPrivilege;
import io.vpcflow.whatif.Proposal;
import io.vpcflow.whatif.WhatIf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vpcflow report}: the questions users ask most, as tables on the terminal and offline HTML pages. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Reports over a run's tables: unexpected (unexpected accepts/rejects with reasons), unused-rules "
                + "(rules with no traffic, and rules open to everyone but used by a few addresses), top-talkers (owner "
                + "to owner, bytes), owners (traffic per owner kind), lambda (traffic per Hyperplane ENI and its "
                + "functions), or all of them. With --html, a page with the chart that answers the question; "
                + "report all --html DIR writes the linked set of pages (traffic over time, unexpected, who talks "
                + "to whom, owners, rule usage, suggestions, what-if, Lambda).")
public final class ReportCommand implements Callable<Integer> {
    private static final String ALL = "all";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "unexpected, unused-rules, top-talkers, owners, lambda or all.")
    String name;

    @Mixin
    WarehouseOption warehouse;

    @Option(
            names = "--html",
            paramLabel = "PATH",
            description = "Also write a self-contained page with charts (a folder of linked pages for all).")
    Path html;

    @Option(
            names = "--inventory",
            paramLabel = "DIR",
            description = "With all: the inventory of the period, for the suggestions page.")
    Path inventory;

    @Option(
            names = "--proposed",
            paramLabel = "PATH",
            description = "With all and --inventory: a proposed change (inventory folder or Terraform plan JSON) "
                    + "for the what-if page.")
    Path proposed;

    @Override
    public Integer call() throws Exception {
        boolean all = ALL.equals(name);
        if (!all && !Reports.ALL.containsKey(name)) {
            throw new UserError("no report named '" + TerminalText.safe(name, 40) + "': choose one of "
                    + String.join(", ", Reports.ALL.keySet()) + " or " + ALL);
        }
        if ((inventory != null || proposed != null) && !(all && html != null)) {
            throw new UserError("--inventory and --proposed fill pages of report all --html DIR only");
        }
        if (proposed != null && inventory == null) {
            throw new UserError("--proposed needs --inventory, the inventory the proposal changes");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse w = warehouse.open(spec.commandLine().getErr(), false)) {
            List<String> names = all ? List.copyOf(Reports.ALL.keySet()) : List.of(name);
            for (String n : names) {
                Reports.Report report = Reports.ALL.get(n);
                if (!report.needs().stream().allMatch(w::has)) {
                    if (all) {
                        continue;
                    }
                    throw new UserError("the report " + name + " needs the tables " + String.join(", ", report.needs())
                            + ", which " + warehouse.dir + " does not hold");
                }
                Table t;
                try (ResultSet rs = w.query(report.sql())) {
                    t = Table.of(rs);
                }
                out.println(report.title());
                TableOutput.text(t, out);
            }
            if (html != null) {
                writePages(w, all, out);
            }
        } catch (SQLException e) {
            throw new UserError("the report failed: " + TerminalText.safe(Lines.first(e.getMessage()), 300));
        }
        out.flush();
        return 0;
    }

    private void writePages(Warehouse w, boolean all, PrintWriter out) throws IOException, SQLException {
        if (!all) {
            ReportPages pages = new ReportPages(w, false, null, null, null, null);
            Files.writeString(html, pages.page(ReportPages.PAGE_OF_REPORT.get(name)));
            out.println("wrote " + html);
            return;
        }
        if (Files.exists(html) && !Files.isDirectory(html)) {
            throw new UserError("--html " + html + " is a file: report all writes a folder of pages");
        }
        List<LeastPrivilege.Suggestion> suggestions = null;
        WhatIfReport whatIf = null;
        if (inventory != null) {
            LoadedInventory loaded;
            try {
                loaded = LoadedInventory.current(inventory.toAbsolutePath().toString());
            } catch (InventoryException e) {
                throw new UserError(e.getMessage());
            }
            LeastPrivilege lp =
                    new LeastPrivilege(loaded.timeline(), loaded.evaluator(), Long.MIN_VALUE, Long.MAX_VALUE);
            Proposal proposal = proposed == null ? null : WhatIfCommand.readProposal(proposed);
            WhatIf check =
                    proposal == null ? null : WhatIfCommand.whatIf(loaded, proposal, Long.MIN_VALUE, Long.MAX_VALUE);
            Path flows = warehouse.dir.resolve("flows");
            if (!Files.isDirectory(flows)) {
                throw new UserError("the suggestions and what-if pages judge every record: " + warehouse.dir
                        + " holds no flows table");
            }
            FlowRecords.Read read = FlowRecords.readFlowsTable(
                    flows,
                    row -> {
                        lp.add(row);
                        if (check != null) {
                            check.add(row);
                        }
                    },
                    Runtime.getRuntime().availableProcessors());
            suggestions = lp.suggestions();
            whatIf = check == null ? null : new WhatIfReport(check, proposal, read);
        }
        ReportPages pages = new ReportPages(
                w,
                true,
                suggestions,
                whatIf,
                proposed == null ? null : proposed.getFileName().toString(),
                "No inventory was given: vpcflow report all --html DIR --inventory INV fills this page; vpcflow "
                        + "suggest --inventory INV --out DIR also writes the narrower rules as an inventory and as "
                        + "Terraform.");
        List<Path> written = pages.writeAll(html);
        out.println("wrote " + written.size() + " pages into " + html + ": open " + html.resolve("index.html"));
    }
}
