package io.vpcflow.inventory;

import java.util.List;

/**
 * A Lambda function (one version of it) with its VPC configuration: the subnet and security-group set
 * that decide which shared Hyperplane ENI carries its traffic.
 *
 * @param version {@code $LATEST} or a published version number
 */
public record LambdaFunction(
        String name, String arn, String version, String vpcId, List<String> subnetIds, List<String> securityGroupIds) {
    public LambdaFunction {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    public boolean inVpc() {
        return !subnetIds.isEmpty();
    }
}
