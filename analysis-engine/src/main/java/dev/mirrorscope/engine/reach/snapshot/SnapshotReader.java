package dev.mirrorscope.engine.reach.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirrorscope.engine.reach.model.AclEntry;
import dev.mirrorscope.engine.reach.model.Cidr;
import dev.mirrorscope.engine.reach.model.Instance;
import dev.mirrorscope.engine.reach.model.InternetGateway;
import dev.mirrorscope.engine.reach.model.Ip;
import dev.mirrorscope.engine.reach.model.NatGateway;
import dev.mirrorscope.engine.reach.model.NetworkAcl;
import dev.mirrorscope.engine.reach.model.NetworkInterface;
import dev.mirrorscope.engine.reach.model.PeeringConnection;
import dev.mirrorscope.engine.reach.model.PrefixList;
import dev.mirrorscope.engine.reach.model.PrivateAddress;
import dev.mirrorscope.engine.reach.model.Route;
import dev.mirrorscope.engine.reach.model.RouteTable;
import dev.mirrorscope.engine.reach.model.SecurityGroup;
import dev.mirrorscope.engine.reach.model.SgRule;
import dev.mirrorscope.engine.reach.model.Snapshot;
import dev.mirrorscope.engine.reach.model.Subnet;
import dev.mirrorscope.engine.reach.model.TgwAttachment;
import dev.mirrorscope.engine.reach.model.TgwRoute;
import dev.mirrorscope.engine.reach.model.TgwRouteTable;
import dev.mirrorscope.engine.reach.model.TransitGateway;
import dev.mirrorscope.engine.reach.model.Vpc;
import dev.mirrorscope.engine.reach.model.VpcEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a snapshot directory: AWS CLI JSON output, one file per describe call, named after it (see
 * {@link SnapshotFiles}). A missing file means none of that kind. Malformed JSON, a field of the wrong type
 * and an unparseable address fail with the file and JSON path; references to resources the snapshot lacks
 * are kept (the analyzer reports them as UNKNOWN_RESOURCE) and listed as warnings.
 */
public final class SnapshotReader {
    /** More dangling-reference warnings than this are summarised, not listed. */
    private static final int MAX_LISTED_WARNINGS = 50;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Path dir;
    private final List<String> warnings = new ArrayList<>();

    private SnapshotReader(Path dir) {
        this.dir = dir;
    }

