package io.vpcflow.cli.inventory;

import io.vpcflow.cli.support.AwsOptions;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.cli.support.UserError;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.jobs.aws.AwsClients;
import io.vpcflow.jobs.aws.AwsInventoryFetcher;
import io.vpcflow.text.Lines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** {@code vpcflow inventory fetch}: take a snapshot through the AWS API and write it as AWS CLI JSON files. */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = "Calls EC2 DescribeNetworkInterfaces (managed resources included), DescribeSecurityGroups, "
                + "DescribeSecurityGroupRules, DescribeNetworkAcls, DescribeSubnets, DescribeVpcs, "
                + "DescribeManagedPrefixLists, GetManagedPrefixListEntries and Lambda ListFunctions, every page, and "
                + "writes the snapshot as the JSON the AWS CLI prints. Credentials come from the default chain. "
                + "Throttled and failing calls are retried with backoff; a call that still fails is named, the "
                + "snapshot is marked incomplete and the exit code is 1.")
final class InventoryFetchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "A named profile of the shared config files.")
    String profile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the snapshot.")
    Path out;

    @Option(
            names = "--series",
            description = "Write into a subfolder of DIR named by the UTC time, so that repeated "
                    + "fetches build a series.")
    boolean series;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AwsClients clients = new AwsClients(aws.region, profile, aws.endpoint);
        AwsInventoryFetcher.Result result;
        try (Ec2Client ec2 = clients.ec2();
                LambdaClient lambda = clients.lambda()) {
            result = new AwsInventoryFetcher(ec2, lambda, Clock.systemUTC()).fetch();
        } catch (SdkClientException e) {
            // Building a client fails when no region can be found: a user mistake, said in one sentence.
            if (String.valueOf(e.getMessage()).contains("Unable to load region")) {
                throw new UserError(
                        "no AWS region found: give --region, or set AWS_REGION or a region in your profile");
            }
            throw new UserError("cannot reach AWS: " + TerminalText.safe(Lines.first(e.getMessage()), 300));
        }
        InventorySnapshot s = result.snapshot();
        Path dir =
                series ? out.resolve(s.takenAt().truncatedTo(ChronoUnit.SECONDS).toString()) : out;
        try {
            InventoryFiles.write(s, dir);
        } catch (IOException e) {
            throw new UserError("cannot write the inventory to " + dir + ": " + e.getMessage());
        }
        stdout.printf(
                "wrote %s: %d network interfaces, %d security groups, %d network ACLs, %d subnets, %d VPCs, "
                        + "%d prefix lists, %d Lambda functions%n",
                dir,
                s.interfaces().size(),
                s.securityGroups().size(),
                s.networkAcls().size(),
                s.subnets().size(),
                s.vpcs().size(),
                s.prefixLists().size(),
                s.functions().size());
        stdout.flush();
        for (AwsInventoryFetcher.Failure f : result.failures()) {
            err.println("vpcflow: " + f.call() + " failed: " + TerminalText.safe(f.message(), 300));
        }
        if (!s.complete()) {
            err.println("vpcflow: the snapshot is incomplete (marked so in " + InventoryFiles.META + ")");
        }
        err.flush();
        return s.complete() ? 0 : 1;
    }
}
