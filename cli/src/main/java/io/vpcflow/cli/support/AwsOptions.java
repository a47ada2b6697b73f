package io.vpcflow.cli.support;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where AWS calls go, for every command that makes them. Credentials come from the default chain only. */
public final class AwsOptions {
    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "The AWS region. Default: the default region chain.")
    public String region;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "Send every AWS call to this endpoint instead of AWS's (e.g. a local S3 and SQS server).")
    public URI endpoint;
}
