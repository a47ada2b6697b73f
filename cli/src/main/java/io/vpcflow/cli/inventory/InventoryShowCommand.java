package io.vpcflow.cli.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vpcflow.cli.support.AwsOptions;
import io.vpcflow.cli.support.InventoryGaps;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.cli.support.UserError;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.files.InventoryStore;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.inventory.InventoryStores;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.Owner;
import io.vpcflow.ownership.OwnershipTimeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vpcflow inventory show}: one line (or JSON object) per network interface with its owner. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Prints one line per network interface: id, account, region, owner kind, owner id, name, VPC, "
                + "subnet, addresses, security groups, and for Lambda the set of functions sharing it. ROOT is a "
                + "snapshot folder (AWS CLI JSON), a folder of snapshots named by UTC times, or a folder of such "
                + "folders of many accounts and regions; local or s3://BUCKET/PREFIX.")
final class InventoryShowCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object per interface.")
    boolean json;

    @Option(
            names = "--at",
            paramLabel = "TIME",
            description = "Show the owners at this UTC time (ISO-8601, e.g. "
                    + "2026-11-26T12:30:00Z). Default: each interface as last seen.")
    Instant at;

    @Mixin
    AwsOptions aws;

    @Parameters(paramLabel = "ROOT", description = "The inventory root: a folder, or s3://BUCKET/PREFIX.")
    String dir;

    @Override
    public Integer call() {
        LoadedInventory loaded;
        try {
            // Read and compiled as replay does: what replay refuses (a rule it cannot read) is refused here too.
            loaded = load();
        } catch (InventoryException e) {
            throw new UserError(TerminalText.safe(e.getMessage(), 500));
        }
        OwnershipTimeline timeline = loaded.timeline();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InventoryGaps.warn(err, loaded);
        long time = at == null ? Long.MAX_VALUE - 1 : at.getEpochSecond();
        int shown = 0;
        for (String id : timeline.interfaceIds()) {
            OwnershipTimeline.Attribution a = timeline.interfaceAt(id, time);
            if (a == null) {
                continue;
            }
            shown++;
            out.println(json ? toJson(a) : toText(a));
        }
        if (shown == 0) {
            err.println("vpcflow: the inventory in " + TerminalText.safe(dir, 300) + " holds no network interfaces");
        }
        out.flush();
        err.flush();
        return 0;
    }

    /** A local root as replay reads it; an S3 one as the job's inventory reader does. */
    private LoadedInventory load() {
        if (!dir.contains("://")) {
            return LoadedInventory.current(dir);
        }
        JobConfig.Inventory root = new JobConfig.Inventory();
        root.dir = dir;
        root.region = aws.region;
        root.endpoint = aws.endpoint == null ? null : aws.endpoint.toString();
        try (InventoryStore store = InventoryStores.open(root)) {
            return LoadedInventory.current(store);
        }
    }

    private static String toText(OwnershipTimeline.Attribution a) {
        NetworkInterface e = a.eni();
        Owner o = a.owner();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "%-22s %-12s %-14s %-18s %-28s %-24s %-22s %-26s %s %s",
                TerminalText.safe(e.id(), 60),
                TerminalText.safe(dash(e.ownerId()), 60),
                TerminalText.safe(dash(e.region()), 60),
                o.kind().code(),
                TerminalText.safe(dash(o.id()), 60),
                TerminalText.safe(dash(o.name()), 60),
                TerminalText.safe(dash(e.vpcId()), 60),
                TerminalText.safe(dash(e.subnetId()), 60),
                addresses(e).isEmpty() ? "-" : addresses(e),
                e.securityGroupIds().isEmpty() ? "-" : TerminalText.safe(String.join(",", e.securityGroupIds()), 300)));
        if (!o.functions().isEmpty()) {
            sb.append(" functions=").append(TerminalText.safe(String.join(",", o.functions()), 300));
            if (o.partial()) {
                sb.append(" (partial: from the description)");
            }
        }
        return sb.toString();
    }

    private static String toJson(OwnershipTimeline.Attribution a) {
        NetworkInterface e = a.eni();
        Owner o = a.owner();
        ObjectNode n = JSON.createObjectNode();
        n.put("eni", e.id());
        n.put("account", e.ownerId());
        n.put("region", e.region());
        n.put("kind", o.kind().code());
        n.put("ownerId", o.id());
        n.put("name", o.name());
        ArrayNode fns = n.putArray("functions");
        o.functions().forEach(fns::add);
        n.put("partial", o.partial());
        n.put("vpc", e.vpcId());
        n.put("subnet", e.subnetId());
        ArrayNode addrs = n.putArray("addresses");
        e.privateAddresses().forEach(x -> addrs.add(x.toString()));
        n.put("publicIp", e.publicIp() == null ? null : e.publicIp().toString());
        ArrayNode sgs = n.putArray("securityGroups");
        e.securityGroupIds().forEach(sgs::add);
        n.put("interfaceType", e.interfaceType());
        n.put("description", e.description());
        try {
            return JSON.writeValueAsString(n);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String addresses(NetworkInterface e) {
        String s = e.privateAddresses().stream().map(IpAddress::toString).collect(Collectors.joining(","));
        return e.publicIp() == null ? s : s + (s.isEmpty() ? "" : ",") + e.publicIp() + "(public)";
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
