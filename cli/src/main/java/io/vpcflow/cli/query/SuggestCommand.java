package io.vpcflow.cli.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vpcflow.cli.support.PastRecordsOptions;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.cli.support.UserError;
import io.vpcflow.delivery.LocalFiles;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.query.FlowRecords;
import io.vpcflow.sg.RuleKey;
import io.vpcflow.whatif.LeastPrivilege;
import io.vpcflow.whatif.Proposal;
import io.vpcflow.whatif.TerraformRules;
import io.vpcflow.whatif.WhatIf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vpcflow suggest}: narrower rules that keep all observed traffic, and the rules nothing used. */
@Command(
        name = "suggest",
        mixinStandardHelpOptions = true,
        description = "For every rule wider than the traffic it allowed in the period (wide CIDRs, wide port ranges, "
                + "all protocols), the narrower rules that keep every observed flow, and the rules no flow used. "
                + "Writes OUT/inventory (a proposal for vpcflow whatif --proposed), OUT/suggested.tf (the "
                + "provider-5 rule resources), OUT/report.txt and OUT/suggestion.json, after checking with whatif "
                + "that the suggestion blocks no observed flow.")
public final class SuggestCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String MARKER = "suggestion.json";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PastRecordsOptions records;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write the suggestion.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkOut();
        LoadedInventory loaded = records.loadInventory();
        LeastPrivilege lp = new LeastPrivilege(loaded.timeline(), loaded.evaluator(), records.from(), records.to());
        FlowRecords.Read read = records.read(lp::add, err);
        List<LeastPrivilege.Suggestion> suggestions = lp.suggestions();
        Proposal proposal = LeastPrivilege.proposal(suggestions);

        Files.createDirectories(out);
        List<InventorySnapshot> snapshots = loaded.timeline().snapshots();
        InventorySnapshot latest = snapshots.get(snapshots.size() - 1);
        InventorySnapshot proposed = proposal.apply(latest);
        List<SecurityGroup> changed = proposed.securityGroups().stream()
                .filter(g -> proposal.changedGroups().contains(g.id()))
                .toList();

        // The self-check, as a user runs it: whatif with the written folder, whose groups replace theirs at every
        // record's time. A flow allowed by a rule that no longer stands breaks under any proposal of today's groups;
        // it is counted apart, and only flows the suggestion itself would break fail the check.
        Proposal.Builder written = Proposal.builder();
        changed.forEach(g -> written.replace(g.id(), g.rules()));
        WhatIf check = new WhatIf(loaded.timeline(), loaded.evaluator(), written.build(), records.from(), records.to());
        records.read(check::add, err);
        java.util.Set<String> standing = new java.util.HashSet<>();
        latest.securityGroups().forEach(g -> g.rules().forEach(r -> standing.add(g.id() + " " + r.ruleId())));
        long[] breaks = new long[2];
        long[] gone = new long[2];
        java.util.Set<String> goneRules = new java.util.TreeSet<>();
        for (WhatIf.Group g : check.groups()) {
            if (g.key().change() != WhatIf.Change.WOULD_BLOCK) {
                continue;
            }
            boolean stands =
                    standing.contains(g.key().groupBefore() + " " + g.key().ruleBefore());
            long[] t = stands ? breaks : gone;
            t[0] += g.flows();
            t[1] += g.bytes();
            if (!stands) {
                goneRules.add(g.key().groupBefore() + " " + g.key().ruleBefore());
            }
        }
        Path inventory = out.resolve("inventory");
        if (Files.exists(inventory)) {
            LocalFiles.deleteTree(inventory);
        }
        InventoryFiles.write(
                new InventorySnapshot(
                        proposed.takenAt(),
                        true,
                        List.of(),
                        List.of(),
                        changed,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()),
                inventory);
        Files.writeString(out.resolve("suggested.tf"), TerraformRules.of(suggestions, records.period()));
        List<String> report = report(suggestions, read, check, breaks, gone, goneRules);
        if (!lp.withoutIds().isEmpty()) {
            List<String> unnamed = new ArrayList<>(List.of(
                    "",
                    "rules without ids, left as they are (the inventory has no "
                            + "describe-security-group-rules.json, so a record cannot say which of them allowed it):"));
            lp.withoutIds().forEach(r -> unnamed.add("  " + r.groupId() + "  " + Proposal.describe(RuleKey.of(r))));
            report.addAll(report.indexOf(SELF_CHECK) - 1, unnamed);
        }
        // Read on terminals: ids and descriptions from other accounts are written with their control characters shown.
        Files.write(
                out.resolve("report.txt"),
                report.stream().map(TerminalText::safe).toList());
        JSON.writeValue(out.resolve(MARKER).toFile(), summary(suggestions, check, breaks, gone, goneRules));

        long narrow = suggestions.stream()
                .filter(s -> s.kind() == LeastPrivilege.Kind.NARROW)
                .count();
        stdout.printf(
                "%,d rules can be narrowed and %,d allowed no flow %s (%,d flows judged)%n",
                narrow, suggestions.size() - narrow, records.period(), check.judged());
        if (!lp.withoutIds().isEmpty()) {
            stdout.printf(
                    "%,d rules have no id and are left as they are (report.txt lists them)%n",
                    lp.withoutIds().size());
        }
        report.subList(report.indexOf(SELF_CHECK), report.size()).forEach(l -> stdout.println(TerminalText.safe(l)));
        stdout.println("wrote " + out.resolve("inventory") + ", " + out.resolve("suggested.tf") + ", "
                + out.resolve("report.txt") + " and " + out.resolve(MARKER));
        stdout.flush();
        return breaks[0] == 0 ? 0 : 1;
    }

    /** Refuses a folder that holds anything but an earlier suggestion (which is replaced). */
    private void checkOut() throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new UserError("--out " + out + " is a file, not a folder");
        }
        try (Stream<Path> entries = Files.list(out)) {
            if (entries.findAny().isPresent() && !Files.exists(out.resolve(MARKER))) {
                throw new UserError(
                        "--out " + out + " holds files that are not a suggestion: give an empty or new " + "folder");
            }
        }
    }

    private static final String SELF_CHECK = "self-check (vpcflow whatif --proposed OUT/inventory):";

    private static List<String> report(
            List<LeastPrivilege.Suggestion> suggestions,
            FlowRecords.Read read,
            WhatIf check,
            long[] breaks,
            long[] gone,
            java.util.Set<String> goneRules) {
        List<String> lines = new ArrayList<>();
        lines.add("vpcflow suggest: least privilege from " + String.format("%,d", read.records()) + " records");
        String group = null;
        for (LeastPrivilege.Suggestion s : suggestions) {
            if (!s.groupId().equals(group)) {
                group = s.groupId();
                lines.add("");
                lines.add(group);
            }
            String rule = "  " + s.rule().ruleId() + "  " + Proposal.describe(RuleKey.of(s.rule()));
            if (s.kind() == LeastPrivilege.Kind.REMOVE) {
                lines.add(rule + ": no flow used it; remove");
                continue;
            }
            lines.add(rule + String.format(": %,d flows%s; narrow to", s.flows(), peers(s)));
            s.replacements().forEach(r -> lines.add("      " + Proposal.describe(RuleKey.of(r))));
        }
        lines.add("");
        lines.add(SELF_CHECK);
        lines.add(String.format(
                "  the suggestion blocks %,d of %,d observed flows (%,d bytes)", breaks[0], check.judged(), breaks[1]));
        if (gone[0] > 0) {
            lines.add(String.format(
                    "  %,d flows (%,d bytes) were allowed by rules that no longer stand (%s): they break under any "
                            + "proposal of today's groups; --from after the rules changed leaves them out",
                    gone[0], gone[1], String.join(", ", goneRules)));
        }
        return lines;
    }

    private static String peers(LeastPrivilege.Suggestion s) {
        return s.peers() < 0
                ? " from many peers"
                : String.format(" from %,d peer%s", s.peers(), s.peers() == 1 ? "" : "s");
    }

    private static Map<String, Object> summary(
            List<LeastPrivilege.Suggestion> suggestions,
            WhatIf check,
            long[] breaks,
            long[] gone,
            java.util.Set<String> goneRules) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (LeastPrivilege.Suggestion s : suggestions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("sg", s.groupId());
            m.put("rule", s.rule().ruleId());
            m.put("was", Proposal.describe(RuleKey.of(s.rule())));
            m.put("flows", s.flows());
            m.put("peers", s.peers());
            m.put(
                    "narrowedTo",
                    s.replacements().stream()
                            .map(r -> Proposal.describe(RuleKey.of(r)))
                            .toList());
            rules.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rules", rules);
        m.put("flowsJudged", check.judged());
        m.put("selfCheckWouldBlock", breaks[0]);
        m.put("allowedByRulesNoLongerStanding", gone[0]);
        m.put("rulesNoLongerStanding", List.copyOf(goneRules));
        return m;
    }
}
