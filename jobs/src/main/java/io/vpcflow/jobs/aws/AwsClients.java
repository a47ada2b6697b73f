package io.vpcflow.jobs.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

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

    /** STS with the default chain's credentials, to assume the member accounts' roles. */
    public StsClient sts() {
        return configure(StsClient.builder());
    }

    /** EC2 in {@code region} with the credentials of an assumed role. */
    public Ec2Client ec2(String region, AwsCredentialsProvider assumed) {
        return configure(Ec2Client.builder(), region, assumed);
    }

    /** Lambda in {@code region} with the credentials of an assumed role. */
    public LambdaClient lambda(String region, AwsCredentialsProvider assumed) {
        return configure(LambdaClient.builder(), region, assumed);
    }

    /** The default chain's credentials (or the profile's). */
    public AwsCredentialsProvider defaultCredentials() {
        return credentials();
    }

    /** The region given, else the default region chain's; throws the SDK's exception when there is none. */
    public String region() {
        if (region != null) {
            return region;
        }
        var chain = profile == null
                ? new DefaultAwsRegionProviderChain()
                : DefaultAwsRegionProviderChain.builder().profileName(profile).build();
        return chain.getRegion().id();
    }

    /** What a failed call said, in one line, led by AWS's error code when there is one ({@code AccessDenied: ...}). */
    public static String describe(software.amazon.awssdk.core.exception.SdkException e) {
        String message = io.vpcflow.text.Lines.first(e.getMessage());
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s
                && s.awsErrorDetails() != null
                && s.awsErrorDetails().errorCode() != null
                && !message.startsWith(s.awsErrorDetails().errorCode())) {
            return s.awsErrorDetails().errorCode() + ": " + message;
        }
        return message;
    }

    /** The partition of a region ({@code aws}, {@code aws-cn}, {@code aws-us-gov}), {@code aws} when unknown. */
    public static String partition(String region) {
        var metadata = Region.of(region).metadata();
        return metadata == null || metadata.partition() == null
                ? "aws"
                : metadata.partition().id();
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
        return configure(b, region, credentials());
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C configure(
            B b, String region, AwsCredentialsProvider credentials) {
        b.httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials)
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
