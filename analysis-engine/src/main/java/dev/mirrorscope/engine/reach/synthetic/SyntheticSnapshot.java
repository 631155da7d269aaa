package dev.mirrorscope.engine.reach.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mirrorscope.engine.reach.snapshot.SnapshotFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a synthetic snapshot in the AWS CLI layout, the same for the same size and seed: a landing zone of
 * VPCs (one per 500 interfaces) on a transit gateway, each VPC in three Availability Zones with public, app,
 * data and transit-gateway subnets, an internet gateway, a NAT gateway per zone, an S3 gateway endpoint,
 * custom network ACLs on the data tier, security groups referring to each other, to prefix lists and to CIDRs,
 * neighbouring VPCs peered, and the requested number of interfaces (a fifth of them public, most on instances).
 */
public final class SyntheticSnapshot {
    /** Interfaces per VPC: enough to make the per-VPC indexes work, few enough for many VPCs. */
    static final int INTERFACES_PER_VPC = 500;
    private static final String ACCOUNT = "123456789012";
    private static final String[] AZ = {"us-east-1a", "us-east-1b", "us-east-1c"};
    private static final String S3_LIST = "pl-63a5400a";
    private static final String OFFICE_LIST = "pl-0f0ff1ce000000001";

    private final ObjectMapper json = new ObjectMapper();
    private final SplittableRandom rnd;
    private final int interfaces;
    private long serial;

    private final ArrayNode vpcs = json.createArrayNode();
    private final ArrayNode subnets = json.createArrayNode();
    private final ArrayNode routeTables = json.createArrayNode();
    private final ArrayNode groups = json.createArrayNode();
    private final ArrayNode acls = json.createArrayNode();
    private final ArrayNode enis = json.createArrayNode();
    private final ArrayNode reservations = json.createArrayNode();
    private final ArrayNode igws = json.createArrayNode();
    private final ArrayNode nats = json.createArrayNode();
    private final ArrayNode peerings = json.createArrayNode();
    private final ArrayNode attachments = json.createArrayNode();
    private final ArrayNode endpoints = json.createArrayNode();

    /** What was generated, for the benchmark to pick questions from. */
    public record Summary(int vpcs, int interfaces, List<String> publicInterfaces, List<String> privateInterfaces,
            List<String> internetGateways) {
    }

    private final List<String> publicEnis = new ArrayList<>();
    private final List<String> privateEnis = new ArrayList<>();
    private final List<String> igwIds = new ArrayList<>();

    private SyntheticSnapshot(int interfaces, long seed) {
        this.interfaces = interfaces;
        this.rnd = new SplittableRandom(seed);
    }

    public static Summary write(Path dir, int interfaces, long seed) throws IOException {
        if (interfaces < 1) {
            throw new IllegalArgumentException("at least one interface");
        }
        return new SyntheticSnapshot(interfaces, seed).generate(dir);
    }

    private String id(String prefix) {
        serial++;
        return prefix + String.format(Locale.ROOT, "%017x", 0x0a0000000000000L + serial * 7919);
    }

