package io.vpcflow.enrich;

import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnerKind;

/** One row of {@code enis}: an interface and its owner in one inventory snapshot. A Flink POJO. */
public class EniRow {
    /** Epoch seconds of the snapshot; for a lone snapshot without a time, when the job read it. */
    public long snapshotTime;

    public String interfaceId;
    public String accountId;
    public String region;
    public OwnerKind ownerKind;
    public String ownerId;
    public String ownerName;
    public String[] lambdaFunctions;
    public boolean lambdaPartial;
    public String vpcId;
    public String subnetId;
    public String availabilityZone;
    public IpAddress[] privateAddresses;
    public IpAddress publicIp;
    public String[] securityGroups;
    public String interfaceType;
    public String description;

    public EniRow() {}
}
