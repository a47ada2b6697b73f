package io.vpcflow.cli.inventory;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vpcflow inventory}: collect and inspect the inventory that attribution and intent use. */
@Command(
        name = "inventory",
        mixinStandardHelpOptions = true,
        description = "Collect (fetch) or look at (show) the inventory of network interfaces, security groups, "
                + "network ACLs, subnets, VPCs, prefix lists and Lambda functions.",
        subcommands = {InventoryFetchCommand.class, InventoryShowCommand.class})
public final class InventoryCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
