package io.vpcflow.jobs.aws;

import io.vpcflow.inventory.InventorySnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Takes a snapshot of every account and region of an estate: the member accounts' role is assumed with STS, then each
 * (account, region) is fetched by {@link AwsInventoryFetcher}, a bounded number at once. An account whose role cannot
 * be assumed, or a region that fails, is one estate marked so (never left out silently); the others are fetched.
 */
public final class EstateFetch {
    /** The session name member accounts see in CloudTrail for the assumed role. */
    static final String SESSION_NAME = "vpcflow-inventory";

    /**
     * One (account, region): its snapshot (with only a failed call when nothing could be read) and what failed.
     *
     * @param errors what each failed call said, by call
     */
    public record Estate(String account, String region, InventorySnapshot snapshot, Map<String, String> errors) {
        public Estate {
            errors = Map.copyOf(errors);
        }

        public boolean complete() {
            return snapshot.complete();
        }

        /** Its folder below a root: {@code <account>/<region>}, with {@code /<time>} in a series. */
        public String folder(boolean series) {
            return account + "/" + region + (series ? "/" + snapshot.takenAt().truncatedTo(ChronoUnit.SECONDS) : "");
        }
    }

    private final AwsClients clients;
    private final String roleName;
    private final String externalId;
    private final int parallelism;
    private final Clock clock;

    /**
     * @param clients     the clients of the caller: its default chain, its region, and an endpoint in tests
     * @param roleName    the role every member account holds ({@code arn:<partition>:iam::<account>:role/NAME})
     * @param externalId  the external id the role's trust policy asks for, or null
     * @param parallelism how many accounts and regions are read at once
     */
    public EstateFetch(AwsClients clients, String roleName, String externalId, int parallelism, Clock clock) {
        this.clients = clients;
        this.roleName = roleName;
        this.externalId = externalId;
        this.parallelism = Math.max(1, parallelism);
        this.clock = clock;
    }

    /**
     * Every (account, region), in the order given; snapshots of one run all carry the run's start time.
     *
     * @param regions the regions to read, or empty for every region each account has enabled
     */
    public List<Estate> fetch(List<String> accounts, List<String> regions) {
        Instant run = clock.instant();
        String home = clients.region();
        String partition = AwsClients.partition(home);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "vpcflow-fetch");
            t.setDaemon(true);
            return t;
        });
        try (StsClient sts = clients.sts()) {
            // First every account's role (and its regions), then every (account, region): one bounded pool, no task
            // waiting on another.
            List<Future<Access>> access = submitAll(pool, accounts, account -> {
                try {
                    return new Access(account, assume(sts, partition, account), null);
                } catch (SdkException e) {
                    return new Access(account, null, AwsClients.describe(e));
                }
            });
            List<Estate> failed = new ArrayList<>();
            List<Target> targets = new ArrayList<>();
            for (Future<Access> f : access) {
                Access a = join(f);
                if (a.credentials == null) {
                    for (String region : regions.isEmpty() ? List.of(home) : regions) {
                        failed.add(failure(a.account, region, run, InventorySnapshot.ASSUME_ROLE, a.error));
                    }
                    continue;
                }
                List<String> in = regions;
                if (in.isEmpty()) {
                    try (Ec2Client ec2 = clients.ec2(home, a.credentials)) {
                        in = ec2.describeRegions().regions().stream()
                                .map(Region::regionName)
                                .sorted()
                                .toList();
                    } catch (SdkException e) {
                        failed.add(failure(a.account, home, run, "DescribeRegions", AwsClients.describe(e)));
                        continue;
                    }
                }
                for (String region : in) {
                    targets.add(new Target(a, region));
                }
            }
            List<Future<Estate>> fetched = submitAll(pool, targets, t -> {
                Access a = t.access();
                String region = t.region();
                try (Ec2Client ec2 = clients.ec2(region, a.credentials);
                        LambdaClient lambda = clients.lambda(region, a.credentials)) {
                    AwsInventoryFetcher.Result r =
                            new AwsInventoryFetcher(ec2, lambda, Clock.fixed(run, clock.getZone())).fetch();
                    return new Estate(a.account, region, r.snapshot(), r.errors());
                }
            });
            List<Estate> out = new ArrayList<>();
            for (Future<Estate> f : fetched) {
                out.add(join(f));
            }
            out.addAll(failed);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private record Access(String account, AwsCredentialsProvider credentials, String error) {}

    private record Target(Access access, String region) {}

    private AwsCredentialsProvider assume(StsClient sts, String partition, String account) {
        String arn = "arn:" + partition + ":iam::" + account + ":role/" + roleName;
        Credentials c = sts.assumeRole(r -> {
                    r.roleArn(arn).roleSessionName(SESSION_NAME);
                    if (externalId != null) {
                        r.externalId(externalId);
                    }
                })
                .credentials();
        // A fetch takes minutes; the session's hour is enough, and nothing asks STS again mid-run.
        return StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    private static Estate failure(String account, String region, Instant run, String call, String message) {
        InventorySnapshot nothing = new InventorySnapshot(
                run, false, List.of(call), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(call, message);
        return new Estate(account, region, nothing, errors);
    }

    private static <T, R> List<Future<R>> submitAll(ExecutorService pool, List<T> items, Function<T, R> work) {
        List<Future<R>> out = new ArrayList<>();
        for (T item : items) {
            out.add(pool.submit(() -> work.apply(item)));
        }
        return out;
    }

    private static <R> R join(Future<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching the inventory", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
