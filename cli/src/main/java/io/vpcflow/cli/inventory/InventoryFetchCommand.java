package io.vpcflow.cli.inventory;

import io.vpcflow.cli.support.AwsOptions;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.cli.support.UserError;
import io.vpcflow.inventory.AwsNames;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.jobs.aws.AwsClients;
import io.vpcflow.jobs.aws.AwsInventoryFetcher;
import io.vpcflow.jobs.aws.EstateFetch;
import io.vpcflow.jobs.aws.InventoryDestination;
import io.vpcflow.jobs.aws.OrganizationAccounts;
import io.vpcflow.jobs.aws.S3InventoryStore;
import io.vpcflow.text.Lines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code vpcflow inventory fetch}: take a snapshot through the AWS API and write it as AWS CLI JSON files. */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = "Calls EC2 DescribeNetworkInterfaces (managed resources included), DescribeSecurityGroups, "
                + "DescribeSecurityGroupRules, DescribeNetworkAcls, DescribeSubnets, DescribeVpcs, "
                + "DescribeManagedPrefixLists, GetManagedPrefixListEntries, DescribeVpcPeeringConnections, "
                + "DescribeTransitGatewayVpcAttachments and Lambda ListFunctions, every page, and writes the snapshot "
                + "as the JSON the AWS CLI prints. Credentials come from the default chain. With --accounts or --org "
                + "it reads every account (assuming --role-name in each) and region into OUT/<account>/<region>/. "
                + "Throttled and failing calls are retried with backoff; a call that still fails, or an account whose "
                + "role cannot be assumed, is named and marked in its snapshot, the others are written, and the exit "
                + "code is 1.")
