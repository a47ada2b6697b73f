package io.vpcflow.bench;

import io.vpcflow.testing.KafkaBroker;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code vpcflow bench --kafka} against a broker in this JVM (KRaft, loopback), for a machine with no broker of its
 * own: {@code mvn -B -q -Pbench -pl bench test-compile exec:exec -Dbench.main=io.vpcflow.bench.KafkaBenchWithBroker
 * -Dbench.heap=4g -Dbench.args="--records 3000000"}. The broker shares the cores with the job, as a broker on a
 * laptop would.
 */
public final class KafkaBenchWithBroker {
    private KafkaBenchWithBroker() {}

    public static void main(String[] args) throws Exception {
        int exit;
        try (KafkaBroker broker = KafkaBroker.start()) {
            List<String> all = new ArrayList<>(List.of("--kafka", broker.bootstrap()));
            all.addAll(List.of(args));
            exit = new CommandLine(new BenchCommand()).execute(all.toArray(String[]::new));
        }
        System.exit(exit);
    }
}
