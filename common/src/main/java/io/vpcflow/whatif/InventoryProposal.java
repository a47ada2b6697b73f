package io.vpcflow.whatif;

import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkAcl;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.files.InventoryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A proposed inventory folder (the AWS CLI's JSON, as {@code vpcflow inventory fetch} writes it, edited) as a
 * {@link Proposal}: its security groups and network ACLs replace those of the same ids; whatever it does not hold
 * stays as it stood at each record's time. A series folder's latest snapshot is the proposal.
 */
public final class InventoryProposal {
    private InventoryProposal() {}

    /** @throws ProposalException when the folder holds no readable groups or ACLs */
    public static Proposal read(Path dir) {
        if (!Files.exists(dir.resolve(InventoryFiles.SECURITY_GROUPS))
                && !Files.exists(dir.resolve(InventoryFiles.SECURITY_GROUP_RULES))
                && !Files.exists(dir.resolve(InventoryFiles.NETWORK_ACLS))) {
            throw new ProposalException("the proposed folder " + dir + " holds none of "
                    + InventoryFiles.SECURITY_GROUPS + ", " + InventoryFiles.SECURITY_GROUP_RULES + " and "
                    + InventoryFiles.NETWORK_ACLS);
        }
        List<InventorySnapshot> snapshots;
        try {
            snapshots = InventoryFiles.read(dir);
        } catch (InventoryException e) {
            throw new ProposalException("the proposed folder cannot be read: " + e.getMessage());
        }
        InventorySnapshot proposed = snapshots.get(snapshots.size() - 1);
        Proposal.Builder b = Proposal.builder();
        for (SecurityGroup g : proposed.securityGroups()) {
            b.replace(g.id(), g.rules());
        }
        for (NetworkAcl acl : proposed.networkAcls()) {
            b.acl(acl);
        }
        return b.build();
    }
}