final class InventoryFetchCommand implements Callable<Integer> {
    private static final Pattern ROLE = Pattern.compile("[\\w+=,.@-]+(/[\\w+=,.@-]+)*");
    private static final Pattern OU = Pattern.compile("(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32})|(r-[0-9a-z]{4,32})");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "A named profile of the shared config files.")
    String profile;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "Where to write the snapshot: a folder, or an S3 prefix.")
    String out;

    @Option(
            names = "--series",
            description = "Write into a subfolder named by the UTC time, so that repeated fetches build a series.")
    boolean series;

    @Option(
            names = "--accounts",
            split = ",",
            paramLabel = "ID",
            description = "Read these accounts (12-digit ids), each through --role-name.")
    List<String> accounts;

    @Option(
            names = "--org",
            description = "Read every ACTIVE account of the organisation (Organizations ListAccounts; run it where "
                    + "that is allowed: the management or a delegated administrator account).")
    boolean org;

    @Option(
            names = "--ou",
            paramLabel = "OU",
            description = "With --org: only the accounts of this organisational unit (or root) and the units below.")
    String ou;

    @Option(
            names = "--role-name",
            paramLabel = "NAME",
            description = "The role every account holds for vpcflow: arn:<partition>:iam::<account>:role/NAME is "
                    + "assumed with STS.")
    String roleName;

    @Option(
            names = "--external-id",
            paramLabel = "ID",
            description = "The external id the role's trust policy asks for.")
    String externalId;

    @Option(
            names = "--regions",
            split = ",",
            paramLabel = "REGION",
            description = "The regions to read in every account, or 'all' for every region each has enabled. "
                    + "Default: the --region.")
    List<String> regions;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "4",
            description = "How many accounts and regions are read at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() {
        boolean estates = accounts != null || org;
        checkOptions(estates);
        AwsClients clients = new AwsClients(aws.region, profile, aws.endpoint);
        try (S3Client s3 = S3InventoryStore.isS3(out) ? clients.s3() : null) {
            Destination to = new Destination(out, s3);
            return estates ? fetchEstates(clients, to) : fetchOne(clients, to);
        } catch (SdkClientException e) {
            // Building a client fails when no region can be found: a user mistake, said in one sentence.
            if (String.valueOf(e.getMessage()).contains("Unable to load region")) {
                throw new UserError(
                        "no AWS region found: give --region, or set AWS_REGION or a region in your profile");
            }
            throw new UserError("cannot reach AWS: " + TerminalText.safe(Lines.first(e.getMessage()), 300));
        }
    }

    private void checkOptions(boolean estates) {
        if (accounts != null && org) {
            throw new UserError("give --accounts or --org, not both");
        }
        if (ou != null && !org) {
            throw new UserError("--ou names a part of the organisation: give --org with it");
        }
        if (ou != null && !OU.matcher(ou).matches()) {
            throw new UserError("--ou is an organisational unit id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)");
        }
        if (!estates && (roleName != null || externalId != null || regions != null)) {
            throw new UserError(
                    "--role-name, --external-id and --regions read other accounts: give --accounts or --org");
        }
        if (estates && roleName == null) {
            throw new UserError("--accounts and --org read each account through a role: give --role-name");
        }
        if (roleName != null && (!ROLE.matcher(roleName).matches() || roleName.length() > 512)) {
            throw new UserError(
                    "--role-name is an IAM role name (letters, digits and +=,.@_-), optionally with a path");
        }
        for (String a : accounts == null ? List.<String>of() : accounts) {
            if (!AwsNames.isAccount(a)) {
                throw new UserError(
                        "--accounts takes 12-digit account ids; " + TerminalText.safe(a, 40) + " is not one");
            }
        }
        for (String r : regions == null ? List.<String>of() : regions) {
            if (!r.equals("all") && !AwsNames.isRegion(r)) {
                throw new UserError("--regions takes region names such as us-east-1, or all; "
                        + TerminalText.safe(r, 40) + " is not one");
            }
        }
        if (regions != null && regions.contains("all") && regions.size() > 1) {
            throw new UserError("--regions all reads every enabled region: give it alone");
        }
        if (parallelism < 1) {
            throw new UserError("--parallelism must be at least 1");
        }
    }

    private int fetchOne(AwsClients clients, Destination to) {
        PrintWriter err = spec.commandLine().getErr();
        AwsInventoryFetcher.Result result;
        try (Ec2Client ec2 = clients.ec2();
                LambdaClient lambda = clients.lambda()) {
            result = new AwsInventoryFetcher(ec2, lambda, Clock.systemUTC()).fetch();
        }
        InventorySnapshot s = result.snapshot();
        String folder = series ? s.takenAt().truncatedTo(ChronoUnit.SECONDS).toString() : "";
        written(to.write(s, folder, null, aws.region, result.errors()), s);
        for (AwsInventoryFetcher.Failure f : result.failures()) {
            err.println("vpcflow: " + f.call() + " failed: " + TerminalText.safe(f.message(), 300));
        }
        if (!s.complete()) {
            err.println("vpcflow: the snapshot is incomplete (marked so in " + InventoryFiles.META + ")");
        }
        err.flush();
        return s.complete() ? 0 : 1;
    }

    private int fetchEstates(AwsClients clients, Destination to) {
        PrintWriter err = spec.commandLine().getErr();
        List<String> ids = accounts;
        if (org) {
            try (OrganizationAccounts organization = new OrganizationAccounts(
                    AwsClients.partition(clients.region()), aws.endpoint, clients.defaultCredentials())) {
                ids = organization.activeAccounts(ou);
            } catch (SdkException e) {
                throw new UserError("cannot list the organisation's accounts: "
                        + TerminalText.safe(Lines.first(e.getMessage()), 300));
            }
            ids = ids.stream().filter(a -> AwsNames.isAccount(a)).toList();
            if (ids.isEmpty()) {
                throw new UserError(
                        "the organisation" + (ou == null ? "" : "'s unit " + ou) + " has no ACTIVE account to read");
            }
        }
        List<String> in = regions == null ? List.of(clients.region()) : regions.contains("all") ? List.of() : regions;
        List<EstateFetch.Estate> fetched =
                new EstateFetch(clients, roleName, externalId, parallelism, Clock.systemUTC()).fetch(ids, in);
        int incomplete = 0;
        for (EstateFetch.Estate e : fetched) {
            if (!AwsNames.isRegion(e.region())) {
                err.println("vpcflow: account " + e.account() + ": skipped a region with an unexpected name");
                continue;
            }
            InventorySnapshot s = e.snapshot();
            String folder =
                    e.account() + "/" + e.region() + (series ? "/" + s.takenAt().truncatedTo(ChronoUnit.SECONDS) : "");
            written(to.write(s, folder, e.account(), e.region(), e.errors()), s);
            if (!e.complete()) {
                incomplete++;
                e.errors()
                        .forEach((call, message) -> err.println("vpcflow: account " + e.account() + " in " + e.region()
                                + ": " + call + " failed: " + TerminalText.safe(message, 300)));
            }
        }
        if (incomplete > 0) {
            err.println("vpcflow: " + incomplete + " of " + fetched.size()
                    + " account-regions are incomplete (marked so in their " + InventoryFiles.META + "); the others "
                    + "are whole");
        }
        err.flush();
        return incomplete == 0 ? 0 : 1;
    }

    private void written(String where, InventorySnapshot s) {
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(
                "wrote %s: %d network interfaces, %d security groups, %d network ACLs, %d subnets, %d VPCs, "
                        + "%d prefix lists, %d Lambda functions%n",
                TerminalText.safe(where, 300),
                s.interfaces().size(),
                s.securityGroups().size(),
                s.networkAcls().size(),
                s.subnets().size(),
                s.vpcs().size(),
                s.prefixLists().size(),
                s.functions().size());
        stdout.flush();
    }

    /** A local folder or an S3 prefix, written through the fetch's one destination. */
    private record Destination(String out, S3Client s3) {
        /** Writes below the destination and says where. */
        String write(InventorySnapshot s, String folder, String account, String region, Map<String, String> errors) {
            try {
                InventoryDestination to = s3 != null
                        ? InventoryDestination.s3(new S3InventoryStore(s3, out))
                        : InventoryDestination.local(Paths.get(out));
                return to.write(s, folder, account, region, errors);
            } catch (IOException e) {
                throw new UserError("cannot write the inventory to " + TerminalText.safe(out, 300) + ": "
                        + TerminalText.safe(Lines.first(e.getMessage()), 300));
            } catch (IllegalArgumentException e) {
                throw new UserError(TerminalText.safe(e.getMessage(), 300));
            }
        }
    }
}
