package io.vpcflow.jobs.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vpcflow.text.Lines;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The ACTIVE accounts of an organisation, or of one organisational unit and the units below it, from AWS
 * Organizations {@code ListAccounts}, {@code ListAccountsForParent} and {@code ListOrganizationalUnitsForParent}
 * (JSON 1.1 protocol), every page.
 *
 * <p>The SDK's Organizations module is not among the artifacts this project can resolve, so the calls are made here
 * with the SDK's own pieces: the default credential chain, its SigV4 signer and its HTTP client. Throttled and 5xx
 * answers are retried with backoff, as the SDK clients do.
 */
public final class OrganizationAccounts implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "AWSOrganizationsV20161128.";

    private final URI endpoint;
    private final String signingRegion;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param partition {@code aws}, {@code aws-us-gov} or {@code aws-cn}: Organizations has one endpoint per partition
     * @param endpoint  an endpoint for every service (tests), or null for the partition's own
     */
    public OrganizationAccounts(String partition, URI endpoint, AwsCredentialsProvider credentials) {
        this.signingRegion = switch (partition) {
            case "aws-us-gov" -> "us-gov-west-1";
            case "aws-cn" -> "cn-northwest-1";
            default -> "us-east-1";
        };
        this.endpoint = endpoint != null
                ? endpoint
                : URI.create("https://organizations." + signingRegion + ".amazonaws.com"
                        + (partition.equals("aws-cn") ? ".cn" : ""));
        this.credentials = credentials;
    }

    /** Every ACTIVE account of the organisation, or of {@code ou} and every unit below it; in the order listed. */
    public List<String> activeAccounts(String ou) {
        Set<String> accounts = new LinkedHashSet<>();
        if (ou == null) {
            pages("ListAccounts", null, "Accounts", a -> addIfActive(a, accounts));
            return List.copyOf(accounts);
        }
        Deque<String> units = new ArrayDeque<>(List.of(ou));
        while (!units.isEmpty()) {
            String parent = units.pop();
            pages("ListAccountsForParent", parent, "Accounts", a -> addIfActive(a, accounts));
            pages("ListOrganizationalUnitsForParent", parent, "OrganizationalUnits", u -> {
                if (u.hasNonNull("Id")) {
                    units.add(u.get("Id").asText());
                }
            });
        }
        return List.copyOf(accounts);
    }

    private static void addIfActive(JsonNode a, Set<String> accounts) {
        // Status is being replaced by State; either says ACTIVE for an account that can be read.
        String state = a.path("State").asText(a.path("Status").asText(""));
        if (state.equals("ACTIVE") && a.hasNonNull("Id")) {
            accounts.add(a.get("Id").asText());
        }
    }

    private void pages(String action, String parentId, String listKey, java.util.function.Consumer<JsonNode> each) {
        String token = null;
        do {
            ObjectNode body = JSON.createObjectNode();
            if (parentId != null) {
                body.put("ParentId", parentId);
            }
            if (token != null) {
                body.put("NextToken", token);
            }
            JsonNode page = call(action, body);
            page.path(listKey).forEach(each);
            token = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
        } while (token != null);
    }

    private JsonNode call(String action, ObjectNode body) {
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        SdkException last = null;
        for (int attempt = 1; attempt <= AwsClients.MAX_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                backOff(attempt);
            }
            SdkHttpRequest request = SdkHttpRequest.builder()
                    .method(SdkHttpMethod.POST)
                    .uri(endpoint)
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("X-Amz-Target", TARGET + action)
                    .build();
            SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion));
            try {
                HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                                .request(signed.request())
                                .contentStreamProvider(signed.payload().orElse(null))
                                .build())
                        .call();
                int status = response.httpResponse().statusCode();
                JsonNode answer = read(response);
                if (status == 200) {
                    return answer;
                }
                String type = answer.path("__type").asText("");
                type = type.substring(type.lastIndexOf('#') + 1);
                String message =
                        answer.path("Message").asText(answer.path("message").asText(""));
                last = SdkClientException.create("Organizations " + action + ": " + type + ": " + Lines.first(message)
                        + " (HTTP " + status + ")");
                boolean retry = status >= 500
                        || status == 429
                        || type.equals("TooManyRequestsException")
                        || type.equals("ThrottlingException");
                if (!retry) {
                    throw last;
                }
            } catch (IOException e) {
                last = SdkClientException.create("Organizations " + action + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private static JsonNode read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return JSON.createObjectNode();
        }
        try (InputStream in = response.responseBody().get()) {
            byte[] b = in.readAllBytes();
            return b.length == 0 ? JSON.createObjectNode() : JSON.readTree(b);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(2_000L, 50L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
