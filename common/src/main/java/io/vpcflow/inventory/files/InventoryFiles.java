package io.vpcflow.inventory.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vpcflow.inventory.AwsNames;
import io.vpcflow.inventory.Estates;
import io.vpcflow.inventory.Estates.Estate;
import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.LambdaFunction;
import io.vpcflow.inventory.NetworkAcl;
import io.vpcflow.inventory.NetworkAclEntry;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.PrefixList;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.inventory.Subnet;
import io.vpcflow.inventory.TransitGatewayAttachment;
import io.vpcflow.inventory.Vpc;
import io.vpcflow.inventory.VpcPeering;
import io.vpcflow.net.IpAddress;
import io.vpcflow.text.Lines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inventory on disk: a folder holding the JSON the AWS CLI prints for the describe/list calls, each file
 * optional and unknown keys ignored; or a folder of such folders named by UTC ISO-8601 times (a series).
 *
 * <p>The same files are what {@code vpcflow inventory fetch} writes, plus {@value #META} with the time
 * and whether every call succeeded.
 */
public final class InventoryFiles {
    public static final String INTERFACES = "describe-network-interfaces.json";
    public static final String SECURITY_GROUPS = "describe-security-groups.json";
    public static final String SECURITY_GROUP_RULES = "describe-security-group-rules.json";
    public static final String NETWORK_ACLS = "describe-network-acls.json";
    public static final String SUBNETS = "describe-subnets.json";
    public static final String VPCS = "describe-vpcs.json";
    public static final String PREFIX_LISTS = "describe-managed-prefix-lists.json";
    public static final String FUNCTIONS = "list-functions.json";
    public static final String PEERINGS = "describe-vpc-peering-connections.json";
    public static final String TRANSIT_GATEWAY_ATTACHMENTS = "describe-transit-gateway-vpc-attachments.json";
    public static final String META = "vpcflow-snapshot.json";

    private static final Pattern PREFIX_LIST_ENTRIES =
            Pattern.compile("get-managed-prefix-list-entries-(pl-[0-9a-zA-Z]+)\\.json");
    private static final Pattern PREFIX_LIST_ID = Pattern.compile("pl-[0-9a-zA-Z]+");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private InventoryFiles() {}

    /**
     * Reads an inventory root as one timeline: a snapshot folder, a series folder (subfolders named by times), or a
     * folder holding such folders of many estates at any depth (typically {@code ROOT/<account>/<region>/}), merged.
     *
     * @throws InventoryException when the folder is missing, empty of inventory, or a file is not what it should be
     */
    public static List<InventorySnapshot> read(Path dir) {
        return Estates.merge(estates(dir));
    }

    /** The estates of a local inventory root. */
    public static List<Estate> estates(Path root) {
        InventoryStore store = InventoryStore.local(root);
        return estates(store, store.list());
    }

    /**
     * The estates of an inventory root as listed, each a snapshot or series folder; a root without any is one empty
     * snapshot. Folders whose names start with {@code .} or {@code _} are not read (a fetch writes under such a name
     * and moves the folder into place whole).
     */
    public static List<Estate> estates(InventoryStore store, SortedMap<String, String> listing) {
        Map<String, Folder> folders = folders(store, listing);
        List<Estate> found = new ArrayList<>();
        for (Folder f : folders.values()) {
            if (f.isEstate() && !insideEstate(f.path, folders)) {
                found.add(estate(f, folders));
            }
        }
        if (found.isEmpty()) {
            Folder root = folders.getOrDefault("", new Folder(store, "", new TreeMap<>()));
            found.add(new Estate(null, null, store.name(""), List.of(readSnapshot(root, null))));
        }
        return found;
    }

    /**
     * A fingerprint of a listing (names and stamps of every file): when it changes, the inventory is worth reading
     * again.
     */
    public static String fingerprint(SortedMap<String, String> listing) {
        StringBuilder sb = new StringBuilder();
        visible(listing)
                .forEach((path, stamp) ->
                        sb.append(path).append(':').append(stamp).append('\n'));
        return sb.toString();
    }

    /** As {@link #fingerprint(SortedMap)} of a local root. */
    public static String fingerprint(Path dir) {
        return fingerprint(InventoryStore.local(dir).list());
    }

    /** One folder of a listing: its path below the root and the files directly in it (name to stamp). */
    static final class Folder {
        final InventoryStore store;
        final String path;
        final SortedMap<String, String> files;
        /** Whether it holds snapshot folders named by times: a series. */
        boolean hasTimedChildren;

        Folder(InventoryStore store, String path, SortedMap<String, String> files) {
            this.store = store;
            this.path = path;
            this.files = files;
        }

        String name() {
            int slash = path.lastIndexOf('/');
            return path.substring(slash + 1);
        }

        String where(String file) {
            return store.name(path.isEmpty() ? file : path + "/" + file);
        }

        /** A snapshot folder: it holds inventory files. */
        boolean holdsSnapshot() {
            for (String n : files.keySet()) {
                if (n.equals(META)
                        || (n.endsWith(".json") && (n.startsWith("describe-") || n.startsWith("list-")))
                        || PREFIX_LIST_ENTRIES.matcher(n).matches()) {
                    return true;
                }
            }
            return false;
        }

        boolean isEstate() {
            return holdsSnapshot() || hasTimedChildren;
        }

        JsonNode json(String name) {
            if (!files.containsKey(name)) {
                return JSON.createObjectNode();
            }
            try {
                byte[] b = store.read(path.isEmpty() ? name : path + "/" + name);
                if (b == null) {
                    return JSON.createObjectNode();
                }
                JsonNode node = JSON.readTree(b);
                return node == null ? JSON.createObjectNode() : node;
            } catch (IOException e) {
                throw new InventoryException(where(name) + " is not valid JSON: " + Lines.first(e.getMessage()), e);
            }
        }
    }

    /**
     * The files of a listing that are inventory: below no folder (and no file) whose name starts with {@code .} or
     * {@code _}. As with flow-log files, hidden and marker names are not data; a fetch writes under such a name.
     */
    public static SortedMap<String, String> visible(SortedMap<String, String> listing) {
        SortedMap<String, String> out = new TreeMap<>();
        listing.forEach((path, stamp) -> {
            for (String part : path.split("/")) {
                if (part.startsWith(".") || part.startsWith("_") || part.isEmpty()) {
                    return;
                }
            }
            out.put(path, stamp);
        });
        return out;
    }

    /** Every folder of the visible listing that holds files or folders. */
    private static Map<String, Folder> folders(InventoryStore store, SortedMap<String, String> listing) {
        Map<String, Folder> folders = new TreeMap<>();
        folders.put("", new Folder(store, "", new TreeMap<>()));
        visible(listing).forEach((path, stamp) -> {
            String[] parts = path.split("/");
            StringBuilder folder = new StringBuilder();
            for (int i = 0; i < parts.length - 1; i++) {
                folder.append(i == 0 ? "" : "/").append(parts[i]);
                folders.computeIfAbsent(folder.toString(), f -> new Folder(store, f, new TreeMap<>()));
            }
            folders.get(folder.toString()).files.put(parts[parts.length - 1], stamp);
        });
        for (Folder f : folders.values()) {
            if (!f.path.isEmpty() && timeOf(f) != null && f.holdsSnapshot()) {
                folders.get(parent(f.path)).hasTimedChildren = true;
            }
        }
        return folders;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Whether a folder above this one (below the root) is itself an estate: its snapshots, not another estate. */
    private static boolean insideEstate(String path, Map<String, Folder> folders) {
        String p = path;
        while (!p.isEmpty()) {
            p = parent(p);
            Folder above = folders.get(p);
            if (above != null && above.isEstate()) {
                return true;
            }
        }
        return false;
    }

    private static Instant timeOf(Folder f) {
        try {
            return f.path.isEmpty() ? null : Instant.parse(f.name());
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }

    private static Estate estate(Folder dir, Map<String, Folder> folders) {
        TreeMap<Instant, Folder> series = new TreeMap<>();
        String prefix = dir.path.isEmpty() ? "" : dir.path + "/";
        for (Folder f : folders.values()) {
            if (f.path.startsWith(prefix) && f.path.indexOf('/', prefix.length()) < 0 && !f.path.equals(dir.path)) {
                Instant t = timeOf(f);
                if (t != null && f.holdsSnapshot()) {
                    series.put(t, f);
                }
            }
        }
        List<InventorySnapshot> snapshots = new ArrayList<>();
        if (series.isEmpty()) {
            snapshots.add(readSnapshot(dir, null));
        } else {
            series.forEach((time, folder) -> {
                InventorySnapshot s = readSnapshot(folder, time);
                snapshots.add(snapshots.isEmpty() ? s : sharing(s, snapshots.get(snapshots.size() - 1)));
            });
        }
        // Who the estate is: what the fetch wrote in its marker, else the folder names (ROOT/<account>/<region>/).
        JsonNode meta = (series.isEmpty() ? dir : series.lastEntry().getValue()).json(META);
        String account = text(meta, "account");
        String region = text(meta, "region");
        if (account != null && !AwsNames.isAccount(account)) {
            account = null;
        }
        if (region != null && !AwsNames.isRegion(region)) {
            region = null;
        }
        for (String name : dir.path.isEmpty() ? new String[0] : dir.path.split("/")) {
            if (account == null && AwsNames.isAccount(name)) {
                account = name;
            } else if (region == null && AwsNames.isRegion(name)) {
                region = name;
            }
        }
        return new Estate(account, region, dir.store.name(dir.path), snapshots);
    }

    /**
     * {@code s} with every interface and security group that did not change since {@code previous} replaced
     * by the previous snapshot's object: a series of snapshots of a large estate, which changes little from
     * one to the next, is then held in memory about once instead of once per snapshot.
     */
    static InventorySnapshot sharing(InventorySnapshot s, InventorySnapshot previous) {
        return new InventorySnapshot(
                s.takenAt(),
                s.complete(),
                s.failedCalls(),
                shared(s.interfaces(), previous.interfaces(), NetworkInterface::id),
                shared(s.securityGroups(), previous.securityGroups(), SecurityGroup::id),
                s.networkAcls(),
                s.subnets(),
                s.vpcs(),
                s.prefixLists(),
                s.functions(),
                s.peerings(),
                s.transitGatewayAttachments());
    }

    private static <T> List<T> shared(List<T> now, List<T> before, java.util.function.Function<T, String> id) {
        Map<String, T> byId = new HashMap<>();
        for (T t : before) {
            byId.put(id.apply(t), t);
        }
        List<T> out = new ArrayList<>(now.size());
        for (T t : now) {
            T old = byId.get(id.apply(t));
            out.add(old != null && old.equals(t) ? old : t);
        }
        return out;
    }

    /** Reads one snapshot folder; {@code takenAt} (from the folder name) wins over the time in {@value #META}. */
    private static InventorySnapshot readSnapshot(Folder dir, Instant takenAt) {
        JsonNode meta = dir.json(META);
        Instant time = takenAt;
        if (time == null && meta.hasNonNull("takenAt")) {
            try {
                time = Instant.parse(meta.get("takenAt").asText());
            } catch (DateTimeParseException e) {
                throw new InventoryException(dir.where(META) + ": takenAt is not an ISO-8601 time");
            }
        }
        boolean complete = !meta.has("complete") || meta.get("complete").asBoolean();
        List<String> failed = strings(meta.path("failedCalls"));

        Map<String, List<SecurityGroupRule>> rulesByGroup = new HashMap<>();
        for (JsonNode r : dir.json(SECURITY_GROUP_RULES).path("SecurityGroupRules")) {
            String where = dir.where(SECURITY_GROUP_RULES) + ": rule " + text(r, "SecurityGroupRuleId");
            SecurityGroupRule rule = new SecurityGroupRule(
                    text(r, "SecurityGroupRuleId"),
                    text(r, "GroupId"),
                    r.path("IsEgress").asBoolean(),
                    text(r, "IpProtocol"),
                    whole(r, "FromPort", -1, where),
                    whole(r, "ToPort", -1, where),
                    text(r, "CidrIpv4"),
                    text(r, "CidrIpv6"),
                    text(r, "PrefixListId"),
                    text(r.path("ReferencedGroupInfo"), "GroupId"),
                    text(r, "Description"));
            rulesByGroup.computeIfAbsent(rule.groupId(), g -> new ArrayList<>()).add(rule);
        }
        List<SecurityGroup> groups = new ArrayList<>();
        for (JsonNode g : dir.json(SECURITY_GROUPS).path("SecurityGroups")) {
            String id = text(g, "GroupId");
            List<SecurityGroupRule> rules = rulesByGroup.get(id);
            if (rules == null) {
                rules = new ArrayList<>();
                addPermissions(rules, id, false, g.path("IpPermissions"), dir);
                addPermissions(rules, id, true, g.path("IpPermissionsEgress"), dir);
            }
            groups.add(new SecurityGroup(
                    id,
                    text(g, "GroupName"),
                    text(g, "Description"),
                    text(g, "VpcId"),
                    text(g, "OwnerId"),
                    rules,
                    tags(g.path("Tags"))));
        }

        List<NetworkInterface> interfaces = new ArrayList<>();
        String eniFile = dir.where(INTERFACES);
        for (JsonNode n : dir.json(INTERFACES).path("NetworkInterfaces")) {
            interfaces.add(networkInterface(n, eniFile));
        }

        List<NetworkAcl> acls = new ArrayList<>();
        for (JsonNode a : dir.json(NETWORK_ACLS).path("NetworkAcls")) {
            String acl = dir.where(NETWORK_ACLS) + ": network ACL " + text(a, "NetworkAclId");
            List<NetworkAclEntry> entries = new ArrayList<>();
            for (JsonNode e : a.path("Entries")) {
                entries.add(new NetworkAclEntry(
                        whole(e, "RuleNumber", 0, acl),
                        e.path("Egress").asBoolean(),
                        text(e, "Protocol"),
                        "allow".equalsIgnoreCase(text(e, "RuleAction")),
                        text(e, "CidrBlock"),
                        text(e, "Ipv6CidrBlock"),
                        whole(e.path("PortRange"), "From", -1, acl),
                        whole(e.path("PortRange"), "To", -1, acl),
                        whole(e.path("IcmpTypeCode"), "Type", -1, acl),
                        whole(e.path("IcmpTypeCode"), "Code", -1, acl)));
            }
            List<String> subnets = new ArrayList<>();
            a.path("Associations").forEach(s -> subnets.add(text(s, "SubnetId")));
            acls.add(new NetworkAcl(
                    text(a, "NetworkAclId"),
                    text(a, "VpcId"),
                    a.path("IsDefault").asBoolean(),
                    entries,
                    subnets));
        }

        List<Subnet> subnets = new ArrayList<>();
        for (JsonNode s : dir.json(SUBNETS).path("Subnets")) {
            List<String> v6 = new ArrayList<>();
            s.path("Ipv6CidrBlockAssociationSet").forEach(b -> v6.add(text(b, "Ipv6CidrBlock")));
            subnets.add(new Subnet(
                    text(s, "SubnetId"),
                    text(s, "VpcId"),
                    text(s, "CidrBlock"),
                    v6,
                    text(s, "AvailabilityZone"),
                    text(s, "AvailabilityZoneId"),
                    text(s, "OwnerId"),
                    tags(s.path("Tags"))));
        }

        List<Vpc> vpcs = new ArrayList<>();
        for (JsonNode v : dir.json(VPCS).path("Vpcs")) {
            List<String> v4 = new ArrayList<>();
            v.path("CidrBlockAssociationSet").forEach(b -> v4.add(text(b, "CidrBlock")));
            if (v4.isEmpty() && v.hasNonNull("CidrBlock")) {
                v4.add(text(v, "CidrBlock"));
            }
            List<String> v6 = new ArrayList<>();
            v.path("Ipv6CidrBlockAssociationSet").forEach(b -> v6.add(text(b, "Ipv6CidrBlock")));
            vpcs.add(new Vpc(
                    text(v, "VpcId"),
                    v4,
                    v6,
                    text(v, "OwnerId"),
                    v.path("IsDefault").asBoolean(),
                    tags(v.path("Tags"))));
        }

        Map<String, List<String>> entries = prefixListEntries(dir);
        List<PrefixList> prefixLists = new ArrayList<>();
        // A list is known by its entries: described without them, what it holds is not known (not "nothing").
        Map<String, List<String>> undescribed = new java.util.TreeMap<>(entries);
        for (JsonNode p : dir.json(PREFIX_LISTS).path("PrefixLists")) {
            String id = text(p, "PrefixListId");
            undescribed.remove(id);
            if (entries.containsKey(id)) {
                prefixLists.add(
                        new PrefixList(id, text(p, "PrefixListName"), text(p, "AddressFamily"), entries.get(id)));
            }
        }
        undescribed.forEach((id, cidrs) -> prefixLists.add(new PrefixList(id, null, null, cidrs)));

        List<LambdaFunction> functions = new ArrayList<>();
        for (JsonNode f : dir.json(FUNCTIONS).path("Functions")) {
            JsonNode vpc = f.path("VpcConfig");
            String version = text(f, "Version");
            functions.add(new LambdaFunction(
                    text(f, "FunctionName"),
                    text(f, "FunctionArn"),
                    version == null ? "$LATEST" : version,
                    text(vpc, "VpcId"),
                    strings(vpc.path("SubnetIds")),
                    strings(vpc.path("SecurityGroupIds"))));
        }
        List<VpcPeering> peerings = new ArrayList<>();
        for (JsonNode p : dir.json(PEERINGS).path("VpcPeeringConnections")) {
            peerings.add(new VpcPeering(
                    text(p, "VpcPeeringConnectionId"),
                    text(p.path("RequesterVpcInfo"), "VpcId"),
                    text(p.path("AccepterVpcInfo"), "VpcId"),
                    text(p.path("Status"), "Code")));
        }
        List<TransitGatewayAttachment> attachments = new ArrayList<>();
        for (JsonNode a : dir.json(TRANSIT_GATEWAY_ATTACHMENTS).path("TransitGatewayVpcAttachments")) {
            attachments.add(new TransitGatewayAttachment(
                    text(a, "TransitGatewayAttachmentId"),
                    text(a, "TransitGatewayId"),
                    text(a, "VpcId"),
                    text(a, "State")));
        }
        return new InventorySnapshot(
                time,
                complete,
                failed,
                interfaces,
                groups,
                acls,
                subnets,
                vpcs,
                prefixLists,
                functions,
                peerings,
                attachments);
    }

    private static NetworkInterface networkInterface(JsonNode n, String file) {
        String id = text(n, "NetworkInterfaceId");
        if (id == null) {
            throw new InventoryException(file + ": a network interface has no NetworkInterfaceId");
        }
        List<IpAddress> v4 = new ArrayList<>();
        IpAddress publicIp = address(text(n.path("Association"), "PublicIp"), file, id);
        for (JsonNode p : n.path("PrivateIpAddresses")) {
            IpAddress a = address(text(p, "PrivateIpAddress"), file, id);
            if (a == null) {
                continue;
            }
            if (p.path("Primary").asBoolean()) {
                v4.add(0, a);
            } else {
                v4.add(a);
            }
        }
        IpAddress primary = address(text(n, "PrivateIpAddress"), file, id);
        if (primary != null && !v4.contains(primary)) {
            v4.add(0, primary);
        }
        List<IpAddress> v6 = new ArrayList<>();
        for (JsonNode p : n.path("Ipv6Addresses")) {
            IpAddress a = address(text(p, "Ipv6Address"), file, id);
            if (a != null) {
                v6.add(a);
            }
        }
        List<String> groups = new ArrayList<>();
        n.path("Groups").forEach(g -> groups.add(text(g, "GroupId")));
        JsonNode attachment = n.path("Attachment");
        JsonNode operator = n.path("Operator");
        return new NetworkInterface(
                id,
                text(n, "InterfaceType"),
                text(n, "Description"),
                text(n, "RequesterId"),
                n.path("RequesterManaged").asBoolean(),
                text(n, "OwnerId"),
                text(attachment, "InstanceId"),
                text(attachment, "InstanceOwnerId"),
                text(n, "SubnetId"),
                text(n, "VpcId"),
                text(n, "AvailabilityZone"),
                groups,
                v4,
                v6,
                publicIp,
                tags(n.path("TagSet")),
                text(n, "Status"),
                operator.isMissingNode() ? null : text(operator, "Principal"));
    }

    private static IpAddress address(String text, String file, String eni) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InventoryException(
                    file + ": network interface " + eni + " has an address that is not an IP address");
        }
    }

    /**
     * A whole number AWS writes as a JSON number ({@code "80"} is read too), or {@code absent} when the field is
     * not there. Anything else is refused: read leniently, {@code "eighty"} would become -1, which means all ports.
     */
    private static int whole(JsonNode parent, String field, int absent, String where) {
        JsonNode v = parent.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return absent;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isTextual() && v.asText().matches("-?[0-9]{1,9}")) {
            return Integer.parseInt(v.asText());
        }
        String shown = v.toString();
        throw new InventoryException(where + ": " + field + " is not a whole number: "
                + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown));
    }

    private static void addPermissions(
            List<SecurityGroupRule> rules, String groupId, boolean egress, JsonNode permissions, Folder dir) {
        for (JsonNode p : permissions) {
            String protocol = text(p, "IpProtocol");
            String group = dir.where(SECURITY_GROUPS) + ": security group " + groupId;
            int from = whole(p, "FromPort", -1, group);
            int to = whole(p, "ToPort", -1, group);
            for (JsonNode r : p.path("IpRanges")) {
                rules.add(new SecurityGroupRule(
                        null,
                        groupId,
                        egress,
                        protocol,
                        from,
                        to,
                        text(r, "CidrIp"),
                        null,
                        null,
                        null,
                        text(r, "Description")));
            }
            for (JsonNode r : p.path("Ipv6Ranges")) {
                rules.add(new SecurityGroupRule(
                        null,
                        groupId,
                        egress,
                        protocol,
                        from,
                        to,
                        null,
                        text(r, "CidrIpv6"),
                        null,
                        null,
                        text(r, "Description")));
            }
            for (JsonNode r : p.path("PrefixListIds")) {
                rules.add(new SecurityGroupRule(
                        null,
                        groupId,
                        egress,
                        protocol,
                        from,
                        to,
                        null,
                        null,
                        text(r, "PrefixListId"),
                        null,
                        text(r, "Description")));
            }
            for (JsonNode r : p.path("UserIdGroupPairs")) {
                rules.add(new SecurityGroupRule(
                        null,
                        groupId,
                        egress,
                        protocol,
                        from,
                        to,
                        null,
                        null,
                        null,
                        text(r, "GroupId"),
                        text(r, "Description")));
            }
        }
    }

    private static Map<String, List<String>> prefixListEntries(Folder dir) {
        Map<String, List<String>> entries = new HashMap<>();
        for (String name : dir.files.keySet()) {
            Matcher m = PREFIX_LIST_ENTRIES.matcher(name);
            if (m.matches()) {
                List<String> cidrs = new ArrayList<>();
                dir.json(name).path("Entries").forEach(e -> cidrs.add(text(e, "Cidr")));
                entries.put(m.group(1), cidrs);
            }
        }
        return entries;
    }

    /** Writes a snapshot as AWS CLI output (the form {@link #readSnapshot} reads) plus {@value #META}. */
    public static void write(InventorySnapshot s, Path dir) throws IOException {
        write(s, dir, null, null, Map.of());
    }

    /**
     * Writes a snapshot and its marker ({@value #META}: time, completeness, the estate, what failed and why). A new
     * folder is written beside it under a hidden name and moved into place whole, so that a reader watching the
     * root never reads a snapshot half written.
     *
     * @param account the estate's account, or null
     * @param region  the estate's region, or null
     * @param errors  what each failed call said, by call
     */
    public static void write(InventorySnapshot s, Path dir, String account, String region, Map<String, String> errors)
            throws IOException {
        if (Files.exists(dir)) {
            writeFiles(s, dir, account, region, errors);
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempDirectory(parent, "." + dir.getFileName() + ".partial-");
        try {
            writeFiles(s, partial, account, region, errors);
            Files.move(partial, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(partial)) {
                io.vpcflow.delivery.LocalFiles.deleteTree(partial);
            }
        }
    }

    private static void writeFiles(
            InventorySnapshot s, Path dir, String account, String region, Map<String, String> errors)
            throws IOException {
        Files.createDirectories(dir);
        ObjectNode meta = JSON.createObjectNode();
        if (s.takenAt() != null) {
            meta.put("takenAt", s.takenAt().toString());
        }
        putIfSet(meta, "account", account);
        putIfSet(meta, "region", region);
        meta.put("complete", s.complete());
        ArrayNode failed = meta.putArray("failedCalls");
        s.failedCalls().forEach(failed::add);
        if (!errors.isEmpty()) {
            ObjectNode e = meta.putObject("errors");
            new TreeMap<>(errors).forEach(e::put);
        }
        writeJson(dir, META, meta);

        ObjectNode enis = JSON.createObjectNode();
        ArrayNode enisArr = enis.putArray("NetworkInterfaces");
        for (NetworkInterface n : s.interfaces()) {
            ObjectNode o = enisArr.addObject();
            o.put("NetworkInterfaceId", n.id());
            o.put("InterfaceType", n.interfaceType());
            o.put("Description", n.description());
            putIfSet(o, "RequesterId", n.requesterId());
            o.put("RequesterManaged", n.requesterManaged());
            putIfSet(o, "OwnerId", n.ownerId());
            if (n.instanceId() != null || n.instanceOwnerId() != null) {
                ObjectNode att = o.putObject("Attachment");
                putIfSet(att, "InstanceId", n.instanceId());
                putIfSet(att, "InstanceOwnerId", n.instanceOwnerId());
            }
            putIfSet(o, "SubnetId", n.subnetId());
            putIfSet(o, "VpcId", n.vpcId());
            putIfSet(o, "AvailabilityZone", n.availabilityZone());
            putIfSet(o, "Status", n.status());
            ArrayNode groups = o.putArray("Groups");
            n.securityGroupIds().forEach(g -> groups.addObject().put("GroupId", g));
            if (n.primaryIpv4() != null) {
                o.put("PrivateIpAddress", n.primaryIpv4().toString());
            }
            ArrayNode ips = o.putArray("PrivateIpAddresses");
            for (int i = 0; i < n.privateIpv4().size(); i++) {
                ips.addObject()
                        .put("PrivateIpAddress", n.privateIpv4().get(i).toString())
                        .put("Primary", i == 0);
            }
            ArrayNode v6 = o.putArray("Ipv6Addresses");
            n.ipv6().forEach(a -> v6.addObject().put("Ipv6Address", a.toString()));
            if (n.publicIp() != null) {
                o.putObject("Association").put("PublicIp", n.publicIp().toString());
            }
            putTags(o, "TagSet", n.tags());
            if (n.operator() != null) {
                o.putObject("Operator").put("Managed", true).put("Principal", n.operator());
            }
        }
        writeJson(dir, INTERFACES, enis);

        ObjectNode sgs = JSON.createObjectNode();
        ArrayNode sgArr = sgs.putArray("SecurityGroups");
        ObjectNode sgRules = JSON.createObjectNode();
        ArrayNode ruleArr = sgRules.putArray("SecurityGroupRules");
        for (SecurityGroup g : s.securityGroups()) {
            ObjectNode o = sgArr.addObject();
            o.put("GroupId", g.id());
            putIfSet(o, "GroupName", g.name());
            putIfSet(o, "Description", g.description());
            putIfSet(o, "VpcId", g.vpcId());
            putIfSet(o, "OwnerId", g.ownerId());
            ArrayNode in = o.putArray("IpPermissions");
            ArrayNode out = o.putArray("IpPermissionsEgress");
            for (SecurityGroupRule r : g.rules()) {
                ObjectNode p = (r.egress() ? out : in).addObject();
                p.put("IpProtocol", r.protocol());
                if (r.fromPort() != -1 || r.toPort() != -1) {
                    p.put("FromPort", r.fromPort()).put("ToPort", r.toPort());
                }
                if (r.cidrIpv4() != null) {
                    putIfSet(
                            p.putArray("IpRanges").addObject().put("CidrIp", r.cidrIpv4()),
                            "Description",
                            r.description());
                } else if (r.cidrIpv6() != null) {
                    putIfSet(
                            p.putArray("Ipv6Ranges").addObject().put("CidrIpv6", r.cidrIpv6()),
                            "Description",
                            r.description());
                } else if (r.prefixListId() != null) {
                    putIfSet(
                            p.putArray("PrefixListIds").addObject().put("PrefixListId", r.prefixListId()),
                            "Description",
                            r.description());
                } else if (r.referencedGroupId() != null) {
                    putIfSet(
                            p.putArray("UserIdGroupPairs").addObject().put("GroupId", r.referencedGroupId()),
                            "Description",
                            r.description());
                }
                if (r.ruleId() != null) {
                    ObjectNode x = ruleArr.addObject();
                    x.put("SecurityGroupRuleId", r.ruleId());
                    x.put("GroupId", r.groupId());
                    x.put("IsEgress", r.egress());
                    x.put("IpProtocol", r.protocol());
                    x.put("FromPort", r.fromPort());
                    x.put("ToPort", r.toPort());
                    putIfSet(x, "CidrIpv4", r.cidrIpv4());
                    putIfSet(x, "CidrIpv6", r.cidrIpv6());
                    putIfSet(x, "PrefixListId", r.prefixListId());
                    if (r.referencedGroupId() != null) {
                        x.putObject("ReferencedGroupInfo").put("GroupId", r.referencedGroupId());
                    }
                    putIfSet(x, "Description", r.description());
                }
            }
            putTags(o, "Tags", g.tags());
        }
        writeJson(dir, SECURITY_GROUPS, sgs);
        writeJson(dir, SECURITY_GROUP_RULES, sgRules);

        ObjectNode acls = JSON.createObjectNode();
        ArrayNode aclArr = acls.putArray("NetworkAcls");
        for (NetworkAcl a : s.networkAcls()) {
            ObjectNode o = aclArr.addObject();
            o.put("NetworkAclId", a.id());
            putIfSet(o, "VpcId", a.vpcId());
            o.put("IsDefault", a.isDefault());
            ArrayNode entries = o.putArray("Entries");
            for (NetworkAclEntry e : a.entries()) {
                ObjectNode x = entries.addObject();
                x.put("RuleNumber", e.ruleNumber());
                x.put("Protocol", e.protocol());
                x.put("RuleAction", e.allow() ? "allow" : "deny");
                x.put("Egress", e.egress());
                putIfSet(x, "CidrBlock", e.cidrIpv4());
                putIfSet(x, "Ipv6CidrBlock", e.cidrIpv6());
                if (e.fromPort() != -1 || e.toPort() != -1) {
                    x.putObject("PortRange").put("From", e.fromPort()).put("To", e.toPort());
                }
                if (e.icmpType() != -1 || e.icmpCode() != -1) {
                    x.putObject("IcmpTypeCode").put("Type", e.icmpType()).put("Code", e.icmpCode());
                }
            }
            ArrayNode assoc = o.putArray("Associations");
            a.subnetIds().forEach(sn -> assoc.addObject().put("SubnetId", sn));
        }
        writeJson(dir, NETWORK_ACLS, acls);

        ObjectNode subnets = JSON.createObjectNode();
        ArrayNode subnetArr = subnets.putArray("Subnets");
        for (Subnet sn : s.subnets()) {
            ObjectNode o = subnetArr.addObject();
            o.put("SubnetId", sn.id());
            putIfSet(o, "VpcId", sn.vpcId());
            putIfSet(o, "CidrBlock", sn.cidrIpv4());
            ArrayNode v6 = o.putArray("Ipv6CidrBlockAssociationSet");
            sn.cidrIpv6().forEach(c -> v6.addObject().put("Ipv6CidrBlock", c));
            putIfSet(o, "AvailabilityZone", sn.availabilityZone());
            putIfSet(o, "AvailabilityZoneId", sn.availabilityZoneId());
            putIfSet(o, "OwnerId", sn.ownerId());
            putTags(o, "Tags", sn.tags());
        }
        writeJson(dir, SUBNETS, subnets);

        ObjectNode vpcs = JSON.createObjectNode();
        ArrayNode vpcArr = vpcs.putArray("Vpcs");
        for (Vpc v : s.vpcs()) {
            ObjectNode o = vpcArr.addObject();
            o.put("VpcId", v.id());
            if (!v.cidrIpv4().isEmpty()) {
                o.put("CidrBlock", v.cidrIpv4().get(0));
            }
            ArrayNode v4 = o.putArray("CidrBlockAssociationSet");
            v.cidrIpv4().forEach(c -> v4.addObject().put("CidrBlock", c));
            ArrayNode v6 = o.putArray("Ipv6CidrBlockAssociationSet");
            v.cidrIpv6().forEach(c -> v6.addObject().put("Ipv6CidrBlock", c));
            putIfSet(o, "OwnerId", v.ownerId());
            o.put("IsDefault", v.isDefault());
            putTags(o, "Tags", v.tags());
        }
        writeJson(dir, VPCS, vpcs);

        ObjectNode pls = JSON.createObjectNode();
        ArrayNode plArr = pls.putArray("PrefixLists");
        for (PrefixList p : s.prefixLists()) {
            ObjectNode o = plArr.addObject();
            o.put("PrefixListId", p.id());
            putIfSet(o, "PrefixListName", p.name());
            putIfSet(o, "AddressFamily", p.addressFamily());
            // The id names a file: only ids of the AWS shape may do that.
            if (!PREFIX_LIST_ID.matcher(p.id()).matches()) {
                throw new InventoryException("refusing to write entries of a prefix list with an unexpected id");
            }
            ObjectNode entries = JSON.createObjectNode();
            ArrayNode entryArr = entries.putArray("Entries");
            p.cidrs().forEach(c -> entryArr.addObject().put("Cidr", c));
            writeJson(dir, "get-managed-prefix-list-entries-" + p.id() + ".json", entries);
        }
        writeJson(dir, PREFIX_LISTS, pls);

        ObjectNode fns = JSON.createObjectNode();
        ArrayNode fnArr = fns.putArray("Functions");
        for (LambdaFunction f : s.functions()) {
            ObjectNode o = fnArr.addObject();
            o.put("FunctionName", f.name());
            putIfSet(o, "FunctionArn", f.arn());
            o.put("Version", f.version());
            if (f.inVpc()) {
                ObjectNode vpc = o.putObject("VpcConfig");
                ArrayNode sn = vpc.putArray("SubnetIds");
                f.subnetIds().forEach(sn::add);
                ArrayNode sg = vpc.putArray("SecurityGroupIds");
                f.securityGroupIds().forEach(sg::add);
                putIfSet(vpc, "VpcId", f.vpcId());
            }
        }
        writeJson(dir, FUNCTIONS, fns);

        ObjectNode peerings = JSON.createObjectNode();
        ArrayNode peeringArr = peerings.putArray("VpcPeeringConnections");
        for (VpcPeering p : s.peerings()) {
            ObjectNode o = peeringArr.addObject();
            o.put("VpcPeeringConnectionId", p.id());
            putIfSet(o.putObject("RequesterVpcInfo"), "VpcId", p.requesterVpcId());
            putIfSet(o.putObject("AccepterVpcInfo"), "VpcId", p.accepterVpcId());
            putIfSet(o.putObject("Status"), "Code", p.status());
        }
        writeJson(dir, PEERINGS, peerings);

        ObjectNode attachments = JSON.createObjectNode();
        ArrayNode attachmentArr = attachments.putArray("TransitGatewayVpcAttachments");
        for (TransitGatewayAttachment a : s.transitGatewayAttachments()) {
            ObjectNode o = attachmentArr.addObject();
            o.put("TransitGatewayAttachmentId", a.id());
            putIfSet(o, "TransitGatewayId", a.transitGatewayId());
            putIfSet(o, "VpcId", a.vpcId());
            putIfSet(o, "State", a.state());
        }
        writeJson(dir, TRANSIT_GATEWAY_ATTACHMENTS, attachments);
    }

    private static void writeJson(Path dir, String name, JsonNode node) throws IOException {
        JSON.writeValue(dir.resolve(name).toFile(), node);
    }

    private static ObjectNode putIfSet(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
        return o;
    }

    private static void putTags(ObjectNode o, String key, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        ArrayNode arr = o.putArray(key);
        new TreeMap<>(tags).forEach((k, v) -> arr.addObject().put("Key", k).put("Value", v));
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Map<String, String> tags(JsonNode arr) {
        Map<String, String> m = new LinkedHashMap<>();
        arr.forEach(t -> {
            String k = text(t, "Key");
            if (k != null) {
                m.put(k, t.path("Value").asText(""));
            }
        });
        return m;
    }
}
