package io.vpcflow.generate;

import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.LambdaFunction;
import io.vpcflow.inventory.NetworkAcl;
import io.vpcflow.inventory.NetworkAclEntry;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.PrefixList;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.inventory.Subnet;
import io.vpcflow.inventory.Vpc;
import io.vpcflow.inventory.VpcPeering;
import io.vpcflow.net.IpAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small but realistic AWS estate, as two inventory snapshots an hour apart: instances in two VPCs, an
 * ALB and an NLB, a NAT gateway, a Lambda Hyperplane ENI shared by three functions, an interface
 * endpoint, an EFS mount target, an RDS instance, an ECS task and an EKS pod; groups that reference each
 * other and a prefix list; a network ACL that denies what a group allows. Between the snapshots one
 * interface is deleted and its address reused, and one rule is removed.
 */
public final class SampleEstate {
    public static final String ACCOUNT = "123456789012";
    public static final String VPC_A = "vpc-0a1b2c3d4e5f60000";
    public static final String VPC_B = "vpc-0b1b2c3d4e5f60000";
    public static final String SUBNET_PUBLIC = "subnet-0a1b2c3d4e5f60001";
    public static final String SUBNET_PRIVATE = "subnet-0a1b2c3d4e5f60002";
    public static final String SUBNET_B = "subnet-0b1b2c3d4e5f60001";

    /** An interface of the estate and the address its traffic uses. */
    public record Node(String eni, String ip, String vpc) {}

    final List<Node> web = new ArrayList<>();
    final List<Node> app = new ArrayList<>();
    final List<Node> batch = new ArrayList<>();
    final Node albA;
    final Node albB;
    final Node nlb;
    final Node nat;
    final Node lambda;
    final Node endpoint;
    final Node efs;
    final Node rds;
    final Node ecs;
    final Node pod;
    final Node oldApp;
    final Node newApp;
    final Instant first;
    final Instant second;

    /** @param instances EC2 instances per tier (web, app, batch), at least 1 */
    public SampleEstate(int instances, Instant first) {
        this.first = first;
        this.second = first.plusSeconds(3600);
        for (int i = 0; i < instances; i++) {
            web.add(new Node(eni(0x100 + i), "10.0.1." + (10 + i % 180), VPC_A));
            app.add(new Node(eni(0x200 + i), "10.0.2." + (10 + i % 40), VPC_A));
            batch.add(new Node(eni(0x300 + i), "10.1.1." + (10 + i % 200), VPC_B));
        }
        albA = new Node(eni(0x401), "10.0.1.200", VPC_A);
        albB = new Node(eni(0x402), "10.0.1.201", VPC_A);
        nlb = new Node(eni(0x403), "10.0.1.210", VPC_A);
        nat = new Node(eni(0x404), "10.0.1.250", VPC_A);
        lambda = new Node(eni(0x405), "10.0.2.100", VPC_A);
        endpoint = new Node(eni(0x406), "10.0.2.110", VPC_A);
        efs = new Node(eni(0x407), "10.0.2.120", VPC_A);
        rds = new Node(eni(0x408), "10.0.2.130", VPC_A);
        ecs = new Node(eni(0x409), "10.0.2.140", VPC_A);
        pod = new Node(eni(0x40a), "10.0.2.150", VPC_A);
        oldApp = new Node(eni(0x4f0), "10.0.2.60", VPC_A);
        newApp = new Node(eni(0x4f1), "10.0.2.60", VPC_A);
    }

    static String eni(int n) {
        return String.format("eni-0a1b2c3d4e5f6%04x", n);
    }

    /** The two snapshots: {@link #first} and an hour later. */
    public List<InventorySnapshot> snapshots() {
        return List.of(snapshot(first, true), snapshot(second, false));
    }

