package io.vpcflow.inventory;

/**
 * A VPC's attachment to a transit gateway as {@code DescribeTransitGatewayVpcAttachments} describes it. VPCs attached
 * to one transit gateway are taken as connected to each other (its route tables, which may separate them, are not
 * read: a peer found through them is a VPC that can be reached, not one proven to be).
 *
 * @param state {@code available}, {@code pending}, {@code deleted}, ...
 */
public record TransitGatewayAttachment(String id, String transitGatewayId, String vpcId, String state) {
    public boolean available() {
        return "available".equals(state);
    }
}
