package io.vpcflow.jobs.inventory;

import io.vpcflow.inventory.AwsNames;
import io.vpcflow.inventory.files.InventoryStore;
import io.vpcflow.jobs.Counters;
import io.vpcflow.jobs.aws.AwsClients;
import io.vpcflow.jobs.aws.EstateFetch;
import io.vpcflow.jobs.aws.InventoryDestination;
import io.vpcflow.jobs.aws.OrganizationAccounts;
import io.vpcflow.jobs.config.JobConfig;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * The in-job fetch ({@code inventory.fetch}): when due, the estates are read as {@code vpcflow inventory fetch} reads
 * them and written into the root as a series ({@code <account>/<region>/<time>/}), where the watcher finds them like
 * any other snapshot. It runs on a thread of its own: a fetch of fifty accounts takes minutes, and the watcher's
 * ticks (and the checkpoint barriers that pass it) must not wait for it.
 */
final class InventoryFetchRun {
    private final JobConfig.Inventory settings;
    private final InventoryDestination to;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vpcflow-inventory-fetch");
        t.setDaemon(true);
        return t;
    });
    private Future<?> running;
    private long nextMillis;
    private Counter fetches;
    private Counter incomplete;
    // Counted on the fetch thread, handed to the counters on the task's (Flink's counters are not thread-safe).
    private final java.util.concurrent.atomic.AtomicLong fetched = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();

    InventoryFetchRun(JobConfig.Inventory settings, InventoryStore store) {
        this.settings = settings;
        // The configuration's problems() refuse a fetch into a root that is only read.
        this.to = InventoryDestination.of(store);
    }

    /** Starts a fetch when none runs and the newest snapshot in the root ({@code newestMillis}, 0: none) is old. */
    void ifDue(long nowMillis, long newestMillis, RuntimeContext context) {
        if (fetches == null) {
            fetches = Counters.counter(context, "inventoryFetches");
            incomplete = Counters.counter(context, "inventoryFetchFailures");
        }
        fetches.inc(fetched.getAndSet(0));
        incomplete.inc(failed.getAndSet(0));
        long due = Math.max(nextMillis, newestMillis + settings.fetch.intervalSeconds * 1000);
        if (nowMillis < due || (running != null && !running.isDone())) {
            return;
        }
        nextMillis = nowMillis + settings.fetch.intervalSeconds * 1000;
        running = thread.submit(this::run);
    }

    private void run() {
        JobConfig.Fetch f = settings.fetch;
        try {
            AwsClients clients = new AwsClients(settings.region, null, settings.endpointOrNull());
            List<String> accounts = f.accounts;
            if (f.org) {
                try (OrganizationAccounts org = new OrganizationAccounts(
                        AwsClients.partition(clients.region()),
                        settings.endpointOrNull(),
                        clients.defaultCredentials())) {
                    accounts = org.activeAccounts(f.ou).stream()
                            .filter(AwsNames::isAccount)
                            .toList();
                }
            }
            List<String> regions = f.regions.isEmpty() ? List.of(clients.region()) : f.regions;
            for (EstateFetch.Estate e : new EstateFetch(
                            clients, f.roleName, f.externalId, f.parallelism, Clock.systemUTC())
                    .fetch(accounts, regions)) {
                if (!AwsNames.isRegion(e.region())) {
                    failed.incrementAndGet();
                    continue;
                }
                to.write(e.snapshot(), e.folder(true), e.account(), e.region(), e.errors());
                if (!e.complete()) {
                    failed.incrementAndGet();
                }
            }
            fetched.incrementAndGet();
        } catch (Exception e) {
            // The organisation or a write failed: counted; the next interval tries again, the last snapshots stand.
            failed.incrementAndGet();
        }
    }

    void close() {
        thread.shutdownNow();
    }
}
