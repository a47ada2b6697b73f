package io.vpcflow.testing;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real Kafka broker (KRaft, controller and broker in one node) in the test's JVM, on loopback, ephemeral ports. */
public final class KafkaBroker implements AutoCloseable {
    private final KafkaClusterTestKit kafka;

    private KafkaBroker(KafkaClusterTestKit kafka) {
        this.kafka = kafka;
    }

    public static KafkaBroker start() throws Exception {
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.num.partitions", 1)
                .setConfigProp("offsets.topic.replication.factor", (short) 1)
                .setConfigProp("transaction.state.log.replication.factor", (short) 1)
                .setConfigProp("transaction.state.log.min.isr", 1)
                .setConfigProp("transaction.state.log.num.partitions", 1)
                .setConfigProp("group.initial.rebalance.delay.ms", 0)
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return new KafkaBroker(kafka);
    }

    public String bootstrap() {
        return kafka.bootstrapServers();
    }

    public Properties clientProperties() {
        return kafka.clientProperties();
    }

    /** Creates a topic and waits until it exists. */
    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get();
        }
    }

    @Override
    public void close() throws Exception {
        kafka.close();
    }
}
