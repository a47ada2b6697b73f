package io.vpcflow.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads S3 event notifications as S3 puts them on an SQS queue (directly, or wrapped by SNS): the objects
 * that were created. Keys arrive URL-encoded ({@code +} for a space) and are decoded here.
 */
public final class S3Events {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A created object: where it is, and the sequencer S3 gives each event (to recognise a repeat). */
    public record CreatedObject(String bucket, String key, long size, String sequencer) {
        /** Identifies the object version the event is about. */
        public String id() {
            return bucket + "/" + key + "#" + sequencer;
        }
    }

    private S3Events() {}

    /**
     * The objects a message announces; empty for test events and for events other than object creation.
     *
     * @throws IllegalArgumentException when the message is not an S3 notification
     */
    public static List<CreatedObject> parse(String message) {
        JsonNode root;
        try {
            root = JSON.readTree(message);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not an S3 event notification");
        }
        if (root.has("Type") && root.has("Message")) {
            return parse(root.get("Message").asText()); // delivered through SNS
        }
        List<CreatedObject> objects = new ArrayList<>();
        if ("s3:TestEvent".equals(root.path("Event").asText())) {
            return objects;
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new IllegalArgumentException("not an S3 event notification: no Records");
        }
        for (JsonNode r : records) {
            if (!r.path("eventName").asText().startsWith("ObjectCreated:")) {
                continue;
            }
            JsonNode s3 = r.path("s3");
            String bucket = s3.path("bucket").path("name").asText(null);
            String key = s3.path("object").path("key").asText(null);
            if (bucket == null || key == null) {
                throw new IllegalArgumentException("an S3 event without bucket or key");
            }
            objects.add(new CreatedObject(
                    bucket,
                    URLDecoder.decode(key, StandardCharsets.UTF_8),
                    s3.path("object").path("size").asLong(-1),
                    s3.path("object").path("sequencer").asText("")));
        }
        return objects;
    }
}
