package io.vpcflow.jobs.source.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Whether a broker answers and holds a topic, asked once before a run starts: Kafka's clients otherwise retry an
 * unreachable broker forever, and a run that waits in silence looks like a run that works.
 */
public final class KafkaReach {
    /** How long a run waits for the broker unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private KafkaReach() {}

    /** No broker answered in time: waiting longer may help, unlike a topic that is not there. */
    public static final class Unreachable extends IllegalStateException {
        Unreachable(String message) {
            super(message);
        }
    }

    /**
     * Returns when the brokers at {@code bootstrap} answer within {@code timeout} and hold {@code topic}.
     *
     * @throws IllegalStateException with one sentence saying which of the two failed
     */
    public static void check(String bootstrap, String topic, Duration timeout) throws InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        try (Admin admin = Admin.create(p)) {
            Set<String> topics;
            try {
                admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                topics = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new Unreachable("no Kafka broker at " + bootstrap + " answered within " + timeout.toSeconds()
                        + " s (is it running, and is that its address?)");
            }
            if (topic != null && !topics.contains(topic)) {
                throw new IllegalStateException("the Kafka brokers at " + bootstrap + " have no topic " + topic);
            }
        }
    }
}