    private Summary generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        int vpcCount = Math.max(1, (interfaces + INTERFACES_PER_VPC - 1) / INTERFACES_PER_VPC);
        String tgw = id("tgw-");
        String tgwRtb = id("tgw-rtb-");
        List<String> vpcIds = new ArrayList<>();
        int remaining = interfaces;
        for (int v = 0; v < vpcCount; v++) {
            int here = Math.min(INTERFACES_PER_VPC, remaining);
            remaining -= here;
            vpcIds.add(vpc(v, here, tgw, tgwRtb));
        }
        for (int v = 0; v + 1 < vpcCount; v += 2) {
            peer(vpcIds.get(v), v, vpcIds.get(v + 1), v + 1);
        }
        ObjectNode tgwNode = json.createObjectNode().put("TransitGatewayId", tgw).put("State", "available")
                .put("OwnerId", ACCOUNT).put("Description", "landing zone");
        tgwNode.putObject("Options").put("AmazonSideAsn", 64512).put("DefaultRouteTableAssociation", "enable")
                .put("AssociationDefaultRouteTableId", tgwRtb).put("DefaultRouteTablePropagation", "enable")
                .put("PropagationDefaultRouteTableId", tgwRtb).put("DnsSupport", "enable");
        tags(tgwNode, "Tags", "landing-zone");
        ObjectNode rtbNode = json.createObjectNode().put("TransitGatewayRouteTableId", tgwRtb)
                .put("TransitGatewayId", tgw).put("State", "available").put("DefaultAssociationRouteTable", true)
                .put("DefaultPropagationRouteTable", true);
        save(dir, SnapshotFiles.VPCS, "Vpcs", vpcs);
        save(dir, SnapshotFiles.SUBNETS, "Subnets", subnets);
        save(dir, SnapshotFiles.ROUTE_TABLES, "RouteTables", routeTables);
        save(dir, SnapshotFiles.SECURITY_GROUPS, "SecurityGroups", groups);
        save(dir, SnapshotFiles.NETWORK_ACLS, "NetworkAcls", acls);
        save(dir, SnapshotFiles.NETWORK_INTERFACES, "NetworkInterfaces", enis);
        save(dir, SnapshotFiles.INSTANCES, "Reservations", reservations);
        save(dir, SnapshotFiles.INTERNET_GATEWAYS, "InternetGateways", igws);
        save(dir, SnapshotFiles.NAT_GATEWAYS, "NatGateways", nats);
        save(dir, SnapshotFiles.PEERING_CONNECTIONS, "VpcPeeringConnections", peerings);
        save(dir, SnapshotFiles.TRANSIT_GATEWAYS, "TransitGateways", json.createArrayNode().add(tgwNode));
        save(dir, SnapshotFiles.TGW_ATTACHMENTS, "TransitGatewayAttachments", attachments);
        save(dir, SnapshotFiles.TGW_ROUTE_TABLES, "TransitGatewayRouteTables", json.createArrayNode().add(rtbNode));
        save(dir, SnapshotFiles.VPC_ENDPOINTS, "VpcEndpoints", endpoints);
        ArrayNode lists = json.createArrayNode();
        lists.addObject().put("PrefixListId", S3_LIST).put("AddressFamily", "IPv4").put("State", "create-complete")
                .put("PrefixListName", "com.amazonaws.us-east-1.s3").put("OwnerId", "AWS");
        lists.addObject().put("PrefixListId", OFFICE_LIST).put("AddressFamily", "IPv4").put("State", "create-complete")
                .put("PrefixListName", "offices").put("MaxEntries", 10).put("OwnerId", ACCOUNT);
        save(dir, SnapshotFiles.MANAGED_PREFIX_LISTS, "PrefixLists", lists);
        ArrayNode s3 = json.createArrayNode();
        for (String c : new String[] {"3.5.0.0/19", "16.182.0.0/16", "52.216.0.0/15", "54.231.0.0/16"}) {
            s3.addObject().put("Cidr", c);
        }
        save(dir, SnapshotFiles.prefixListEntries(S3_LIST), "Entries", s3);
        ArrayNode office = json.createArrayNode();
        office.addObject().put("Cidr", "198.51.100.0/24").put("Description", "head office");
        office.addObject().put("Cidr", "192.0.2.128/25").put("Description", "branch");
        save(dir, SnapshotFiles.prefixListEntries(OFFICE_LIST), "Entries", office);
        return new Summary(vpcCount, interfaces, List.copyOf(publicEnis), List.copyOf(privateEnis),
                List.copyOf(igwIds));
    }

    private String vpc(int v, int count, String tgw, String tgwRtb) {
        String vpcId = id("vpc-");
        String cidr = "10." + v + ".0.0/16";
        ObjectNode vpc = vpcs.addObject().put("VpcId", vpcId).put("OwnerId", ACCOUNT).put("State", "available")
                .put("CidrBlock", cidr).put("IsDefault", false);
        ArrayNode assoc = vpc.putArray("CidrBlockAssociationSet");
        assoc.addObject().put("CidrBlock", cidr).putObject("CidrBlockState").put("State", "associated");
        tags(vpc, "Tags", "workload-" + v);

        String igw = id("igw-");
        igwIds.add(igw);
        ObjectNode ig = igws.addObject().put("InternetGatewayId", igw).put("OwnerId", ACCOUNT);
        ig.putArray("Attachments").addObject().put("State", "available").put("VpcId", vpcId);

        String[][] sub = new String[4][3]; // tier x az: public, app, data, tgw
        String[] tierName = {"public", "app", "data", "tgw"};
        for (int t = 0; t < 4; t++) {
            for (int a = 0; a < 3; a++) {
                sub[t][a] = id("subnet-");
                String c = t < 3 ? "10." + v + "." + (t * 64 + a * 16) + ".0/20" : "10." + v + ".240." + (a * 16) + "/28";
                ObjectNode s = subnets.addObject().put("SubnetId", sub[t][a]).put("VpcId", vpcId).put("CidrBlock", c)
                        .put("AvailabilityZone", AZ[a]).put("State", "available").put("MapPublicIpOnLaunch", t == 0);
                tags(s, "Tags", tierName[t] + "-" + AZ[a].substring(AZ[a].length() - 1) + "-" + v);
            }
        }
        String vpce = id("vpce-");
        String[] nat = new String[3];
        for (int a = 0; a < 3; a++) {
            nat[a] = id("nat-");
            String natEni = id("eni-");
            String priv = "10." + v + "." + (a * 16) + ".5";
            String pub = "54." + (100 + v / 256) + "." + (v % 256) + "." + (10 + a);
            ObjectNode n = nats.addObject().put("NatGatewayId", nat[a]).put("VpcId", vpcId).put("SubnetId", sub[0][a])
                    .put("State", "available").put("ConnectivityType", "public");
            n.putArray("NatGatewayAddresses").addObject().put("NetworkInterfaceId", natEni).put("PrivateIp", priv)
                    .put("PublicIp", pub).put("IsPrimary", true).put("Status", "succeeded");
            ObjectNode e = eni(natEni, vpcId, sub[0][a], AZ[a], priv, pub, List.of(), "nat_gateway",
                    "Interface for NAT Gateway " + nat[a]);
            e.put("RequesterManaged", true);
        }
        // Transit gateway attachment interfaces, one per zone, as the console creates them.
        String att = id("tgw-attach-");
        for (int a = 0; a < 3; a++) {
            eni(id("eni-"), vpcId, sub[3][a], AZ[a], "10." + v + ".240." + (a * 16 + 4), null, List.of(),
                    "transit_gateway", "Network Interface for Transit Gateway Attachment " + att)
                    .put("RequesterManaged", true);
        }
        ObjectNode at = attachments.addObject().put("TransitGatewayAttachmentId", att).put("TransitGatewayId", tgw)
                .put("ResourceOwnerId", ACCOUNT).put("ResourceType", "vpc").put("ResourceId", vpcId)
                .put("State", "available");
        at.putObject("Association").put("TransitGatewayRouteTableId", tgwRtb).put("State", "associated");

        // Route tables: public, private per zone, data, transit-gateway subnets (the main one).
        ObjectNode main = routeTable(vpcId, true, List.of(sub[3]), "tgw-" + v);
        route(main, cidr, "GatewayId", "local");
        ObjectNode pubRt = routeTable(vpcId, false, List.of(sub[0]), "public-" + v);
        route(pubRt, cidr, "GatewayId", "local");
        route(pubRt, "0.0.0.0/0", "GatewayId", igw);
        route(pubRt, "10.0.0.0/8", "TransitGatewayId", tgw);
        for (int a = 0; a < 3; a++) {
            ObjectNode app = routeTable(vpcId, false, List.of(sub[1][a]), "app-" + a + "-" + v);
            route(app, cidr, "GatewayId", "local");
            route(app, "0.0.0.0/0", "NatGatewayId", nat[a]);
            route(app, "10.0.0.0/8", "TransitGatewayId", tgw);
            app.withArray("Routes").addObject().put("DestinationPrefixListId", S3_LIST).put("GatewayId", vpce)
                    .put("Origin", "CreateRoute").put("State", "active");
        }
        ObjectNode data = routeTable(vpcId, false, List.of(sub[2]), "data-" + v);
        route(data, cidr, "GatewayId", "local");
        route(data, "10.0.0.0/8", "TransitGatewayId", tgw);
        if (v % 7 == 6) {
            route(data, "172.16.0.0/12", "NatGatewayId", id("nat-")).put("State", "blackhole");
        }
        ObjectNode ep = endpoints.addObject().put("VpcEndpointId", vpce).put("VpcEndpointType", "Gateway")
                .put("VpcId", vpcId).put("ServiceName", "com.amazonaws.us-east-1.s3").put("State", "available");
        ArrayNode rts = ep.putArray("RouteTableIds");
        for (int i = 0; i < routeTables.size(); i++) {
            ObjectNode rt = (ObjectNode) routeTables.get(i);
            if (rt.get("VpcId").asText().equals(vpcId) && rt.get("Tags").get(0).get("Value").asText().startsWith("app")) {
                rts.add(rt.get("RouteTableId").asText());
            }
        }

        // Network ACLs: the default on public, app and transit subnets; a strict one on the data tier.
        acl(vpcId, true, List.of(sub[0][0], sub[0][1], sub[0][2], sub[1][0], sub[1][1], sub[1][2], sub[3][0],
                sub[3][1], sub[3][2]), null, v);
        acl(vpcId, false, List.of(sub[2]), cidr, v);

        // Security groups.
        List<String> sgIds = new ArrayList<>();
        String web = group(vpcId, "web-" + v, sgIds);
        String app = group(vpcId, "app-" + v, sgIds);
        String db = group(vpcId, "db-" + v, sgIds);
        String bastion = group(vpcId, "bastion-" + v, sgIds);
        rules(web, new Object[][] {{"tcp", 443, 443, "0.0.0.0/0"}, {"tcp", 80, 80, "0.0.0.0/0"},
                {"tcp", 22, 22, bastion}, {"tcp", 8443, 8443, OFFICE_LIST}});
        rules(app, new Object[][] {{"tcp", 8080, 8080, web}, {"tcp", 8443, 8443, "10.0.0.0/8"}, {"tcp", 22, 22, bastion}});
        rules(db, new Object[][] {{"tcp", 5432, 5432, app}, {"tcp", 3306, 3306, app}, {"tcp", 6379, 6379, cidr}});
        rules(bastion, new Object[][] {{"tcp", 22, 22, OFFICE_LIST}, {"tcp", 22, 22, v % 5 == 0 ? "0.0.0.0/0"
                : "203.0.113.0/24"}});
        int misc = 20 + rnd.nextInt(20);
        for (int g = 0; g < misc; g++) {
            String id = group(vpcId, "svc-" + g + "-" + v, sgIds);
            int n = 2 + rnd.nextInt(7);
            Object[][] rs = new Object[n][];
            for (int k = 0; k < n; k++) {
                int port = 1000 + rnd.nextInt(9000);
                int span = rnd.nextInt(4) == 0 ? rnd.nextInt(100) : 0;
                Object peer = switch (rnd.nextInt(6)) {
                    case 0 -> "0.0.0.0/0";
                    case 1 -> OFFICE_LIST;
                    case 2 -> sgIds.get(rnd.nextInt(sgIds.size()));
                    case 3 -> "10." + rnd.nextInt(256) + ".0.0/16";
                    default -> cidr;
                };
                rs[k] = new Object[] {rnd.nextInt(5) == 0 ? "udp" : "tcp", port, port + span, peer};
            }
            rules(id, rs);
        }

        // Interfaces: public ones in the public tier, the rest spread over app and data.
        for (int i = 0; i < count; i++) {
            int a = i % 3;
            boolean isPublic = i % 5 == 0;
            int tier = isPublic ? 0 : (i % 5 < 4 ? 1 : 2);
            String eniId = id("eni-");
            String ip = "10." + v + "." + (tier * 64 + a * 16 + (i / 3 / 250) % 16) + "." + (6 + (i / 3) % 250);
            String pub = isPublic ? (50 + v % 4) + "." + (16 + (v / 4) % 200) + "." + ((i / 250) % 256) + "." + (1 + i % 250)
                    : null;
            List<String> sgs = new ArrayList<>();
            sgs.add(tier == 0 ? (i % 50 == 0 ? bastion : web) : tier == 1 ? app : db);
            if (rnd.nextInt(3) == 0) {
                sgs.add(sgIds.get(4 + rnd.nextInt(sgIds.size() - 4)));
            }
            ObjectNode e = eni(eniId, vpcId, sub[tier][a], AZ[a], ip, pub, sgs, "interface", "");
            (isPublic ? publicEnis : privateEnis).add(eniId);
            if (i % 10 != 9) {
                String inst = id("i-");
                e.putObject("Attachment").put("AttachmentId", id("eni-attach-")).put("DeviceIndex", 0)
                        .put("InstanceId", inst).put("InstanceOwnerId", ACCOUNT).put("Status", "attached");
                ObjectNode r = reservations.addObject().put("ReservationId", id("r-")).put("OwnerId", ACCOUNT);
                ObjectNode in = r.putArray("Instances").addObject().put("InstanceId", inst)
                        .put("InstanceType", "m6i.large").put("SubnetId", sub[tier][a]).put("VpcId", vpcId)
                        .put("PrivateIpAddress", ip).put("SourceDestCheck", true);
                in.putObject("State").put("Code", 16).put("Name", "running");
                in.putArray("NetworkInterfaces").addObject().put("NetworkInterfaceId", eniId)
                        .putObject("Attachment").put("DeviceIndex", 0).put("Status", "attached");
                tags(in, "Tags", (tier == 0 ? "web" : tier == 1 ? "app" : "db") + "-" + v + "-" + i);
            } else {
                e.put("Status", "available");
            }
        }
        return vpcId;
    }

    private ObjectNode eni(String id, String vpc, String subnet, String az, String ip, String pub, List<String> sgs,
            String type, String description) {
        ObjectNode e = enis.addObject().put("NetworkInterfaceId", id).put("InterfaceType", type)
                .put("Status", "in-use").put("VpcId", vpc).put("SubnetId", subnet).put("AvailabilityZone", az)
                .put("Description", description).put("OwnerId", ACCOUNT).put("RequesterManaged", false)
                .put("SourceDestCheck", true).put("PrivateIpAddress", ip);
        ObjectNode p = e.putArray("PrivateIpAddresses").addObject().put("Primary", true).put("PrivateIpAddress", ip);
        if (pub != null) {
            p.putObject("Association").put("PublicIp", pub).put("IpOwnerId", "amazon");
            e.putObject("Association").put("PublicIp", pub).put("IpOwnerId", "amazon");
        }
        ArrayNode g = e.putArray("Groups");
        sgs.forEach(s -> g.addObject().put("GroupId", s));
        e.putArray("Ipv6Addresses");
        tags(e, "TagSet", type.equals("interface") ? "eni-" + id.substring(id.length() - 6) : null);
        return e;
    }

    private ObjectNode routeTable(String vpc, boolean main, List<String> subnetIds, String name) {
        String id = id("rtb-");
        ObjectNode rt = routeTables.addObject().put("RouteTableId", id).put("VpcId", vpc).put("OwnerId", ACCOUNT);
        ArrayNode assoc = rt.putArray("Associations");
        if (main) {
            assoc.addObject().put("Main", true).put("RouteTableId", id).putObject("AssociationState")
                    .put("State", "associated");
        }
        for (String s : subnetIds) {
            assoc.addObject().put("Main", false).put("RouteTableId", id).put("SubnetId", s)
                    .putObject("AssociationState").put("State", "associated");
        }
        rt.putArray("Routes");
        tags(rt, "Tags", name);
        return rt;
    }

    private ObjectNode route(ObjectNode rt, String dest, String field, String target) {
        return rt.withArray("Routes").addObject().put("DestinationCidrBlock", dest).put(field, target)
                .put("Origin", target.equals("local") ? "CreateRouteTable" : "CreateRoute").put("State", "active");
    }

    private void acl(String vpc, boolean dflt, List<String> subnetIds, String vpcCidr, int v) {
        ObjectNode a = acls.addObject().put("NetworkAclId", id("acl-")).put("VpcId", vpc).put("IsDefault", dflt)
                .put("OwnerId", ACCOUNT);
        ArrayNode as = a.putArray("Associations");
        subnetIds.forEach(s -> as.addObject().put("SubnetId", s));
        ArrayNode e = a.putArray("Entries");
        if (dflt) {
            entry(e, 100, false, "-1", "allow", "0.0.0.0/0", -1, -1);
            entry(e, 100, true, "-1", "allow", "0.0.0.0/0", -1, -1);
        } else {
            entry(e, 50, false, "-1", "deny", "10." + ((v + 1) % 256) + ".128.0/17", -1, -1);
            entry(e, 100, false, "6", "allow", vpcCidr, 5432, 5432);
            entry(e, 110, false, "6", "allow", vpcCidr, 3306, 3306);
            entry(e, 120, false, "6", "allow", "10.0.0.0/8", 6379, 6379);
            entry(e, 130, false, "6", "allow", "0.0.0.0/0", 1024, 65535);
            entry(e, 140, false, "17", "allow", "0.0.0.0/0", 1024, 65535);
            entry(e, 100, true, "6", "allow", "10.0.0.0/8", 1024, 65535);
            entry(e, 110, true, "6", "allow", "0.0.0.0/0", 443, 443);
            entry(e, 120, true, "17", "allow", "0.0.0.0/0", 53, 53);
        }
        entry(e, 32767, false, "-1", "deny", "0.0.0.0/0", -1, -1);
        entry(e, 32767, true, "-1", "deny", "0.0.0.0/0", -1, -1);
        tags(a, "Tags", dflt ? null : "data-" + v);
    }

    private static void entry(ArrayNode e, int n, boolean egress, String proto, String action, String cidr, int from,
            int to) {
        ObjectNode x = e.addObject().put("RuleNumber", n).put("Egress", egress).put("Protocol", proto)
                .put("RuleAction", action).put("CidrBlock", cidr);
        if (from >= 0) {
            x.putObject("PortRange").put("From", from).put("To", to);
        }
    }

    private String group(String vpc, String name, List<String> ids) {
        String id = id("sg-");
        ObjectNode g = groups.addObject().put("GroupId", id).put("GroupName", name).put("Description", name)
                .put("VpcId", vpc).put("OwnerId", ACCOUNT);
        g.putArray("IpPermissions");
        ObjectNode out = g.putArray("IpPermissionsEgress").addObject().put("IpProtocol", "-1");
        out.putArray("IpRanges").addObject().put("CidrIp", "0.0.0.0/0");
        out.putArray("Ipv6Ranges");
        out.putArray("PrefixListIds");
        out.putArray("UserIdGroupPairs");
        tags(g, "Tags", name);
        ids.add(id);
        return id;
    }

    /** Each rule: {protocol, from, to, peer}; the peer is a CIDR, a prefix-list ID or a group ID. */
    private void rules(String groupId, Object[][] rules) {
        ObjectNode g = null;
        for (int i = groups.size() - 1; i >= 0; i--) {
            if (groups.get(i).get("GroupId").asText().equals(groupId)) {
                g = (ObjectNode) groups.get(i);
                break;
            }
        }
        ArrayNode perms = (ArrayNode) g.get("IpPermissions");
        for (Object[] r : rules) {
            ObjectNode p = perms.addObject().put("IpProtocol", (String) r[0]).put("FromPort", (Integer) r[1])
                    .put("ToPort", (Integer) r[2]);
            ArrayNode ranges = p.putArray("IpRanges");
            p.putArray("Ipv6Ranges");
            ArrayNode lists = p.putArray("PrefixListIds");
            ArrayNode pairs = p.putArray("UserIdGroupPairs");
            String peer = (String) r[3];
            if (peer.startsWith("pl-")) {
                lists.addObject().put("PrefixListId", peer);
            } else if (peer.startsWith("sg-")) {
                pairs.addObject().put("GroupId", peer).put("UserId", ACCOUNT);
            } else {
                ranges.addObject().put("CidrIp", peer);
            }
        }
    }

    private void peer(String a, int va, String b, int vb) {
        String id = id("pcx-");
        ObjectNode p = peerings.addObject().put("VpcPeeringConnectionId", id);
        p.putObject("Status").put("Code", "active").put("Message", "Active");
        ObjectNode req = p.putObject("RequesterVpcInfo").put("VpcId", a).put("OwnerId", ACCOUNT)
                .put("Region", "us-east-1").put("CidrBlock", "10." + va + ".0.0/16");
        req.putArray("CidrBlockSet").addObject().put("CidrBlock", "10." + va + ".0.0/16");
        ObjectNode acc = p.putObject("AccepterVpcInfo").put("VpcId", b).put("OwnerId", ACCOUNT)
                .put("Region", "us-east-1").put("CidrBlock", "10." + vb + ".0.0/16");
        acc.putArray("CidrBlockSet").addObject().put("CidrBlock", "10." + vb + ".0.0/16");
        // Peering routes are more specific than the transit gateway's 10.0.0.0/8, so they win.
        for (int i = 0; i < routeTables.size(); i++) {
            ObjectNode rt = (ObjectNode) routeTables.get(i);
            String vpc = rt.get("VpcId").asText();
            if (vpc.equals(a)) {
                route(rt, "10." + vb + ".0.0/16", "VpcPeeringConnectionId", id);
            } else if (vpc.equals(b)) {
                route(rt, "10." + va + ".0.0/16", "VpcPeeringConnectionId", id);
            }
        }
    }

    private void tags(ObjectNode n, String field, String name) {
        ArrayNode t = n.putArray(field);
        if (name != null) {
            t.addObject().put("Key", "Name").put("Value", name);
        }
    }

    private void save(Path dir, String file, String key, ArrayNode items) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.set(key, items);
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(file).toFile(), root);
    }
}