    public static Snapshot read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a snapshot directory");
        }
        return new SnapshotReader(dir).load();
    }

    private Snapshot load() throws IOException {
        boolean any = false;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                boolean known = SnapshotFiles.DESCRIBE.contains(n) || n.startsWith(SnapshotFiles.PREFIX_LIST_ENTRIES_PREFIX)
                        || n.startsWith(SnapshotFiles.TGW_ROUTES_PREFIX) || n.equals(SnapshotFiles.AWS_PREFIX_LISTS)
                        || n.equals(SnapshotFiles.TGW_VPC_ATTACHMENTS);
                any |= known;
                if (!known && n.endsWith(".json")) {
                    warnings.add(n + ": not a file of a snapshot, ignored");
                }
            }
        }
        if (!any) {
            throw new IOException(dir + ": no describe-*.json files; a snapshot directory holds AWS CLI output such as "
                    + SnapshotFiles.VPCS + " (see `mirrorscope snapshot capture`)");
        }
        List<Vpc> vpcs = list(SnapshotFiles.VPCS, "Vpcs", this::vpc);
        List<Subnet> subnets = list(SnapshotFiles.SUBNETS, "Subnets", this::subnet);
        List<RouteTable> routeTables = list(SnapshotFiles.ROUTE_TABLES, "RouteTables", this::routeTable);
        List<SecurityGroup> groups = list(SnapshotFiles.SECURITY_GROUPS, "SecurityGroups", this::securityGroup);
        List<NetworkAcl> acls = list(SnapshotFiles.NETWORK_ACLS, "NetworkAcls", this::networkAcl);
        List<NetworkInterface> enis = list(SnapshotFiles.NETWORK_INTERFACES, "NetworkInterfaces", this::eni);
        List<Instance> instances = new ArrayList<>();
        Map<String, NetworkInterface> eniById = new LinkedHashMap<>();
        enis.forEach(e -> eniById.put(e.id(), e));
        for (JsonField r : top(SnapshotFiles.INSTANCES, "Reservations")) {
            for (JsonField i : r.array("Instances")) {
                instances.add(instance(i, eniById));
            }
        }
        List<InternetGateway> igws = list(SnapshotFiles.INTERNET_GATEWAYS, "InternetGateways", this::igw);
        List<NatGateway> nats = list(SnapshotFiles.NAT_GATEWAYS, "NatGateways", this::nat);
        List<PeeringConnection> peerings = list(SnapshotFiles.PEERING_CONNECTIONS, "VpcPeeringConnections",
                this::peering);
        List<TransitGateway> tgws = list(SnapshotFiles.TRANSIT_GATEWAYS, "TransitGateways", this::tgw);
        List<TgwAttachment> attachments = list(SnapshotFiles.TGW_ATTACHMENTS, "TransitGatewayAttachments",
                this::attachment);
        List<TgwRouteTable> tgwRtbs = list(SnapshotFiles.TGW_ROUTE_TABLES, "TransitGatewayRouteTables",
                this::tgwRouteTable);
        List<VpcEndpoint> endpoints = list(SnapshotFiles.VPC_ENDPOINTS, "VpcEndpoints", this::endpoint);
        Map<String, PrefixList> prefixLists = prefixLists();
        Map<String, List<TgwRoute>> tgwRoutes = tgwRoutes();
        Map<String, List<String>> attSubnets = new HashMap<>();
        for (JsonField a : top(SnapshotFiles.TGW_VPC_ATTACHMENTS, "TransitGatewayVpcAttachments")) {
            attSubnets.put(a.requiredString("TransitGatewayAttachmentId"), a.strings("SubnetIds"));
        }
        List<String> all = new ArrayList<>(warnings);
        Snapshot snap = new Snapshot(vpcs, subnets, routeTables, groups, acls, eniById.values(), instances, igws,
                nats, peerings, tgws, attachments, tgwRtbs, endpoints, prefixLists.values(), tgwRoutes, attSubnets,
                all);
        all.addAll(danglingReferences(snap)); // the snapshot shows this list, so the additions count
        return snap;
    }

    @FunctionalInterface
    private interface Parse<T> {
        T apply(JsonField f) throws SnapshotFormatException;
    }

    private <T> List<T> list(String file, String key, Parse<T> parse) throws IOException {
        List<T> out = new ArrayList<>();
        for (JsonField f : top(file, key)) {
            out.add(parse.apply(f));
        }
        return out;
    }

    /** The elements of the file's top-level list; none when the file is missing. */
    private List<JsonField> top(String file, String key) throws IOException {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            return List.of();
        }
        JsonField root = new JsonField(file, "$", parse(p, file));
        if (!root.has(key)) {
            warnings.add(file + ": no " + key + " list, read as none");
        }
        return root.array(key);
    }

    private JsonNode parse(Path p, String file) throws IOException {
        try (InputStream in = Files.newInputStream(p); JsonParser parser = mapper.createParser(in)) {
            try {
                JsonNode n = mapper.readTree(parser);
                if (n == null || !n.isObject()) {
                    throw new SnapshotFormatException(file, "$", "expected a JSON object as the AWS CLI prints it, found "
                            + (n == null ? "nothing" : n.getNodeType().toString().toLowerCase(Locale.ROOT)));
                }
                if (parser.nextToken() != null) {
                    throw new SnapshotFormatException(file, "$", "unexpected content after the JSON object at line "
                            + parser.currentLocation().getLineNr());
                }
                return n;
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null ? ""
                        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
                throw new SnapshotFormatException(file, pathOf(parser.getParsingContext()),
                        "malformed JSON" + where + ": " + e.getOriginalMessage());
            }
        }
    }

    private static String pathOf(JsonStreamContext ctx) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.inObject() && c.getCurrentName() != null) {
                parts.add("." + c.getCurrentName());
            }
        }
        StringBuilder sb = new StringBuilder("$");
        for (int i = parts.size() - 1; i >= 0; i--) {
            sb.append(parts.get(i));
        }
        return sb.toString();
    }

    private Vpc vpc(JsonField f) throws SnapshotFormatException {
        List<Cidr> cidrs = new ArrayList<>();
        for (JsonField a : f.array("CidrBlockAssociationSet")) {
            if (usable(a.object("CidrBlockState"))) {
                add(cidrs, a.cidr("CidrBlock"));
            }
        }
        if (cidrs.isEmpty()) {
            add(cidrs, f.cidr("CidrBlock"));
        }
        List<Cidr> v6 = new ArrayList<>();
        for (JsonField a : f.array("Ipv6CidrBlockAssociationSet")) {
            if (usable(a.object("Ipv6CidrBlockState"))) {
                add(v6, a.cidr("Ipv6CidrBlock"));
            }
        }
        return new Vpc(f.requiredString("VpcId"), f.string("OwnerId"), f.string("State"), List.copyOf(cidrs),
                List.copyOf(v6), f.bool("IsDefault", false), f.tags());
    }

    private static boolean usable(JsonField state) throws SnapshotFormatException {
        String s = state == null ? null : state.string("State");
        return s == null || s.equals("associated") || s.equals("associating");
    }

    private static <T> void add(List<T> list, T v) {
        if (v != null && !list.contains(v)) {
            list.add(v);
        }
    }

    private Subnet subnet(JsonField f) throws SnapshotFormatException {
        List<Cidr> v6 = new ArrayList<>();
        for (JsonField a : f.array("Ipv6CidrBlockAssociationSet")) {
            if (usable(a.object("Ipv6CidrBlockState"))) {
                add(v6, a.cidr("Ipv6CidrBlock"));
            }
        }
        return new Subnet(f.requiredString("SubnetId"), f.requiredString("VpcId"), f.cidr("CidrBlock"), List.copyOf(v6),
                f.string("AvailabilityZone"), f.bool("MapPublicIpOnLaunch", false), f.tags());
    }

    private RouteTable routeTable(JsonField f) throws SnapshotFormatException {
        boolean main = false;
        List<String> subnets = new ArrayList<>();
        List<String> gateways = new ArrayList<>();
        for (JsonField a : f.array("Associations")) {
            JsonField st = a.object("AssociationState");
            String state = st == null ? null : st.string("State");
            if (state != null && !state.equals("associated") && !state.equals("associating")) {
                continue;
            }
            main |= a.bool("Main", false);
            String subnet = a.string("SubnetId");
            if (subnet != null) {
                subnets.add(subnet);
            }
            String gw = a.string("GatewayId");
            if (gw != null) {
                gateways.add(gw);
            }
        }
        List<Route> routes = new ArrayList<>();
        for (JsonField r : f.array("Routes")) {
            routes.add(route(r));
        }
        return new RouteTable(f.requiredString("RouteTableId"), f.requiredString("VpcId"), main, List.copyOf(subnets),
                List.copyOf(gateways), List.copyOf(routes), f.tags());
    }

    private Route route(JsonField r) throws SnapshotFormatException {
        Cidr dest = r.cidr("DestinationCidrBlock");
        if (dest == null) {
            dest = r.cidr("DestinationIpv6CidrBlock");
        }
        String pl = r.string("DestinationPrefixListId");
        if (dest == null && pl == null) {
            throw r.error("route without DestinationCidrBlock, DestinationIpv6CidrBlock or DestinationPrefixListId");
        }
        Route.Target target = Route.Target.UNKNOWN;
        String targetId = null;
        String gw = r.string("GatewayId");
        if (r.string("NetworkInterfaceId") != null) {
            target = Route.Target.NETWORK_INTERFACE;
            targetId = r.string("NetworkInterfaceId");
        } else if (r.string("InstanceId") != null) {
            target = Route.Target.INSTANCE;
            targetId = r.string("InstanceId");
        } else if (r.string("NatGatewayId") != null) {
            target = Route.Target.NAT_GATEWAY;
            targetId = r.string("NatGatewayId");
        } else if (r.string("VpcPeeringConnectionId") != null) {
            target = Route.Target.VPC_PEERING_CONNECTION;
            targetId = r.string("VpcPeeringConnectionId");
        } else if (r.string("TransitGatewayId") != null) {
            target = Route.Target.TRANSIT_GATEWAY;
            targetId = r.string("TransitGatewayId");
        } else if (r.string("EgressOnlyInternetGatewayId") != null) {
            target = Route.Target.EGRESS_ONLY_INTERNET_GATEWAY;
            targetId = r.string("EgressOnlyInternetGatewayId");
        } else if (r.string("LocalGatewayId") != null) {
            target = Route.Target.LOCAL_GATEWAY;
            targetId = r.string("LocalGatewayId");
        } else if (r.string("CarrierGatewayId") != null) {
            target = Route.Target.CARRIER_GATEWAY;
            targetId = r.string("CarrierGatewayId");
        } else if (r.string("CoreNetworkArn") != null) {
            target = Route.Target.CORE_NETWORK;
            targetId = r.string("CoreNetworkArn");
        } else if (r.string("VpcEndpointId") != null) {
            target = Route.Target.VPC_ENDPOINT;
            targetId = r.string("VpcEndpointId");
        } else if (gw != null) {
            targetId = gw;
            if (gw.equals("local")) {
                target = Route.Target.LOCAL;
            } else if (gw.startsWith("igw-")) {
                target = Route.Target.INTERNET_GATEWAY;
            } else if (gw.startsWith("vgw-")) {
                target = Route.Target.VIRTUAL_PRIVATE_GATEWAY;
            } else if (gw.startsWith("vpce-")) {
                target = Route.Target.VPC_ENDPOINT;
            } else if (gw.startsWith("eigw-")) {
                target = Route.Target.EGRESS_ONLY_INTERNET_GATEWAY;
            }
        }
        String state = r.string("State");
        return new Route(dest, pl, target, targetId, state == null ? "active" : state, r.string("Origin"));
    }

    private SecurityGroup securityGroup(JsonField f) throws SnapshotFormatException {
        String id = f.requiredString("GroupId");
        return new SecurityGroup(id, f.string("GroupName"), f.string("VpcId"), f.string("OwnerId"),
                sgRules(id, f.array("IpPermissions"), false), sgRules(id, f.array("IpPermissionsEgress"), true),
                f.tags());
    }

    private List<SgRule> sgRules(String groupId, List<JsonField> permissions, boolean egress)
            throws SnapshotFormatException {
        List<SgRule> out = new ArrayList<>();
        for (int i = 0; i < permissions.size(); i++) {
            JsonField p = permissions.get(i);
            String protoText = p.text("IpProtocol");
            if (protoText == null) {
                throw new SnapshotFormatException(fileOf(p), p.path() + ".IpProtocol", "missing");
            }
            int proto = protocol(protoText, p, "IpProtocol");
            int from = p.integer("FromPort", -1);
            int to = p.integer("ToPort", -1);
            for (JsonField r : p.array("IpRanges")) {
                out.add(new SgRule(groupId, egress, i, proto, from, to, r.cidr("CidrIp"), null, null, null,
                        r.string("Description")));
            }
            for (JsonField r : p.array("Ipv6Ranges")) {
                out.add(new SgRule(groupId, egress, i, proto, from, to, r.cidr("CidrIpv6"), null, null, null,
                        r.string("Description")));
            }
            for (JsonField r : p.array("PrefixListIds")) {
                out.add(new SgRule(groupId, egress, i, proto, from, to, null, r.requiredString("PrefixListId"), null,
                        null, r.string("Description")));
            }
            for (JsonField r : p.array("UserIdGroupPairs")) {
                out.add(new SgRule(groupId, egress, i, proto, from, to, null, null, r.requiredString("GroupId"),
                        r.string("VpcPeeringConnectionId"), r.string("Description")));
            }
        }
        return List.copyOf(out);
    }

    private static String fileOf(JsonField f) {
        return f.file();
    }

    /** IANA number from a protocol as security groups and NACLs write it; -1 for all. */
    static int protocol(String text, JsonField where, String field) throws SnapshotFormatException {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "-1", "all":
                return -1;
            case "tcp":
                return 6;
            case "udp":
                return 17;
            case "icmp":
                return 1;
            case "icmpv6":
                return 58;
            default:
                try {
                    int n = Integer.parseInt(text);
                    if (n >= -1 && n <= 255) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new SnapshotFormatException(fileOf(where), where.path() + "." + field,
                        "'" + text + "' is not a protocol (tcp, udp, icmp, icmpv6, -1 or a number 0-255)");
        }
    }

    private NetworkAcl networkAcl(JsonField f) throws SnapshotFormatException {
        List<String> subnets = new ArrayList<>();
        for (JsonField a : f.array("Associations")) {
            String s = a.string("SubnetId");
            if (s != null) {
                subnets.add(s);
            }
        }
        List<AclEntry> in = new ArrayList<>();
        List<AclEntry> out = new ArrayList<>();
        for (JsonField e : f.array("Entries")) {
            Integer number = e.integer("RuleNumber");
            if (number == null) {
                throw new SnapshotFormatException(fileOf(e), e.path() + ".RuleNumber", "missing");
            }
            String protoText = e.text("Protocol");
            int proto = protoText == null ? -1 : protocol(protoText, e, "Protocol");
            String action = e.string("RuleAction");
            if (action == null || !(action.equals("allow") || action.equals("deny"))) {
                throw new SnapshotFormatException(fileOf(e), e.path() + ".RuleAction",
                        action == null ? "missing" : "'" + action + "' is neither allow nor deny");
            }
            Cidr cidr = e.cidr("CidrBlock");
            if (cidr == null) {
                cidr = e.cidr("Ipv6CidrBlock");
            }
            if (cidr == null) {
                throw e.error("entry without CidrBlock or Ipv6CidrBlock");
            }
            int from = 0;
            int to = 65535;
            JsonField range = e.object("PortRange");
            if (range != null) {
                from = range.integer("From", 0);
                to = range.integer("To", 65535);
            }
            int type = -1;
            int code = -1;
            JsonField icmp = e.object("IcmpTypeCode");
            if (icmp != null) {
                type = icmp.integer("Type", -1);
                code = icmp.integer("Code", -1);
            }
            boolean egress = e.bool("Egress", false);
            (egress ? out : in).add(new AclEntry(number, egress, proto, action.equals("allow"), cidr, from, to, type,
                    code));
        }
        in.sort(Comparator.comparingInt(AclEntry::ruleNumber));
        out.sort(Comparator.comparingInt(AclEntry::ruleNumber));
        return new NetworkAcl(f.requiredString("NetworkAclId"), f.requiredString("VpcId"), f.bool("IsDefault", false),
                List.copyOf(subnets), List.copyOf(in), List.copyOf(out), f.tags());
    }

    private NetworkInterface eni(JsonField f) throws SnapshotFormatException {
        List<PrivateAddress> addrs = privateAddresses(f);
        List<Ip> v6 = new ArrayList<>();
        for (JsonField a : f.array("Ipv6Addresses")) {
            Ip ip = a.ip("Ipv6Address");
            if (ip != null) {
                v6.add(ip);
            }
        }
        List<String> groups = new ArrayList<>();
        for (JsonField g : f.array("Groups")) {
            groups.add(g.requiredString("GroupId"));
        }
        JsonField att = f.object("Attachment");
        String type = f.string("InterfaceType");
        return new NetworkInterface(f.requiredString("NetworkInterfaceId"), normaliseType(type), f.string("Status"),
                f.requiredString("VpcId"), f.requiredString("SubnetId"), f.string("AvailabilityZone"),
                f.string("Description"), f.bool("SourceDestCheck", true), f.bool("RequesterManaged", false),
                List.copyOf(addrs), List.copyOf(v6), List.copyOf(groups), att == null ? null : att.string("InstanceId"),
                att == null ? null : att.integer("DeviceIndex"), att == null ? null : att.string("Status"), f.tags());
    }

    /** The API spells NAT gateway interfaces natGateway, some outputs nat_gateway. */
    private static String normaliseType(String type) {
        if (type == null) {
            return "interface";
        }
        return switch (type) {
            case "natGateway" -> "nat_gateway";
            case "vpc_endpoint", "vpcEndpoint" -> "vpc_endpoint";
            default -> type;
        };
    }

    private static List<PrivateAddress> privateAddresses(JsonField f) throws SnapshotFormatException {
        List<PrivateAddress> addrs = new ArrayList<>();
        for (JsonField a : f.array("PrivateIpAddresses")) {
            Ip ip = a.ip("PrivateIpAddress");
            if (ip == null) {
                continue;
            }
            JsonField assoc = a.object("Association");
            addrs.add(new PrivateAddress(ip, a.bool("Primary", addrs.isEmpty()), assoc == null ? null : assoc.ip("PublicIp")));
        }
        Ip primary = f.ip("PrivateIpAddress");
        JsonField assoc = f.object("Association");
        Ip publicIp = assoc == null ? null : assoc.ip("PublicIp");
        if (addrs.isEmpty() && primary != null) {
            addrs.add(new PrivateAddress(primary, true, publicIp));
        } else if (publicIp != null) {
            for (int i = 0; i < addrs.size(); i++) {
                PrivateAddress a = addrs.get(i);
                if (a.primary() && a.publicIp() == null) {
                    addrs.set(i, new PrivateAddress(a.ip(), true, publicIp));
                }
            }
        }
        return addrs;
    }

    /** An instance; its interfaces missing from describe-network-interfaces are made from its own listing. */
    private Instance instance(JsonField f, Map<String, NetworkInterface> enis) throws SnapshotFormatException {
        String id = f.requiredString("InstanceId");
        JsonField st = f.object("State");
        List<String> eniIds = new ArrayList<>();
        List<JsonField> nis = new ArrayList<>(f.array("NetworkInterfaces"));
        nis.sort(Comparator.comparingInt(n -> {
            try {
                JsonField a = n.object("Attachment");
                return a == null ? Integer.MAX_VALUE : a.integer("DeviceIndex", Integer.MAX_VALUE);
            } catch (SnapshotFormatException e) {
                return Integer.MAX_VALUE;
            }
        }));
        for (JsonField ni : nis) {
            String eniId = ni.requiredString("NetworkInterfaceId");
            eniIds.add(eniId);
            if (!enis.containsKey(eniId)) {
                List<String> groups = new ArrayList<>();
                for (JsonField g : ni.array("Groups")) {
                    groups.add(g.requiredString("GroupId"));
                }
                List<Ip> v6 = new ArrayList<>();
                for (JsonField a : ni.array("Ipv6Addresses")) {
                    Ip ip = a.ip("Ipv6Address");
                    if (ip != null) {
                        v6.add(ip);
                    }
                }
                JsonField att = ni.object("Attachment");
                String vpc = ni.string("VpcId") != null ? ni.string("VpcId") : f.string("VpcId");
                String subnet = ni.string("SubnetId") != null ? ni.string("SubnetId") : f.string("SubnetId");
                if (vpc == null || subnet == null) {
                    throw ni.error("network interface without VpcId or SubnetId");
                }
                JsonField placement = f.object("Placement");
                enis.put(eniId, new NetworkInterface(eniId, normaliseType(ni.string("InterfaceType")),
                        ni.string("Status"), vpc, subnet, placement == null ? null : placement.string("AvailabilityZone"),
                        ni.string("Description"), ni.bool("SourceDestCheck", f.bool("SourceDestCheck", true)), false,
                        List.copyOf(privateAddresses(ni)), List.copyOf(v6), List.copyOf(groups), id,
                        att == null ? null : att.integer("DeviceIndex"),
                        att == null ? "attached" : att.string("Status"), Map.of()));
            }
        }
        return new Instance(id, st == null ? null : st.string("Name"), f.string("VpcId"), f.string("SubnetId"),
                List.copyOf(eniIds), f.tags());
    }

    private InternetGateway igw(JsonField f) throws SnapshotFormatException {
        List<InternetGateway.Attachment> atts = new ArrayList<>();
        for (JsonField a : f.array("Attachments")) {
            atts.add(new InternetGateway.Attachment(a.requiredString("VpcId"), a.string("State")));
        }
        return new InternetGateway(f.requiredString("InternetGatewayId"), List.copyOf(atts), f.tags());
    }

    private NatGateway nat(JsonField f) throws SnapshotFormatException {
        List<NatGateway.Address> addrs = new ArrayList<>();
        for (JsonField a : f.array("NatGatewayAddresses")) {
            addrs.add(new NatGateway.Address(a.string("NetworkInterfaceId"), a.ip("PrivateIp"), a.ip("PublicIp"),
                    a.bool("IsPrimary", addrs.isEmpty())));
        }
        String type = f.string("ConnectivityType");
        return new NatGateway(f.requiredString("NatGatewayId"), f.requiredString("VpcId"), f.requiredString("SubnetId"),
                f.string("State"), type == null ? "public" : type, List.copyOf(addrs), f.tags());
    }

    private PeeringConnection peering(JsonField f) throws SnapshotFormatException {
        JsonField status = f.object("Status");
        JsonField req = f.object("RequesterVpcInfo");
        JsonField acc = f.object("AccepterVpcInfo");
        if (req == null || acc == null) {
            throw f.error("peering connection without RequesterVpcInfo or AccepterVpcInfo");
        }
        return new PeeringConnection(f.requiredString("VpcPeeringConnectionId"),
                status == null ? null : status.string("Code"), side(req), side(acc), f.tags());
    }

    private static PeeringConnection.Side side(JsonField f) throws SnapshotFormatException {
        List<Cidr> cidrs = new ArrayList<>();
        for (JsonField c : f.array("CidrBlockSet")) {
            add(cidrs, c.cidr("CidrBlock"));
        }
        if (cidrs.isEmpty()) {
            add(cidrs, f.cidr("CidrBlock"));
        }
        List<Cidr> v6 = new ArrayList<>();
        for (JsonField c : f.array("Ipv6CidrBlockSet")) {
            add(v6, c.cidr("Ipv6CidrBlock"));
        }
        return new PeeringConnection.Side(f.requiredString("VpcId"), f.string("OwnerId"), f.string("Region"),
                List.copyOf(cidrs), List.copyOf(v6));
    }

    private TransitGateway tgw(JsonField f) throws SnapshotFormatException {
        JsonField o = f.object("Options");
        boolean assoc = true;
        boolean prop = true;
        String assocRtb = null;
        String propRtb = null;
        boolean sgRef = false;
        if (o != null) {
            assoc = !"disable".equals(o.string("DefaultRouteTableAssociation"));
            prop = !"disable".equals(o.string("DefaultRouteTablePropagation"));
            assocRtb = o.string("AssociationDefaultRouteTableId");
            propRtb = o.string("PropagationDefaultRouteTableId");
            sgRef = "enable".equals(o.string("SecurityGroupReferencingSupport"));
        }
        return new TransitGateway(f.requiredString("TransitGatewayId"), f.string("State"), f.string("OwnerId"), assoc,
                prop, assocRtb, propRtb, sgRef, f.tags());
    }

    private TgwAttachment attachment(JsonField f) throws SnapshotFormatException {
        JsonField a = f.object("Association");
        String rtb = null;
        if (a != null) {
            String st = a.string("State");
            if (st == null || st.equals("associated") || st.equals("associating")) {
                rtb = a.string("TransitGatewayRouteTableId");
            }
        }
        return new TgwAttachment(f.requiredString("TransitGatewayAttachmentId"), f.requiredString("TransitGatewayId"),
                f.string("ResourceType"), f.string("ResourceId"), f.string("State"), rtb, f.tags());
    }

    private TgwRouteTable tgwRouteTable(JsonField f) throws SnapshotFormatException {
        return new TgwRouteTable(f.requiredString("TransitGatewayRouteTableId"), f.requiredString("TransitGatewayId"),
                f.string("State"), f.bool("DefaultAssociationRouteTable", false),
                f.bool("DefaultPropagationRouteTable", false), f.tags());
    }

    private VpcEndpoint endpoint(JsonField f) throws SnapshotFormatException {
        List<String> groups = new ArrayList<>();
        for (JsonField g : f.array("Groups")) {
            String id = g.string("GroupId");
            if (id != null) {
                groups.add(id);
            }
        }
        return new VpcEndpoint(f.requiredString("VpcEndpointId"), f.string("VpcEndpointType"), f.string("VpcId"),
                f.string("ServiceName"), f.string("State"), f.strings("RouteTableIds"), f.strings("SubnetIds"),
                f.strings("NetworkInterfaceIds"), List.copyOf(groups), f.tags());
    }

    private Map<String, PrefixList> prefixLists() throws IOException {
        Map<String, PrefixList> out = new LinkedHashMap<>();
        for (JsonField p : top(SnapshotFiles.MANAGED_PREFIX_LISTS, "PrefixLists")) {
            String id = p.requiredString("PrefixListId");
            out.put(id, new PrefixList(id, p.string("PrefixListName"), p.string("AddressFamily"), null, p.tags()));
        }
        for (JsonField p : top(SnapshotFiles.AWS_PREFIX_LISTS, "PrefixLists")) {
            String id = p.requiredString("PrefixListId");
            List<Cidr> cidrs = new ArrayList<>();
            for (String c : p.strings("Cidrs")) {
                cidrs.add(Cidr.tryParse(c).orElseThrow(() -> p.error("'" + c + "' in Cidrs is not a CIDR block")));
            }
            PrefixList known = out.get(id);
            out.put(id, new PrefixList(id, p.string("PrefixListName") != null ? p.string("PrefixListName")
                    : known == null ? null : known.name(), known == null ? null : known.addressFamily(),
                    List.copyOf(cidrs), known == null ? Map.of() : known.tags()));
        }
        for (String file : filesStartingWith(SnapshotFiles.PREFIX_LIST_ENTRIES_PREFIX)) {
            String id = file.substring(SnapshotFiles.PREFIX_LIST_ENTRIES_PREFIX.length(), file.length() - 5);
            List<Cidr> cidrs = new ArrayList<>();
            for (JsonField e : top(file, "Entries")) {
                Cidr c = e.cidr("Cidr");
                if (c == null) {
                    throw new SnapshotFormatException(file, e.path() + ".Cidr", "missing");
                }
                cidrs.add(c);
            }
            PrefixList known = out.get(id);
            out.put(id, new PrefixList(id, known == null ? null : known.name(),
                    known == null ? null : known.addressFamily(), List.copyOf(cidrs),
                    known == null ? Map.of() : known.tags()));
        }
        return out;
    }

    private Map<String, List<TgwRoute>> tgwRoutes() throws IOException {
        Map<String, List<TgwRoute>> out = new HashMap<>();
        for (String file : filesStartingWith(SnapshotFiles.TGW_ROUTES_PREFIX)) {
            String rtb = file.substring(SnapshotFiles.TGW_ROUTES_PREFIX.length(), file.length() - 5);
            List<TgwRoute> routes = new ArrayList<>();
            for (JsonField r : top(file, "Routes")) {
                Cidr dest = r.cidr("DestinationCidrBlock");
                String pl = r.string("PrefixListId");
                if (dest == null && pl == null) {
                    throw r.error("route without DestinationCidrBlock or PrefixListId");
                }
                List<String> atts = new ArrayList<>();
                for (JsonField a : r.array("TransitGatewayAttachments")) {
                    String id = a.string("TransitGatewayAttachmentId");
                    if (id != null) {
                        atts.add(id);
                    }
                }
                String state = r.string("State");
                routes.add(new TgwRoute(dest, pl, r.string("Type"), state == null ? "active" : state,
                        List.copyOf(atts), false));
            }
            out.put(rtb, List.copyOf(routes));
        }
        return out;
    }

    private List<String> filesStartingWith(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".json")
                    && n.length() > prefix.length() + 5).sorted().toList();
        }
    }

    /** References to resources the snapshot does not hold: reported once here, and by the analyzer if used. */
    private static List<String> danglingReferences(Snapshot s) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NetworkInterface e : s.networkInterfaces().values()) {
            missing(out, seen, e.id(), e.subnetId(), s.subnets().containsKey(e.subnetId()), SnapshotFiles.SUBNETS);
            missing(out, seen, e.id(), e.vpcId(), s.vpcs().containsKey(e.vpcId()), SnapshotFiles.VPCS);
            for (String g : e.groupIds()) {
                missing(out, seen, e.id(), g, s.securityGroups().containsKey(g), SnapshotFiles.SECURITY_GROUPS);
            }
        }
        List<String> noAcl = new ArrayList<>();
        List<String> noRoutes = new ArrayList<>();
        for (Subnet sub : s.subnets().values()) {
            missing(out, seen, sub.id(), sub.vpcId(), s.vpcs().containsKey(sub.vpcId()), SnapshotFiles.VPCS);
            if (s.aclFor(sub) == null) {
                noAcl.add(sub.id());
            }
            if (s.routeTableFor(sub) == null) {
                noRoutes.add(sub.id());
            }
        }
        if (!noAcl.isEmpty()) {
            out.add(noAcl.size() + " subnet(s) have no network ACL in the snapshot (" + String.join(", ",
                    noAcl.subList(0, Math.min(5, noAcl.size()))) + (noAcl.size() > 5 ? ", ..." : "")
                    + "): nothing filters their traffic, as with a default ACL");
        }
        if (!noRoutes.isEmpty()) {
            out.add(noRoutes.size() + " subnet(s) have no route table in the snapshot (" + String.join(", ",
                    noRoutes.subList(0, Math.min(5, noRoutes.size()))) + (noRoutes.size() > 5 ? ", ..." : "")
                    + "): only their VPC's local route applies");
        }
        for (RouteTable rt : s.routeTables().values()) {
            for (Route r : rt.routes()) {
                if (r.prefixListId() != null) {
                    PrefixList pl = s.prefixLists().get(r.prefixListId());
                    missing(out, seen, rt.id(), r.prefixListId(), pl != null && pl.entries() != null,
                            SnapshotFiles.prefixListEntries(r.prefixListId()));
                }
                String t = r.targetId();
                boolean known = switch (r.target()) {
                    case INTERNET_GATEWAY -> s.internetGateways().containsKey(t);
                    case NAT_GATEWAY -> s.natGateways().containsKey(t);
                    case VPC_PEERING_CONNECTION -> s.peeringConnections().containsKey(t);
                    case TRANSIT_GATEWAY -> s.transitGateways().containsKey(t);
                    case NETWORK_INTERFACE -> s.networkInterfaces().containsKey(t);
                    case INSTANCE -> s.instances().containsKey(t);
                    case VPC_ENDPOINT -> s.vpcEndpoints().containsKey(t);
                    default -> true;
                };
                if (!r.isBlackhole()) {
                    missing(out, seen, rt.id(), t, known, "the snapshot");
                }
            }
        }
        for (SecurityGroup g : s.securityGroups().values()) {
            for (List<SgRule> rules : List.of(g.ingress(), g.egress())) {
                for (SgRule r : rules) {
                    if (r.prefixListId() != null) {
                        PrefixList pl = s.prefixLists().get(r.prefixListId());
                        missing(out, seen, g.id(), r.prefixListId(), pl != null && pl.entries() != null,
                                SnapshotFiles.prefixListEntries(r.prefixListId()));
                    }
                }
            }
        }
        if (out.size() > MAX_LISTED_WARNINGS) {
            int more = out.size() - MAX_LISTED_WARNINGS;
            List<String> cut = new ArrayList<>(out.subList(0, MAX_LISTED_WARNINGS));
            cut.add(more + " more references to resources the snapshot lacks");
            return cut;
        }
        return out;
    }

    private static void missing(List<String> out, Set<String> seen, String from, String id, boolean present,
            String where) {
        if (!present && id != null && seen.add(id)) {
            out.add(from + " refers to " + id + ", which " + where + " does not hold (UNKNOWN_RESOURCE where it matters)");
        }
    }
}
