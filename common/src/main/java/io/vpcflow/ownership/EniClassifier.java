package io.vpcflow.ownership;

import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.LambdaFunction;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.SecurityGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides who owns a network interface from {@code InterfaceType}, description, requester and
 * attachment, the way AWS marks the interfaces its services create.
 *
 * <p>Descriptions are free text: patterns are anchored and an interface nothing recognises is
 * {@link OwnerKind#UNKNOWN} with its raw type and description kept, never an error. Lambda interfaces
 * are shared (Hyperplane): one serves every function with the same subnet and the same security-group
 * set, so they resolve to that set of functions, not to the one the description names.
 */
public final class EniClassifier {
    private static final Pattern NAT = Pattern.compile("Interface for NAT Gateway (nat-[0-9a-zA-Z]+).*");
    private static final Pattern ELB_V2 = Pattern.compile("ELB (app|net|gwy)/([^/]+)/([0-9a-zA-Z]+)");
    private static final Pattern ELB_CLASSIC = Pattern.compile("ELB ([^/\\s]+)");
    private static final Pattern ENDPOINT = Pattern.compile("VPC Endpoint Interface (vpce-[0-9a-zA-Z]+).*");
    private static final Pattern EFS =
            Pattern.compile("EFS mount target for (fs-[0-9a-zA-Z]+) \\((fsmt-[0-9a-zA-Z]+)\\).*");
    private static final Pattern ELASTICACHE = Pattern.compile("ElastiCache (\\S+).*");
    private static final Pattern ECS = Pattern.compile("(arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}:attachment/[0-9a-f-]+)");
    private static final Pattern EKS_CONTROL_PLANE = Pattern.compile("Amazon EKS (\\S+)");
    private static final Pattern EKS_NODE = Pattern.compile("aws-K8S-(i-[0-9a-zA-Z]+)");
    private static final Pattern TGW =
            Pattern.compile("Network Interface for Transit Gateway Attachment (tgw-attach-[0-9a-zA-Z]+).*");
    private static final Pattern DIRECTORY =
            Pattern.compile("AWS created network interface for directory (d-[0-9a-zA-Z]+).*");
    private static final Pattern RESOLVER = Pattern.compile("Route 53 Resolver:? ?(rslvr-[a-z]+-[0-9a-zA-Z]+)?.*");
    private static final Pattern LAMBDA =
            Pattern.compile("AWS Lambda VPC ENI-(.+?)(-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?");

    private final Map<String, List<LambdaFunction>> functionsByPlacement;
    private final Map<String, String> groupNames;

    /** The classifier of a snapshot: its functions, and its security groups' names for interfaces AWS names not. */
    public static EniClassifier of(InventorySnapshot s) {
        Map<String, String> names = new java.util.HashMap<>();
        for (SecurityGroup g : s.securityGroups()) {
            if (g.name() != null && !g.name().isBlank()) {
                names.put(g.id(), g.name());
            }
        }
        return new EniClassifier(s.functions(), names);
    }

    /**
     * @param functions  every Lambda function (version) of the snapshot; empty when none were listed
     * @param groupNames security group id to name, for owners whose description names nothing (RDS, Redshift)
     */
    public EniClassifier(List<LambdaFunction> functions, Map<String, String> groupNames) {
        this.groupNames = Map.copyOf(groupNames);
        this.functionsByPlacement = new java.util.HashMap<>();
        for (LambdaFunction f : functions) {
            for (String subnet : f.subnetIds()) {
                functionsByPlacement
                        .computeIfAbsent(placement(subnet, f.securityGroupIds()), k -> new ArrayList<>())
                        .add(f);
            }
        }
    }

    /** The key of a Hyperplane ENI: its subnet and its exact security-group set. */
    static String placement(String subnetId, List<String> securityGroupIds) {
        return subnetId + "|" + String.join(",", new TreeSet<>(securityGroupIds));
    }

    public Owner classify(NetworkInterface eni) {
        String type = eni.interfaceType().toLowerCase(Locale.ROOT).replace('-', '_');
        String d = eni.description().strip();
        Matcher m;

        if (type.equals("lambda") || d.startsWith("AWS Lambda VPC ENI")) {
            return lambda(eni, d);
        }
        if (type.equals("nat_gateway") || type.equals("natgateway") || (m = NAT.matcher(d)).matches()) {
            Matcher n = NAT.matcher(d);
            String id = n.matches() ? n.group(1) : eni.id();
            return Owner.of(OwnerKind.NAT_GATEWAY, id, id, eni);
        }
        if (type.equals("gateway_load_balancer_endpoint")) {
            Matcher e = ENDPOINT.matcher(d);
            String id = e.matches() ? e.group(1) : eni.id();
            return Owner.of(OwnerKind.GWLB_ENDPOINT, id, id, eni);
        }
        if ((m = ELB_V2.matcher(d)).matches()) {
            OwnerKind kind = switch (m.group(1)) {
                case "app" -> OwnerKind.ALB;
                case "net" -> OwnerKind.NLB;
                default -> OwnerKind.GWLB;
            };
            return Owner.of(kind, m.group(1) + "/" + m.group(2) + "/" + m.group(3), m.group(2), eni);
        }
        if (type.equals("load_balancer")
                || type.equals("network_load_balancer")
                || type.equals("gateway_load_balancer")
                || "amazon-elb".equals(eni.requesterId())) {
            Matcher c = ELB_CLASSIC.matcher(d);
            OwnerKind kind = switch (type) {
                case "network_load_balancer" -> OwnerKind.NLB;
                case "gateway_load_balancer" -> OwnerKind.GWLB;
                default -> OwnerKind.CLB;
            };
            String name = c.matches() ? c.group(1) : eni.id();
            return Owner.of(kind, name, name, eni);
        }
        if ((m = ENDPOINT.matcher(d)).matches() || type.equals("vpc_endpoint")) {
            String id = m.matches() ? m.group(1) : eni.id();
            return Owner.of(OwnerKind.VPC_ENDPOINT, id, id, eni);
        }
        if ((m = EFS.matcher(d)).matches()) {
            // The file system is what users know; the mount target stays in the description.
            return Owner.of(OwnerKind.EFS, m.group(1), m.group(1), eni);
        }
        if (d.startsWith("RDSNetworkInterface") || "amazon-rds".equals(eni.requesterId())) {
            return Owner.of(OwnerKind.RDS, eni.id(), byGroups(eni), eni);
        }
        if (d.startsWith("RedshiftNetworkInterface") || "amazon-redshift".equals(eni.requesterId())) {
            return Owner.of(OwnerKind.REDSHIFT, eni.id(), byGroups(eni), eni);
        }
        if ((m = ELASTICACHE.matcher(d)).matches()) {
            return Owner.of(OwnerKind.ELASTICACHE, m.group(1), m.group(1), eni);
        }
        if ((m = ECS.matcher(d)).matches()) {
            String service = eni.tags().get("aws:ecs:serviceName");
            String attachment = m.group(1).substring(m.group(1).indexOf("attachment/"));
            return Owner.of(
                    OwnerKind.ECS_TASK,
                    m.group(1),
                    service != null && !service.isBlank() ? service : nameTag(eni, shortId(attachment)),
                    eni);
        }
        if ((m = EKS_CONTROL_PLANE.matcher(d)).matches()) {
            return Owner.of(OwnerKind.EKS_CONTROL_PLANE, m.group(1), m.group(1), eni);
        }
        if (type.equals("branch") || d.equals("aws-k8s-branch-eni")) {
            return Owner.of(OwnerKind.EKS_POD, eni.id(), podName(eni), eni);
        }
        if ((m = EKS_NODE.matcher(d)).matches()) {
            return Owner.of(OwnerKind.EKS_NODE, m.group(1), m.group(1), eni);
        }
        if (type.equals("trunk") || d.equals("aws-k8s-trunk-eni")) {
            String instance = eni.instanceId() != null ? eni.instanceId() : eni.id();
            return Owner.of(OwnerKind.EKS_NODE, instance, instance, eni);
        }
        if (type.equals("transit_gateway") || (m = TGW.matcher(d)).matches()) {
            Matcher t = TGW.matcher(d);
            String id = t.matches() ? t.group(1) : eni.id();
            return Owner.of(OwnerKind.TRANSIT_GATEWAY, id, id, eni);
        }
        if (type.equals("api_gateway_managed") || d.startsWith("ENI managed by APIGateway")) {
            return Owner.of(OwnerKind.API_GATEWAY, eni.id(), d, eni);
        }
        if ((m = DIRECTORY.matcher(d)).matches()) {
            return Owner.of(OwnerKind.DIRECTORY_SERVICE, m.group(1), m.group(1), eni);
        }
        if ((m = RESOLVER.matcher(d)).matches()) {
            String id = m.group(1) != null ? m.group(1) : eni.id();
            return Owner.of(OwnerKind.ROUTE53_RESOLVER, id, id, eni);
        }
        if (type.equals("global_accelerator_managed")) {
            return Owner.of(OwnerKind.GLOBAL_ACCELERATOR, eni.id(), d, eni);
        }
        if (eni.instanceId() != null) {
            return Owner.of(OwnerKind.EC2_INSTANCE, eni.instanceId(), nameTag(eni, eni.instanceId()), eni);
        }
        if ((type.equals("interface") || type.isEmpty()) && !eni.requesterManaged()) {
            return Owner.of(OwnerKind.UNATTACHED, eni.id(), nameTag(eni, eni.id()), eni);
        }
        return Owner.of(OwnerKind.UNKNOWN, eni.id(), d.isEmpty() ? eni.interfaceType() : d, eni);
    }

    private Owner lambda(NetworkInterface eni, String description) {
        List<LambdaFunction> sharing =
                functionsByPlacement.getOrDefault(placement(eni.subnetId(), eni.securityGroupIds()), List.of());
        Set<String> names = new TreeSet<>();
        for (LambdaFunction f : sharing) {
            names.add("$LATEST".equals(f.version()) ? f.name() : f.name() + ":" + f.version());
        }
        String key = placement(eni.subnetId(), eni.securityGroupIds());
        if (!names.isEmpty()) {
            return new Owner(
                    OwnerKind.LAMBDA,
                    key,
                    String.join(",", names),
                    List.copyOf(names),
                    false,
                    eni.interfaceType(),
                    eni.description());
        }
        // No function matches (no Lambda data, or the functions moved away): the description names one
        // function of the set, so the set is partial.
        Matcher m = LAMBDA.matcher(description);
        List<String> guess = m.matches() ? List.of(m.group(1)) : List.of();
        return new Owner(
                OwnerKind.LAMBDA,
                key,
                guess.isEmpty() ? eni.id() : guess.get(0),
                guess,
                true,
                eni.interfaceType(),
                eni.description());
    }

    /**
     * A database's interface says only "RDSNetworkInterface" and carries no tags; the names of its security groups
     * ("orders-db") are what its owners recognise. The interface id when the groups have no names.
     */
    private String byGroups(NetworkInterface eni) {
        String tag = eni.tags().get("Name");
        if (tag != null && !tag.isBlank()) {
            return tag;
        }
        List<String> names = new ArrayList<>();
        for (String g : eni.securityGroupIds()) {
            String name = groupNames.get(g);
            if (name != null) {
                names.add(name);
            }
        }
        return names.isEmpty() ? eni.id() : String.join(",", names);
    }

    /** {@code attachment/0b7c7a2e-1f2d-...} as {@code attachment/0b7c7a2e}: enough to tell tasks apart on a page. */
    private static String shortId(String attachment) {
        int dash = attachment.indexOf('-');
        return dash < 0 ? attachment : attachment.substring(0, dash);
    }

    private static String nameTag(NetworkInterface eni, String fallback) {
        String name = eni.tags().get("Name");
        return name == null || name.isBlank() ? fallback : name;
    }

    private static String podName(NetworkInterface eni) {
        // Branch ENIs carry no pod name; the VPC resource controller tags them with the cluster.
        for (String key : eni.tags().keySet()) {
            if (key.startsWith("kubernetes.io/cluster/")) {
                return key.substring("kubernetes.io/cluster/".length());
            }
        }
        return nameTag(eni, eni.id());
    }
}
