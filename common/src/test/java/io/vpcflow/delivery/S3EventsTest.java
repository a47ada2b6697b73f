package io.vpcflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3EventsTest {
    private static final String EVENT = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put",
              "s3":{"bucket":{"name":"flow-logs"},"object":{"key":"AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/26/a+b%3D.log.gz",
              "size":1234,"sequencer":"0055AED6DCD90281E5"}}},
             {"eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"flow-logs"},"object":{"key":"gone"}}}]}""";

    @Test
    void readsCreatedObjectsAndDecodesKeys() {
        assertThat(S3Events.parse(EVENT)).singleElement().satisfies(o -> {
            assertThat(o.bucket()).isEqualTo("flow-logs");
            assertThat(o.key()).isEqualTo("AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/26/a b=.log.gz");
            assertThat(o.size()).isEqualTo(1234);
            assertThat(o.id()).endsWith("#0055AED6DCD90281E5");
        });
    }

    @Test
    void unwrapsSnsAndIgnoresTestEvents() {
        String sns = "{\"Type\":\"Notification\",\"Message\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(EVENT) + "}";
        assertThat(S3Events.parse(sns)).hasSize(1);
        assertThat(S3Events.parse("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"b\"}"))
                .isEmpty();
    }

    @Test
    void refusesWhatIsNotANotification() {
        assertThatThrownBy(() -> S3Events.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Events.parse("{\"x\":1}")).isInstanceOf(IllegalArgumentException.class);
    }
}
