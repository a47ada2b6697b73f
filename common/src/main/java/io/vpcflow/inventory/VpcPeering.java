package io.vpcflow.inventory;

/**
 * A VPC peering connection as {@code DescribeVpcPeeringConnections} describes it. Only an active one connects its
 * two VPCs, and peering is not transitive: a VPC peered with two others does not join them.
 *
 * @param status the {@code Status.Code}: {@code active}, {@code pending-acceptance}, {@code deleted}, ...
 */
public record VpcPeering(String id, String requesterVpcId, String accepterVpcId, String status) {
    public boolean active() {
        return "active".equals(status);
    }
}