    private InventorySnapshot snapshot(Instant time, boolean firstHour) {
        List<NetworkInterface> enis = new ArrayList<>();
        for (int i = 0; i < web.size(); i++) {
            enis.add(instance(
                    web.get(i),
                    "i-0web" + hex(i),
                    SUBNET_PUBLIC,
                    "sg-0web",
                    "web-" + (i + 1),
                    i == 0 ? "203.0.113.80" : null));
            enis.add(instance(app.get(i), "i-0app" + hex(i), SUBNET_PRIVATE, "sg-0app", "app-" + (i + 1), null));
            enis.add(instance(batch.get(i), "i-0batch" + hex(i), SUBNET_B, "sg-0batch", "batch-" + (i + 1), null));
        }
        // The old app server is terminated at 12:30; its address goes to a new one.
        enis.add(
                firstHour
                        ? instance(oldApp, "i-0old", SUBNET_PRIVATE, "sg-0app", "app-old", null)
                        : instance(newApp, "i-0new", SUBNET_PRIVATE, "sg-0app", "app-new", null));
        enis.add(managed(albA, "interface", "ELB app/shop/50dc6c495c0c9188", "amazon-elb", SUBNET_PUBLIC, "sg-0alb"));
        enis.add(managed(albB, "interface", "ELB app/shop/50dc6c495c0c9188", "amazon-elb", SUBNET_PUBLIC, "sg-0alb"));
        enis.add(managed(
                nlb, "network_load_balancer", "ELB net/ingest/8a3e2b1c0d9f7e6a", "amazon-elb", SUBNET_PUBLIC, null));
        enis.add(managed(
                nat,
                "nat_gateway",
                "Interface for NAT Gateway nat-0a1b2c3d4e5f60001",
                "441234567890",
                SUBNET_PUBLIC,
                null));
        enis.add(managed(lambda, "lambda", "AWS Lambda VPC ENI-orders", "123456789012", SUBNET_PRIVATE, "sg-0fn"));
        enis.add(managed(
                endpoint,
                "vpc_endpoint",
                "VPC Endpoint Interface vpce-0a1b2c3d4e5f60718",
                "123456789012",
                SUBNET_PRIVATE,
                "sg-0endpoint"));
        enis.add(managed(
                efs,
                "interface",
                "EFS mount target for fs-0a1b2c3d (fsmt-0a1b2c3d)",
                "123456789012",
                SUBNET_PRIVATE,
                "sg-0efs"));
        enis.add(managed(rds, "interface", "RDSNetworkInterface", "amazon-rds", SUBNET_PRIVATE, "sg-0db"));
        enis.add(managed(
                ecs,
                "interface",
                "arn:aws:ecs:us-east-1:123456789012:attachment/0b7c7a2e-1f2d-4a1b-9e7a-3c1f2d4a1b9e",
                "578734482556",
                SUBNET_PRIVATE,
                "sg-0ecs"));
        NetworkInterface branch =
                managed(pod, "branch", "aws-k8s-branch-eni", "895095153028", SUBNET_PRIVATE, "sg-0pod");
        enis.add(new NetworkInterface(
                branch.id(),
                branch.interfaceType(),
                branch.description(),
                branch.requesterId(),
                false,
                ACCOUNT,
                null,
                null,
                SUBNET_PRIVATE,
                VPC_A,
                "us-east-1a",
                branch.securityGroupIds(),
                branch.privateIpv4(),
                List.of(),
                null,
                Map.of("kubernetes.io/cluster/shop", "owned"),
                "in-use",
                null));

        List<SecurityGroup> groups = List.of(
                group(
                        "sg-0web",
                        "web",
                        VPC_A,
                        List.of(
                                in("sgr-0web443", "sg-0web", "tcp", 443, 443, "0.0.0.0/0", null, null),
                                in("sgr-0web80", "sg-0web", "tcp", 80, 80, "0.0.0.0/0", null, null),
                                in("sgr-0webssh", "sg-0web", "tcp", 22, 22, null, "pl-0office", null),
                                out("sgr-0webout", "sg-0web", "-1", -1, -1, "0.0.0.0/0", null))),
                group(
                        "sg-0alb",
                        "alb",
                        VPC_A,
                        List.of(
                                in("sgr-0alb443", "sg-0alb", "tcp", 443, 443, "0.0.0.0/0", null, null),
                                out("sgr-0albapp", "sg-0alb", "tcp", 8080, 8080, null, "sg-0app"),
                                out("sgr-0albecs", "sg-0alb", "tcp", 8080, 8080, null, "sg-0ecs"))),
                group(
                        "sg-0app",
                        "app",
                        VPC_A,
                        withRemoved(
                                firstHour,
                                List.of(
                                        in("sgr-0app8080", "sg-0app", "tcp", 8080, 8080, null, null, "sg-0alb"),
                                        in("sgr-0appssh", "sg-0app", "tcp", 22, 22, null, "pl-0office", null),
                                        out("sgr-0appout", "sg-0app", "-1", -1, -1, "0.0.0.0/0", null)))),
                group(
                        "sg-0db",
                        "db",
                        VPC_A,
                        List.of(
                                in("sgr-0dbapp", "sg-0db", "tcp", 5432, 5432, null, null, "sg-0app"),
                                in("sgr-0dbfn", "sg-0db", "tcp", 5432, 5432, null, null, "sg-0fn"),
                                in("sgr-0dbbatch", "sg-0db", "tcp", 3306, 3306, "10.1.0.0/16", null, null))),
                group(
                        "sg-0fn",
                        "functions",
                        VPC_A,
                        List.of(
                                out("sgr-0fn443", "sg-0fn", "tcp", 443, 443, "0.0.0.0/0", null),
                                out("sgr-0fndb", "sg-0fn", "tcp", 5432, 5432, null, "sg-0db"))),
                group(
                        "sg-0endpoint",
                        "endpoint",
                        VPC_A,
                        List.of(
                                in("sgr-0vpce443", "sg-0endpoint", "tcp", 443, 443, "10.0.0.0/16", null, null),
                                in("sgr-0vpceb", "sg-0endpoint", "tcp", 443, 443, "10.1.0.0/16", null, null))),
                group(
                        "sg-0efs",
                        "efs",
                        VPC_A,
                        List.of(in("sgr-0efsnfs", "sg-0efs", "tcp", 2049, 2049, null, null, "sg-0app"))),
                group(
                        "sg-0ecs",
                        "ecs",
                        VPC_A,
                        List.of(
                                in("sgr-0ecs8080", "sg-0ecs", "tcp", 8080, 8080, null, null, "sg-0alb"),
                                out("sgr-0ecsout", "sg-0ecs", "-1", -1, -1, "0.0.0.0/0", null))),
                group(
                        "sg-0pod",
                        "pods",
                        VPC_A,
                        List.of(in("sgr-0pod9090", "sg-0pod", "tcp", 9090, 9090, null, null, "sg-0app"))),
                group(
                        "sg-0batch",
                        "batch",
                        VPC_B,
                        List.of(
                                in("sgr-0batchssh", "sg-0batch", "tcp", 22, 22, "0.0.0.0/0", null, null),
                                out("sgr-0batchout", "sg-0batch", "-1", -1, -1, "0.0.0.0/0", null))));

        // The private subnet's ACL keeps VPC B off MySQL, although sg-0db allows it.
        List<NetworkAcl> acls = List.of(
                new NetworkAcl(
                        "acl-0private",
                        VPC_A,
                        false,
                        List.of(
                                new NetworkAclEntry(50, false, "6", false, "10.1.0.0/16", null, 3306, 3306, -1, -1),
                                new NetworkAclEntry(100, false, "-1", true, "0.0.0.0/0", null, -1, -1, -1, -1),
                                new NetworkAclEntry(32767, false, "-1", false, "0.0.0.0/0", null, -1, -1, -1, -1),
                                new NetworkAclEntry(100, true, "-1", true, "0.0.0.0/0", null, -1, -1, -1, -1),
                                new NetworkAclEntry(32767, true, "-1", false, "0.0.0.0/0", null, -1, -1, -1, -1)),
                        List.of(SUBNET_PRIVATE)),
                new NetworkAcl(
                        "acl-0default",
                        VPC_A,
                        true,
                        List.of(
                                new NetworkAclEntry(100, false, "-1", true, "0.0.0.0/0", null, -1, -1, -1, -1),
                                new NetworkAclEntry(100, true, "-1", true, "0.0.0.0/0", null, -1, -1, -1, -1)),
                        List.of(SUBNET_PUBLIC)),
                new NetworkAcl(
                        "acl-0bdefault",
                        VPC_B,
                        true,
                        List.of(
                                new NetworkAclEntry(100, false, "-1", true, "0.0.0.0/0", null, -1, -1, -1, -1),
                                new NetworkAclEntry(100, true, "-1", true, "0.0.0.0/0", null, -1, -1, -1, -1)),
                        List.of(SUBNET_B)));
        List<Subnet> subnets = List.of(
                new Subnet(SUBNET_PUBLIC, VPC_A, "10.0.1.0/24", List.of(), "us-east-1a", "use1-az1", ACCOUNT, Map.of()),
                new Subnet(
                        SUBNET_PRIVATE, VPC_A, "10.0.2.0/24", List.of(), "us-east-1a", "use1-az1", ACCOUNT, Map.of()),
                new Subnet(SUBNET_B, VPC_B, "10.1.1.0/24", List.of(), "us-east-1b", "use1-az2", ACCOUNT, Map.of()));
        List<Vpc> vpcs = List.of(
                new Vpc(VPC_A, List.of("10.0.0.0/16"), List.of(), ACCOUNT, false, Map.of("Name", "shop")),
                new Vpc(VPC_B, List.of("10.1.0.0/16"), List.of(), ACCOUNT, false, Map.of("Name", "batch")));
        List<PrefixList> prefixLists =
                List.of(new PrefixList("pl-0office", "office", "IPv4", List.of("198.51.100.0/24")));
        List<LambdaFunction> functions = List.of(
                new LambdaFunction(
                        "orders",
                        "arn:aws:lambda:us-east-1:123456789012:function:orders",
                        "$LATEST",
                        VPC_A,
                        List.of(SUBNET_PRIVATE),
                        List.of("sg-0fn")),
                new LambdaFunction(
                        "refunds",
                        "arn:aws:lambda:us-east-1:123456789012:function:refunds",
                        "$LATEST",
                        VPC_A,
                        List.of(SUBNET_PRIVATE),
                        List.of("sg-0fn")),
                new LambdaFunction(
                        "invoices",
                        "arn:aws:lambda:us-east-1:123456789012:function:invoices",
                        "$LATEST",
                        VPC_A,
                        List.of(SUBNET_PRIVATE),
                        List.of("sg-0fn")),
                new LambdaFunction(
                        "reports",
                        "arn:aws:lambda:us-east-1:123456789012:function:reports",
                        "$LATEST",
                        null,
                        List.of(),
                        List.of()));
        // The batch VPC reaches the databases through a peering: a peer address of the other VPC is known by it.
        List<VpcPeering> peerings = List.of(new VpcPeering("pcx-0a1b2c3d4e5f60000", VPC_B, VPC_A, "active"));
        return new InventorySnapshot(
                time, true, List.of(), enis, groups, acls, subnets, vpcs, prefixLists, functions, peerings, List.of());
    }

