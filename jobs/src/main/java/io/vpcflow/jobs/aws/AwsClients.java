package io.vpcflow.jobs.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS clients vpcflow uses: credentials only from the default chain (optionally a named
 * profile), the region given or the default region chain, the small JDK HTTP client, and the SDK's
 * standard retries with backoff for throttling and 5xx answers.
 */
public final class AwsClients implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Attempts per call, the first included. */
    public static final int MAX_ATTEMPTS = 6;

    private final String region;
    private final String profile;
    private final URI endpoint;

    /**
     * @param region   null for the default region chain
     * @param profile  null for the default profile
     * @param endpoint null for the AWS endpoints; otherwise one endpoint for every service (a VPC
     *                 endpoint, or a local server in tests)
     */
    public AwsClients(String region, String profile, URI endpoint) {
        this.region = region;
        this.profile = profile;
        this.endpoint = endpoint;
    }

    public Ec2Client ec2() {
        return configure(Ec2Client.builder());
    }

    public LambdaClient lambda() {
        return configure(LambdaClient.builder());
    }

    /** S3; with an endpoint override, path-style addressing and no chunked uploads, as S3-compatible servers want. */
    public S3Client s3() {
        var b = S3Client.builder();
        if (endpoint != null) {
            b.serviceConfiguration(S3Configuration.builder()
                    .pathStyleAccessEnabled(true)
                    .chunkedEncodingEnabled(false)
                    .build());
        }
        return configure(b);
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder());
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C configure(B b) {
        b.httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials())
                .overrideConfiguration(overrides());
        if (region != null) {
            b.region(Region.of(region));
        }
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }

    private DefaultCredentialsProvider credentials() {
        var b = DefaultCredentialsProvider.builder();
        if (profile != null) {
            b.profileName(profile);
        }
        return b.build();
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        .build())
                .build();
    }
}
