package io.vpcflow.cli.query;

import io.vpcflow.cli.support.PastRecordsOptions;
import io.vpcflow.cli.support.TableOutput;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.cli.support.UserError;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.inventory.InventoryException;
import io.vpcflow.query.FlowRecords;
import io.vpcflow.query.Table;
import io.vpcflow.query.WhatIfReport;
import io.vpcflow.whatif.InventoryProposal;
import io.vpcflow.whatif.Proposal;
import io.vpcflow.whatif.ProposalException;
import io.vpcflow.whatif.TerraformPlan;
import io.vpcflow.whatif.WhatIf;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vpcflow whatif}: what past traffic would meet under a proposed security-group change. */
@Command(
        name = "whatif",
        mixinStandardHelpOptions = true,
        description = "Judges the traffic of a period again under a proposed change (an edited inventory folder, or "
                + "the JSON of a Terraform plan: terraform show -json PLAN) and lists what would break (accepted "
                + "and allowed today, not allowed by the proposal) and what would newly be allowed, by interface, "
                + "owner, peer and service. Exit status 3 with --fail-on-block when anything would break.")
public final class WhatIfCommand implements Callable<Integer> {
    /** The exit status of --fail-on-block when the proposal would block observed traffic. */
    public static final int WOULD_BLOCK = 3;
    /** Groups shown on a terminal; the JSON and the page hold them all. */
    private static final int SHOWN = 40;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PastRecordsOptions records;

    @Option(
            names = "--proposed",
            paramLabel = "PATH",
            required = true,
            description = "An inventory snapshot folder whose security groups and network ACLs replace those of the "
                    + "same ids, or a Terraform plan's JSON.")
    Path proposed;

    @Option(names = "--json", description = "One JSON object per group, then a summary object.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a page for a reviewer.")
    Path html;

    @Option(names = "--fail-on-block", description = "Exit with status 3 when anything observed would break.")
    boolean failOnBlock;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadedInventory loaded = records.loadInventory();
        Proposal proposal = readProposal(proposed);
        WhatIf whatIf = whatIf(loaded, proposal, records.from(), records.to());
        FlowRecords.Read read = records.read(whatIf::add, err);
        WhatIfReport report = new WhatIfReport(whatIf, proposal, read);
        if (json) {
            report.json(out);
        } else {
            report.summaryLines().forEach(line -> out.println(TerminalText.safe(line)));
            Table t = report.table();
            if (t.rows().size() > SHOWN) {
                TableOutput.text(new Table(t.columns(), t.rows().subList(0, SHOWN)), out);
                out.printf(
                        "... and %,d more groups (--json or --html lists them all)%n",
                        t.rows().size() - SHOWN);
            } else {
                TableOutput.text(t, out);
            }
        }
        if (html != null) {
            Files.writeString(html, report.html(proposed.getFileName().toString()));
            if (!json) {
                out.println("wrote " + html);
            }
        }
        out.flush();
        err.flush();
        return failOnBlock && whatIf.totals(WhatIf.Change.WOULD_BLOCK).flows() > 0 ? WOULD_BLOCK : 0;
    }

    /** The judgement of a period's records under a proposal, ready to be fed them. */
    static WhatIf whatIf(LoadedInventory loaded, Proposal proposal, long from, long to) {
        try {
            return new WhatIf(loaded.timeline(), loaded.evaluator(), proposal, from, to);
        } catch (InventoryException e) {
            throw new UserError("under the proposal, " + e.getMessage());
        }
    }

    /** A proposal from an inventory folder or a Terraform plan's JSON; one sentence when it cannot be read. */
    static Proposal readProposal(Path proposed) {
        if (!Files.exists(proposed)) {
            throw new UserError("no such file or folder: " + proposed);
        }
        try {
            return Files.isDirectory(proposed) ? InventoryProposal.read(proposed) : TerraformPlan.read(proposed);
        } catch (ProposalException e) {
            throw new UserError(e.getMessage());
        }
    }
}