    /** The app group's temporary rule for port 9000 exists only in the first snapshot. */
    private static List<SecurityGroupRule> withRemoved(boolean firstHour, List<SecurityGroupRule> rules) {
        List<SecurityGroupRule> all = new ArrayList<>(rules);
        if (firstHour) {
            all.add(in("sgr-0app9000", "sg-0app", "tcp", 9000, 9000, "0.0.0.0/0", null, null));
        }
        return all;
    }

    private static String hex(int i) {
        return String.format("%012x", 0xa1b2c3000000L + i);
    }

    private static NetworkInterface instance(
            Node n, String instance, String subnet, String group, String name, String publicIp) {
        return new NetworkInterface(
                n.eni(),
                "interface",
                "",
                null,
                false,
                ACCOUNT,
                instance,
                ACCOUNT,
                subnet,
                n.vpc(),
                subnet.equals(SUBNET_B) ? "us-east-1b" : "us-east-1a",
                List.of(group),
                List.of(IpAddress.parse(n.ip())),
                List.of(),
                publicIp == null ? null : IpAddress.parse(publicIp),
                Map.of("Name", name),
                "in-use",
                null);
    }

    private static NetworkInterface managed(
            Node n, String type, String description, String requester, String subnet, String group) {
        return new NetworkInterface(
                n.eni(),
                type,
                description,
                requester,
                true,
                ACCOUNT,
                null,
                null,
                subnet,
                n.vpc(),
                "us-east-1a",
                group == null ? List.of() : List.of(group),
                List.of(IpAddress.parse(n.ip())),
                List.of(),
                null,
                Map.of(),
                "in-use",
                null);
    }

    private static SecurityGroup group(String id, String name, String vpc, List<SecurityGroupRule> rules) {
        return new SecurityGroup(id, name, name + " tier", vpc, ACCOUNT, rules, Map.of());
    }

    private static SecurityGroupRule in(
            String id,
            String group,
            String protocol,
            int from,
            int to,
            String cidr,
            String prefixList,
            String referenced) {
        return new SecurityGroupRule(id, group, false, protocol, from, to, cidr, null, prefixList, referenced, null);
    }

    private static SecurityGroupRule out(
            String id, String group, String protocol, int from, int to, String cidr, String referenced) {
        return new SecurityGroupRule(id, group, true, protocol, from, to, cidr, null, null, referenced, null);
    }
}
