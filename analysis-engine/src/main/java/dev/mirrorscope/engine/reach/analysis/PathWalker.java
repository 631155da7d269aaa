package dev.mirrorscope.engine.reach.analysis;

import static dev.mirrorscope.engine.reach.analysis.ExplanationCodes.*;

import dev.mirrorscope.engine.reach.analysis.Explanation.Leg;
import dev.mirrorscope.engine.reach.model.AclEntry;
import dev.mirrorscope.engine.reach.model.Cidr;
import dev.mirrorscope.engine.reach.model.InternetGateway;
import dev.mirrorscope.engine.reach.model.Ip;
import dev.mirrorscope.engine.reach.model.NatGateway;
import dev.mirrorscope.engine.reach.model.NetworkAcl;
import dev.mirrorscope.engine.reach.model.NetworkInterface;
import dev.mirrorscope.engine.reach.model.PeeringConnection;
import dev.mirrorscope.engine.reach.model.PortSet;
import dev.mirrorscope.engine.reach.model.PrivateAddress;
import dev.mirrorscope.engine.reach.model.Route;
import dev.mirrorscope.engine.reach.model.RouteTable;
import dev.mirrorscope.engine.reach.model.SecurityGroup;
import dev.mirrorscope.engine.reach.model.SgRule;
import dev.mirrorscope.engine.reach.model.Snapshot;
import dev.mirrorscope.engine.reach.model.Subnet;
import dev.mirrorscope.engine.reach.model.TgwAttachment;
import dev.mirrorscope.engine.reach.model.TgwRoute;
import dev.mirrorscope.engine.reach.model.TransitGateway;
import dev.mirrorscope.engine.reach.model.Vpc;
import dev.mirrorscope.engine.reach.model.VpcEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Traces one concrete packet from source to destination and its reply back, hop by hop, through security
 * groups (stateful), network ACLs (stateless), route tables, gateways, NAT, peering and transit gateways.
 * A security group, network ACL or source/destination check that blocks is recorded and the trace goes on
 * as if it had allowed, so every blocking filter is found; a missing route or a broken gateway ends the leg.
 * One instance traces one question; not thread-safe.
 */
final class PathWalker {
    /** Components on one leg beyond which the route tables must be sending the packet round in a loop. */
    private static final int MAX_HOPS = 96;
    private static final String REPRESENTATIVE = "stands for every internet address the rules and routes treat alike";

    private final Snapshot s;
    private final List<Hop> forward = new ArrayList<>();
    private final List<Hop> back = new ArrayList<>();
    private final List<Explanation> explanations = new ArrayList<>();
    private Leg leg = Leg.FORWARD;
    private List<Hop> hops = forward;
    private Endpoint target;
    private Endpoint forwardTarget;
    private boolean stopped;
    private boolean arrived;
    private final Set<String> visited = new HashSet<>();

    // Connection tracking, filled on the forward leg and used on the return leg.
    private final Set<String> statefulInterfaces = new HashSet<>();
    private final Map<String, Packet> natOriginals = new HashMap<>();
    private Exit exit;
    private Packet arrivedPacket;
    private NetworkInterface arrivedInterface;
    private Subnet arrivedSubnet;

    /** How the forward leg left the modelled network, so the reply comes back in the same way. */
    private record Exit(String kind, String id, String vpcId) {
    }

    /** What one trace found. */
    record Trace(boolean forwardArrived, boolean returnArrived, List<Hop> forward, List<Hop> back,
            List<Explanation> explanations) {
        boolean reachable() {
            return forwardArrived && returnArrived && explanations.isEmpty();
        }
    }

    private PathWalker(Snapshot s) {
        this.s = s;
    }

    static Trace trace(Snapshot s, Endpoint src, Endpoint dst, Packet packet) {
        PathWalker w = new PathWalker(s);
        return w.run(src, dst, packet);
    }

    private Trace run(Endpoint src, Endpoint dst, Packet p) {
        target = dst;
        start(src, p);
        boolean forwardArrived = arrived;
        boolean returnArrived = false;
        if (forwardArrived) {
            leg = Leg.RETURN;
            hops = back;
            forwardTarget = dst;
            target = src;
            stopped = false;
            arrived = false;
            visited.clear();
            Packet r = arrivedPacket.reply();
            r.sender = arrivedInterface;
            startReturn(r);
            returnArrived = arrived;
        }
        return new Trace(forwardArrived, returnArrived, List.copyOf(forward), List.copyOf(back),
                List.copyOf(explanations));
    }

    // ---- starting points ----

    private void start(Endpoint src, Packet p) {
        if (src instanceof Endpoint.Interface e) {
            if (e.instance() != null) {
                hop(HopType.INSTANCE, e.instance().id(), named(e.instance().name()));
            }
            p.sender = e.eni();
            sendFromInterface(e.eni(), p);
        } else if (src instanceof Endpoint.Internet i) {
            hop(HopType.IP, p.src.toString(), d("address", p.src.toString(), "internet", true, "note",
                    i.address() == null ? REPRESENTATIVE : null));
            enterFromInternet(p, i.igwId());
        } else if (src instanceof Endpoint.SubnetAddress sa) {
            hop(HopType.IP, p.src.toString(), d("address", p.src.toString()));
            hop(HopType.SUBNET, sa.subnet().id(), subnetDetail(sa.subnet()));
            leaveSubnet(sa.subnet(), p);
        } else if (src instanceof Endpoint.External) {
            hop(HopType.IP, p.src.toString(), d("address", p.src.toString()));
            explain(NO_PATH, p.src.toString(), null, p.src + " is a private address outside every VPC of the"
                    + " snapshot; where it enters AWS (VPN, Direct Connect) is not modelled");
            stopped = true;
        } else if (src instanceof Endpoint.Unresolved u) {
            explain(u.code(), u.id(), null, u.detail());
            stopped = true;
        }
    }

    private void startReturn(Packet r) {
        if (arrivedInterface != null) {
            if (forwardTarget instanceof Endpoint.Interface e && e.instance() != null) {
                hop(HopType.INSTANCE, e.instance().id(), named(e.instance().name()));
            }
            sendFromInterface(arrivedInterface, r);
        } else if (arrivedSubnet != null) {
            hop(HopType.IP, r.src.toString(), d("address", r.src.toString()));
            hop(HopType.SUBNET, arrivedSubnet.id(), subnetDetail(arrivedSubnet));
            leaveSubnet(arrivedSubnet, r);
        } else if (exit != null) {
            hop(HopType.IP, r.src.toString(), d("address", r.src.toString(), "internet", r.src.isInternet()));
            switch (exit.kind()) {
                case "igw", "eigw" -> enterFromInternet(r, exit.id());
                case "vpce" -> enterFromEndpoint(r);
                case "vgw" -> enterFromVgw(r);
                case "tgw" -> fromTgwAttachment(s.transitGatewayAttachments().get(exit.id()), r, null);
                default -> throw new IllegalStateException(exit.kind());
            }
        }
    }

    // ---- interfaces, subnets, routing ----

    /** The packet leaves an interface: its security groups (egress), then the subnet. */
    private void sendFromInterface(NetworkInterface eni, Packet p) {
        if (tooLong()) {
            return;
        }
        hop(HopType.NETWORK_INTERFACE, eni.id(), interfaceDetail(eni, p.src));
        if (eni.sourceDestCheck() && !eni.owns(p.src)) {
            block(ENI_SOURCE_DEST_CHECK_RESTRICTION, eni.id(), "egress", eni.id() + " has source/destination check"
                    + " enabled, so it drops outbound traffic from " + p.src + ", which is not one of its addresses");
        }
        securityGroups(eni, true, p);
        Subnet subnet = s.subnets().get(eni.subnetId());
        if (subnet == null) {
            unknown(eni.subnetId(), eni.id() + " is in subnet " + eni.subnetId() + ", which describe-subnets.json"
                    + " does not list");
            return;
        }
        leaveSubnet(subnet, p);
    }

    /**
     * The packet leaves {@code from}: delivered inside the subnet directly, else the route table decides and the
     * network ACL's outbound rules apply when the next hop is outside the subnet.
     */
    private void leaveSubnet(Subnet from, Packet p) {
        if (stopped || tooLong()) {
            return;
        }
        Vpc vpc = s.vpcs().get(from.vpcId());
        if (from.contains(p.dst)) {
            arriveInVpc(from.vpcId(), from, p, false);
            return;
        }
        RouteTable rt = s.routeTableFor(from);
        if (rt == null) {
            // No route table in the snapshot: only the VPC's local route, which always exists, applies.
            acl(from, true, p);
            if (s.subnetContaining(from.vpcId(), p.dst) != null) {
                arriveInVpc(from.vpcId(), from, p, false);
                return;
            }
            explain(NO_ROUTE_TO_DESTINATION, from.id(), null, "the snapshot has no route table for " + from.id()
                    + " (neither an association nor the main route table of " + from.vpcId() + "), so only the local"
                    + " route applies, and " + p.dst + " is not in " + from.vpcId());
            stopped = true;
            return;
        }
        Set<String> unknownLists = new TreeSet<>();
        Route r = RuleEvaluator.lookup(s, rt, p.dst, unknownLists);
        Subnet next = nextSubnet(vpc, from, r, p);
        if (next != from || r == null) {
            acl(from, true, p);
        }
        Map<String, Object> detail = d("subnet", from.id(), "destination", p.dst.toString());
        if (r != null) {
            detail.put("route", routeDetail(r));
        }
        if (!unknownLists.isEmpty()) {
            detail.put("unknown_prefix_lists", List.copyOf(unknownLists));
        }
        hop(HopType.ROUTE_TABLE, rt.id(), detail, r == null || r.isBlackhole());
        if (r == null) {
            explain(NO_ROUTE_TO_DESTINATION, rt.id(), null, "route table " + rt.id() + label(rt.name()) + " of "
                    + from.id() + " has no route for " + p.dst + " (routes: " + routeList(rt) + ")");
            unknownLists.forEach(pl -> explain(UNKNOWN_RESOURCE, pl, null, "route table " + rt.id()
                    + " routes to prefix list " + pl + ", whose entries the snapshot lacks ("
                    + "get-managed-prefix-list-entries-" + pl + ".json)"));
            stopped = true;
            return;
        }
        if (r.isBlackhole()) {
            explain(BAD_STATE_ROUTE, rt.id(), null, "route " + routeText(r) + " in " + rt.id() + " is a blackhole"
                    + " (its target no longer exists or is detached): traffic for " + p.dst + " is dropped");
            stopped = true;
            return;
        }
        followRoute(r, vpc, from, p);
    }

    /** Where a route leads inside the VPC, to decide whether the packet leaves its subnet. */
    private Subnet nextSubnet(Vpc vpc, Subnet from, Route r, Packet p) {
        if (r == null) {
            return null;
        }
        switch (r.target()) {
            case LOCAL:
                return s.subnetContaining(from.vpcId(), p.dst);
            case NAT_GATEWAY: {
                NatGateway n = s.natGateways().get(r.targetId());
                return n == null ? null : s.subnets().get(n.subnetId());
            }
            case NETWORK_INTERFACE: {
                NetworkInterface e = s.networkInterfaces().get(r.targetId());
                return e == null ? null : s.subnets().get(e.subnetId());
            }
            default:
                return null;
        }
    }

    private void followRoute(Route r, Vpc vpc, Subnet from, Packet p) {
        String vpcId = from.vpcId();
        switch (r.target()) {
            case LOCAL -> arriveInVpc(vpcId, from, p, false);
            case INTERNET_GATEWAY -> toInternetGateway(r.targetId(), vpcId, p);
            case EGRESS_ONLY_INTERNET_GATEWAY -> toEgressOnlyGateway(r.targetId(), vpcId, p);
            case NAT_GATEWAY -> toNatGateway(r.targetId(), vpcId, from, p);
            case VPC_PEERING_CONNECTION -> toPeering(r.targetId(), vpcId, p);
            case TRANSIT_GATEWAY -> toTransitGateway(r.targetId(), vpcId, from, p);
            case VIRTUAL_PRIVATE_GATEWAY -> toVgw(r.targetId(), vpcId, p);
            case NETWORK_INTERFACE -> toAppliance(s.networkInterfaces().get(r.targetId()), r.targetId(), from, p);
            case INSTANCE -> {
                List<NetworkInterface> enis = s.interfacesOf(r.targetId());
                toAppliance(enis.isEmpty() ? null : enis.get(0), r.targetId(), from, p);
            }
            case VPC_ENDPOINT -> toEndpoint(r.targetId(), vpcId, p);
            default -> {
                hop(hopTypeFor(r.targetId()), r.targetId(), d("route_target", r.target().name()), true);
                explain(UNSUPPORTED_COMPONENT, r.targetId(), null, "routes to " + r.target().name().toLowerCase()
                        .replace('_', ' ') + " " + r.targetId() + " are not modelled; the path is not analysed beyond it");
                stopped = true;
            }
        }
    }

    /**
     * The packet is inside {@code vpcId} addressed to {@code p.dst}: the destination subnet's network ACL
     * (inbound) unless it comes from that subnet, then whatever owns the address.
     */
    private void arriveInVpc(String vpcId, Subnet from, Packet p, boolean skipAcl) {
        if (stopped || tooLong()) {
            return;
        }
        Subnet dstSubnet = s.subnetContaining(vpcId, p.dst);
        if (dstSubnet == null) {
            explain(UNKNOWN_DESTINATION, vpcId, null, "no subnet of " + vpcId + " in the snapshot holds " + p.dst);
            stopped = true;
            return;
        }
        if (!skipAcl && dstSubnet != from) {
            acl(dstSubnet, false, p);
        }
        NatGateway nat = s.natGatewayAt(vpcId, p.dst);
        NetworkInterface eni = s.interfaceAt(vpcId, p.dst);
        if (nat == null && eni != null) {
            nat = s.natGatewayByInterface(eni.id());
        }
        if (nat != null) {
            natInbound(nat, dstSubnet, p);
            return;
        }
        if (eni != null) {
            deliverToInterface(eni, p);
            return;
        }
        if (target instanceof Endpoint.SubnetAddress sa && sa.address().equals(p.dst)) {
            hop(HopType.SUBNET, dstSubnet.id(), subnetDetail(dstSubnet));
            hop(HopType.IP, p.dst.toString(), d("address", p.dst.toString(), "note",
                    "no network interface in the snapshot has this address; no security group was evaluated"));
            arrive(p, null, dstSubnet);
            return;
        }
        explain(UNKNOWN_DESTINATION, dstSubnet.id(), null, "no network interface in " + dstSubnet.id()
                + " has the address " + p.dst);
        stopped = true;
    }

    /** The packet reaches an interface that owns its destination address. */
    private void deliverToInterface(NetworkInterface eni, Packet p) {
        securityGroups(eni, false, p);
        hop(HopType.NETWORK_INTERFACE, eni.id(), interfaceDetail(eni, p.dst));
        if (target instanceof Endpoint.Interface t && t.eni().id().equals(eni.id())) {
            if (t.instance() != null) {
                hop(HopType.INSTANCE, t.instance().id(), named(t.instance().name()));
            }
            arrive(p, eni, null);
            return;
        }
        explain(UNKNOWN_DESTINATION, eni.id(), null, "the packet for " + p.dst + " reached " + eni.id()
                + describeOwner(eni) + ", not the destination");
        stopped = true;
    }

    private void arrive(Packet p, NetworkInterface eni, Subnet subnet) {
        arrived = true;
        stopped = true;
        if (leg == Leg.FORWARD) {
            arrivedPacket = p.copy();
            arrivedInterface = eni;
            arrivedSubnet = subnet;
        }
    }

    /** A route sends the packet to an appliance's interface, which must accept and forward it. */
    private void toAppliance(NetworkInterface eni, String targetId, Subnet from, Packet p) {
        if (eni == null) {
            hop(hopTypeFor(targetId), targetId, d(), true);
            unknown(targetId, "a route targets " + targetId + ", which the snapshot does not hold");
            return;
        }
        if (!visited.add("appliance:" + eni.id() + ":" + p.dst)) {
            explain(NO_PATH, eni.id(), null, "routing loop: the packet for " + p.dst + " returns to " + eni.id());
            stopped = true;
            return;
        }
        Subnet subnet = s.subnets().get(eni.subnetId());
        if (subnet == null) {
            unknown(eni.subnetId(), eni.id() + " is in subnet " + eni.subnetId() + ", which the snapshot lacks");
            return;
        }
        if (subnet != from) {
            acl(subnet, false, p);
        }
        securityGroups(eni, false, p);
        hop(HopType.NETWORK_INTERFACE, eni.id(), interfaceDetail(eni, null));
        if (eni.sourceDestCheck()) {
            block(ENI_SOURCE_DEST_CHECK_RESTRICTION, eni.id(), "ingress", eni.id() + describeOwner(eni)
                    + " is a route target but has source/destination check enabled, so it drops traffic for " + p.dst
                    + ", which is not one of its addresses");
        }
        p.dropMembership(SG_REFERENCES_NOT_PRESERVED, eni.id()); // an appliance forwards without membership
        securityGroups(eni, true, p);
        leaveSubnet(subnet, p);
    }

    // ---- security groups and network ACLs ----

    private void securityGroups(NetworkInterface eni, boolean egress, Packet p) {
        if (eni.groupIds().isEmpty()) {
            return;
        }
        String direction = egress ? "egress" : "ingress";
        if (leg == Leg.RETURN && statefulInterfaces.contains(eni.id())) {
            hop(HopType.SECURITY_GROUP, eni.groupIds().get(0), d("direction", direction, "stateful", true,
                    "security_groups", eni.groupIds(), "note", "return traffic of a connection the security groups"
                            + " allowed; no rule needed"));
            return;
        }
        Ip peer = egress ? p.dst : p.src;
        NetworkInterface peerEni = egress ? egressPeer(eni, p.dst) : p.sender;
        Set<String> unknownLists = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        List<SecurityGroup> known = new ArrayList<>();
        for (String gid : eni.groupIds()) {
            SecurityGroup g = s.securityGroups().get(gid);
            if (g == null) {
                missing.add(gid);
            } else {
                known.add(g);
            }
        }
        for (SecurityGroup g : known) {
            SgRule rule = RuleEvaluator.matchSecurityGroup(s, g, egress, p, peer, peerEni, unknownLists);
            if (rule != null) {
                hop(HopType.SECURITY_GROUP, g.id(), d("direction", direction, "name", g.groupName(), "rule",
                        sgRuleDetail(rule), "security_groups", eni.groupIds()));
                if (leg == Leg.FORWARD) {
                    statefulInterfaces.add(eni.id());
                }
                return;
            }
        }
        hop(HopType.SECURITY_GROUP, eni.groupIds().get(0), d("direction", direction, "rule", null,
                "security_groups", eni.groupIds()), true);
        String what = p.describe();
        for (String gid : missing) {
            explain(UNKNOWN_RESOURCE, gid, direction, eni.id() + " uses security group " + gid
                    + ", which describe-security-groups.json does not list, so " + (egress ? "outbound " : "inbound ") + what
                    + " cannot be shown allowed");
        }
        for (SecurityGroup g : known) {
            explain(ENI_SG_RULES_MISMATCH, g.id(), direction, "security group " + g.id() + label(g.groupName())
                    + " of " + eni.id() + " has no " + (egress ? "outbound" : "inbound") + " rule allowing " + what
                    + " (" + (egress ? "outbound" : "inbound") + " rules: " + sgRuleList(egress ? g.egress()
                            : g.ingress()) + ")");
        }
        if (!egress && p.droppedSender != null) {
            for (SecurityGroup g : known) {
                SgRule would = RuleEvaluator.matchSecurityGroup(s, g, false, p, peer, p.droppedSender, new TreeSet<>());
                if (would != null) {
                    explain(p.droppedCode, p.droppedAt, direction, "rule " + PathWalker.protocolName(would.protocol())
                            + " " + sgPorts(would) + " from " + would.groupId() + " of " + g.id() + " would admit "
                            + p.droppedSender.id() + ", but " + p.droppedAt + (p.droppedCode.equals(
                                    SG_REFERENCING_SUPPORT) ? " (a transit gateway attachment without security"
                                    + " group referencing support)" : "") + " does not carry security group"
                            + " membership on");
                    break;
                }
            }
        }
        for (String pl : unknownLists) {
            explain(UNKNOWN_RESOURCE, pl, direction, "a rule of " + eni.id() + "'s security groups refers to prefix"
                    + " list " + pl + ", whose entries the snapshot lacks (get-managed-prefix-list-entries-" + pl
                    + ".json)");
        }
        if (leg == Leg.FORWARD) {
            statefulInterfaces.add(eni.id());
        }
    }

    /** The interface at the far end of outbound traffic, for egress rules that reference a group. */
    private NetworkInterface egressPeer(NetworkInterface from, Ip dst) {
        NetworkInterface e = s.interfaceAt(from.vpcId(), dst);
        if (e != null) {
            return e;
        }
        for (PeeringConnection pc : s.peeringsOf(from.vpcId())) {
            PeeringConnection.Side other = pc.otherSide(from.vpcId());
            if (pc.isActive() && other != null && other.contains(dst)) {
                e = s.interfaceAt(other.vpcId(), dst);
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }

    private void acl(Subnet subnet, boolean egress, Packet p) {
        String direction = egress ? "egress" : "ingress";
        NetworkAcl acl = s.aclFor(subnet);
        if (acl == null) {
            return; // none in the snapshot: nothing filters, as with a VPC's default ACL (the reader warns)
        }
        Ip peer = egress ? p.dst : p.src;
        RuleEvaluator.AclVerdict v = RuleEvaluator.evaluateAcl(acl, egress, p, peer);
        Map<String, Object> detail = d("direction", direction, "subnet", subnet.id(), "name", acl.name(),
                "rule", v.entry() == null ? d("rule_number", "*", "action", "deny", "note", "no entry matches")
                        : aclEntryDetail(v.entry()));
        if (v.allowed() && p.hasPorts() && !v.ports().equals(p.dports)) {
            detail.put("ports_allowed", v.ports().toString());
        }
        hop(HopType.NETWORK_ACL, acl.id(), detail, !v.allowed());
        if (!v.allowed()) {
            String what = (leg == Leg.RETURN ? "return traffic " : "") + p.describe();
            String rule = v.entry() == null ? "no entry matches, so the implicit deny (*) applies"
                    : "entry " + aclEntryText(v.entry()) + " decides";
            explain(SUBNET_ACL_RESTRICTION, acl.id(), direction, "network ACL " + acl.id() + label(acl.name()) + " of "
                    + subnet.id() + " does not allow " + (egress ? "outbound " : "inbound ") + what + ": " + rule
                    + (leg == Leg.RETURN && p.hasPorts() ? " (stateless: replies to the client's ephemeral ports"
                            + " need their own " + direction.replace("egress", "outbound").replace("ingress", "inbound")
                            + " rule)" : ""));
        } else if (p.hasPorts()) {
            p.dports = v.ports();
        }
    }

    // ---- gateways ----

    private void toInternetGateway(String igwId, String vpcId, Packet p) {
        InternetGateway igw = s.internetGateways().get(igwId);
        if (igw == null) {
            hop(HopType.INTERNET_GATEWAY, igwId, d(), true);
            unknown(igwId, "a route targets internet gateway " + igwId
                    + ", which describe-internet-gateways.json does not list");
            return;
        }
        InternetGateway.Attachment att = igw.attachmentTo(vpcId);
        if (att == null || !"available".equals(att.state()) && !"attached".equals(att.state())) {
            hop(HopType.INTERNET_GATEWAY, igwId, named(igw.name()), true);
            explain(BAD_STATE_ATTACHMENT, igwId, null, "internet gateway " + igwId + " is "
                    + (att == null ? "not attached to " + vpcId : "attached to " + vpcId + " in state " + att.state()));
            stopped = true;
            return;
        }
        if (!p.dst.isInternet()) {
            hop(HopType.INTERNET_GATEWAY, igwId, named(igw.name()), true);
            boolean shared = !p.dst.isV6() && Cidr.parse("100.64.0.0/10").contains(p.dst);
            explain(shared ? IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS : IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS,
                    igwId, null, "internet gateway " + igwId + " drops outbound traffic to " + p.dst
                            + ", which is not an internet address");
            stopped = true;
            return;
        }
        Map<String, Object> detail = named(igw.name());
        detail.put("direction", "egress");
        if (!p.src.isV6()) {
            Ip pub = publicAddressFor(vpcId, p.src);
            if (pub == null) {
                hop(HopType.INTERNET_GATEWAY, igwId, detail, true);
                explain(IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, igwId, null, "internet gateway " + igwId
                        + " can only carry traffic from addresses with a public IP; " + p.src + owner(vpcId, p.src)
                        + " has no public IP or Elastic IP associated (use a NAT gateway, or associate one)");
                stopped = true;
                return;
            }
            detail.put("translation", d("source_from", p.src.toString(), "source_to", pub.toString()));
            p.src = pub;
        } else if (s.interfaceAt(vpcId, p.src) == null) {
            hop(HopType.INTERNET_GATEWAY, igwId, detail, true);
            explain(IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, igwId, null, p.src + " is not the IPv6 address of an"
                    + " interface in " + vpcId);
            stopped = true;
            return;
        }
        p.forgetSender();
        hop(HopType.INTERNET_GATEWAY, igwId, detail);
        exitToInternet(p, "igw", igwId, vpcId);
    }

    /** The public IPv4 that an internet gateway maps a VPC address to: its interface's, or its NAT gateway's. */
    private Ip publicAddressFor(String vpcId, Ip privateIp) {
        NatGateway nat = s.natGatewayAt(vpcId, privateIp);
        if (nat != null) {
            for (NatGateway.Address a : nat.addresses()) {
                if (privateIp.equals(a.privateIp())) {
                    return a.publicIp();
                }
            }
        }
        NetworkInterface eni = s.interfaceAt(vpcId, privateIp);
        if (eni == null || !eni.isInUse()) {
            return null;
        }
        NatGateway owner = s.natGatewayByInterface(eni.id());
        if (owner != null) {
            NatGateway.Address a = owner.primaryAddress();
            return a == null ? null : a.publicIp();
        }
        PrivateAddress a = eni.privateAddress(privateIp);
        return a == null ? null : a.publicIp();
    }

    private void toEgressOnlyGateway(String eigwId, String vpcId, Packet p) {
        Map<String, Object> detail = d("egress_only", true, "direction", "egress");
        if (!p.dst.isV6() || !p.dst.isInternet()) {
            hop(HopType.INTERNET_GATEWAY, eigwId, detail, true);
            explain(IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS, eigwId, null, "egress-only internet gateway "
                    + eigwId + " carries IPv6 traffic to the internet only, not to " + p.dst);
            stopped = true;
            return;
        }
        p.forgetSender();
        hop(HopType.INTERNET_GATEWAY, eigwId, detail);
        exitToInternet(p, "eigw", eigwId, vpcId);
    }

    /** The packet is on the internet; it arrives, or comes back in through the gateway that owns its address. */
    private void exitToInternet(Packet p, String kind, String gatewayId, String vpcId) {
        if (target instanceof Endpoint.Internet t && (t.address() == null || t.address().equals(p.dst))) {
            if (t.igwId() != null && !t.igwId().equals(gatewayId)) {
                explain(NO_PATH, gatewayId, null, "the path leaves through " + gatewayId + ", not " + t.igwId());
                stopped = true;
                return;
            }
            hop(HopType.IP, p.dst.toString(), d("address", p.dst.toString(), "internet", true, "note",
                    t.address() == null ? REPRESENTATIVE : null));
            exit = new Exit(kind, gatewayId, vpcId);
            arrive(p, null, null);
            return;
        }
        if (!visited.add("internet:" + p.dst)) {
            explain(NO_PATH, gatewayId, null, "the path returns to the internet for " + p.dst + " a second time");
            stopped = true;
            return;
        }
        // Addressed to a public IP the snapshot holds: it comes back in through that VPC's internet gateway.
        enterFromInternet(p, null);
    }

    /** A packet from the internet to a public address: the internet gateway maps it to the private one. */
    private void enterFromInternet(Packet p, String igwHint) {
        if (stopped || tooLong()) {
            return;
        }
        String vpcId;
        Ip privateIp;
        Map<String, Object> detail = d("direction", "ingress");
        if (!p.dst.isV6()) {
            NetworkInterface eni = s.interfaceByPublicIp(p.dst);
            NatGateway nat = s.natGatewayByPublicIp(p.dst);
            if (eni == null && nat == null) {
                noPublicAddress(p, igwHint);
                return;
            }
            if (nat != null) {
                vpcId = nat.vpcId();
                privateIp = null;
                for (NatGateway.Address a : nat.addresses()) {
                    if (p.dst.equals(a.publicIp())) {
                        privateIp = a.privateIp();
                    }
                }
            } else {
                vpcId = eni.vpcId();
                privateIp = null;
                for (PrivateAddress a : eni.privateAddresses()) {
                    if (p.dst.equals(a.publicIp())) {
                        privateIp = a.ip();
                    }
                }
            }
            detail.put("translation", d("destination_from", p.dst.toString(), "destination_to",
                    String.valueOf(privateIp)));
        } else {
            List<NetworkInterface> owners = s.interfacesWithAddress(p.dst);
            if (owners.isEmpty()) {
                explain(igwHint != null ? IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS : UNKNOWN_DESTINATION,
                        igwHint != null ? igwHint : "internet", null, p.dst + " is not the IPv6 address of any network"
                                + " interface in the snapshot");
                stopped = true;
                return;
            }
            vpcId = owners.get(0).vpcId();
            privateIp = p.dst;
        }
        InternetGateway igw = attachedIgw(vpcId);
        String gatewayId;
        if (igw != null) {
            gatewayId = igw.id();
            if (igw.name() != null) {
                detail.put("name", igw.name());
            }
        } else if (leg == Leg.RETURN && exit != null && exit.kind().equals("eigw") && exit.vpcId().equals(vpcId)) {
            gatewayId = exit.id();
            detail.put("egress_only", true);
            detail.put("note", "reply to a connection opened through the egress-only gateway");
        } else {
            if (igwHint != null) {
                hop(HopType.INTERNET_GATEWAY, igwHint, detail, true);
                explain(IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS, igwHint, null, "internet gateway " + igwHint
                        + " is not attached to " + vpcId + ", where " + p.dst + " is");
            } else {
                List<InternetGateway> any = s.internetGatewaysOf(vpcId);
                if (any.isEmpty()) {
                    explain(NO_PATH, vpcId, null, vpcId + " has no internet gateway, so " + p.dst
                            + " cannot be reached from the internet");
                } else {
                    hop(HopType.INTERNET_GATEWAY, any.get(0).id(), detail, true);
                    explain(BAD_STATE_ATTACHMENT, any.get(0).id(), null, "internet gateway " + any.get(0).id()
                            + " is not in the available state on " + vpcId);
                }
            }
            stopped = true;
            return;
        }
        if (igwHint != null && !igwHint.equals(gatewayId) && !(leg == Leg.RETURN)) {
            hop(HopType.INTERNET_GATEWAY, igwHint, detail, true);
            explain(IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS, igwHint, null, "internet gateway " + igwHint + " only"
                    + " accepts traffic for public IPs of interfaces in its own VPC; " + p.dst + " is in " + vpcId);
            stopped = true;
            return;
        }
        NetworkInterface eni = privateIp == null ? null : s.interfaceAt(vpcId, privateIp);
        if (privateIp == null || (eni != null && !eni.isInUse())) {
            hop(HopType.INTERNET_GATEWAY, gatewayId, detail, true);
            explain(IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS, gatewayId, null, "internet gateway " + gatewayId
                    + " rejects traffic to " + p.dst + ": it is not the public IP of a network interface with an"
                    + " available attachment");
            stopped = true;
            return;
        }
        if (!p.src.isV6() && !p.src.isInternet()) {
            hop(HopType.INTERNET_GATEWAY, gatewayId, detail, true);
            explain(IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS, gatewayId, null, "internet gateway " + gatewayId
                    + " drops inbound traffic from " + p.src + ", which is not an internet address");
            stopped = true;
            return;
        }
        hop(HopType.INTERNET_GATEWAY, gatewayId, detail);
        p.dst = privateIp;
        p.forgetSender();
        p.arrivedVia = "internet";
        edgeRouting(gatewayId, vpcId, p);
    }

    /** Traffic from the internet to an address that is not the public IP of anything in the snapshot. */
    private void noPublicAddress(Packet p, String igwHint) {
        String igw = igwHint;
        String why = p.dst + " is not the public IP of any network interface in the snapshot";
        if (target instanceof Endpoint.Interface t) {
            InternetGateway attached = attachedIgw(t.eni().vpcId());
            if (igw == null && attached != null) {
                igw = attached.id();
            }
            why = t.eni().id() + describeOwner(t.eni()) + " has no public IP address, so the internet cannot"
                    + " address it (" + p.dst + " is private)";
            if (igw == null) {
                explain(NO_PATH, t.eni().vpcId(), null, t.eni().vpcId() + " has no internet gateway attached, and "
                        + why);
                stopped = true;
                return;
            }
        }
        if (igw != null) {
            hop(HopType.INTERNET_GATEWAY, igw, d("direction", "ingress"), true);
            explain(IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS, igw, null, "internet gateway " + igw + " rejects inbound"
                    + " traffic: " + why);
        } else {
            explain(UNKNOWN_DESTINATION, "internet", null, why);
        }
        stopped = true;
    }

    private InternetGateway attachedIgw(String vpcId) {
        for (InternetGateway g : s.internetGatewaysOf(vpcId)) {
            InternetGateway.Attachment a = g.attachmentTo(vpcId);
            if (a != null && ("available".equals(a.state()) || "attached".equals(a.state()))) {
                return g;
            }
        }
        return null;
    }

    /** Ingress routing: a route table associated with the gateway's edge may send the packet elsewhere. */
    private void edgeRouting(String gatewayId, String vpcId, Packet p) {
        RouteTable edge = s.edgeRouteTable(gatewayId);
        if (edge == null) {
            arriveInVpc(vpcId, null, p, false);
            return;
        }
        Set<String> unknownLists = new TreeSet<>();
        Route r = RuleEvaluator.lookup(s, edge, p.dst, unknownLists);
        Map<String, Object> detail = d("edge_association", gatewayId, "destination", p.dst.toString());
        if (r != null) {
            detail.put("route", routeDetail(r));
        }
        hop(HopType.ROUTE_TABLE, edge.id(), detail, r == null || r.isBlackhole());
        if (r == null || r.target() == Route.Target.LOCAL) {
            if (r == null) {
                explain(NO_ROUTE_TO_DESTINATION, edge.id(), null, "gateway route table " + edge.id() + " has no route"
                        + " for " + p.dst);
                stopped = true;
                return;
            }
            arriveInVpc(vpcId, null, p, false);
            return;
        }
        if (r.isBlackhole()) {
            explain(BAD_STATE_ROUTE, edge.id(), null, "route " + routeText(r) + " in " + edge.id() + " is a blackhole");
            stopped = true;
            return;
        }
        if (r.target() == Route.Target.NETWORK_INTERFACE || r.target() == Route.Target.INSTANCE) {
            NetworkInterface eni = r.target() == Route.Target.NETWORK_INTERFACE
                    ? s.networkInterfaces().get(r.targetId())
                    : s.interfacesOf(r.targetId()).stream().findFirst().orElse(null);
            toAppliance(eni, r.targetId(), null, p);
            return;
        }
        hop(hopTypeFor(r.targetId()), r.targetId(), d("route_target", r.target().name()), true);
        explain(UNSUPPORTED_COMPONENT, r.targetId(), null, "ingress routing to " + r.targetId()
                + " (for example a Gateway Load Balancer endpoint) is not modelled");
        stopped = true;
    }

    private void toNatGateway(String natId, String vpcId, Subnet from, Packet p) {
        NatGateway nat = s.natGateways().get(natId);
        if (nat == null) {
            hop(HopType.NAT_GATEWAY, natId, d(), true);
            unknown(natId, "a route targets NAT gateway " + natId + ", which describe-nat-gateways.json does not list");
            return;
        }
        Subnet natSubnet = s.subnets().get(nat.subnetId());
        if (natSubnet == null) {
            hop(HopType.NAT_GATEWAY, natId, named(nat.name()), true);
            unknown(nat.subnetId(), natId + " is in subnet " + nat.subnetId() + ", which the snapshot lacks");
            return;
        }
        if (natSubnet != from) {
            acl(natSubnet, false, p);
        }
        Map<String, Object> detail = named(nat.name());
        detail.put("connectivity", nat.connectivityType());
        detail.put("subnet", nat.subnetId());
        if (!"available".equals(nat.state())) {
            hop(HopType.NAT_GATEWAY, natId, detail, true);
            explain(BAD_STATE, natId, null, "NAT gateway " + natId + " is " + nat.state() + ", not available");
            stopped = true;
            return;
        }
        if ("peering".equals(p.arrivedVia) || "vgw".equals(p.arrivedVia)) {
            hop(HopType.NAT_GATEWAY, natId, detail, true);
            explain(NGW_REQUIRES_SOURCE_IN_VPC, natId, null, "NAT gateway " + natId + " only carries traffic from"
                    + " network interfaces in " + vpcId + "; this packet came in through a " + p.arrivedVia
                    + " connection");
            stopped = true;
            return;
        }
        if (!(p.proto == 6 || p.proto == 17 || p.proto == 1)) {
            hop(HopType.NAT_GATEWAY, natId, detail, true);
            explain(PROTOCOL_RESTRICTION, natId, null, "NAT gateways translate TCP, UDP and ICMP only");
            stopped = true;
            return;
        }
        NatGateway.Address a = nat.primaryAddress();
        if (a == null || a.privateIp() == null) {
            hop(HopType.NAT_GATEWAY, natId, detail, true);
            explain(BAD_STATE, natId, null, "NAT gateway " + natId + " has no private address in the snapshot");
            stopped = true;
            return;
        }
        detail.put("translation", d("source_from", p.src.toString(), "source_to", a.privateIp().toString(),
                "source_ports", "1024-65535"));
        if (a.publicIp() != null) {
            detail.put("public_ip", a.publicIp().toString());
        }
        hop(HopType.NAT_GATEWAY, natId, detail);
        natOriginals.put(natId, p.copy());
        p.src = a.privateIp();
        p.sports = PortSet.EPHEMERAL;
        p.forgetSender();
        leaveSubnet(natSubnet, p);
    }

    /** A packet addressed to a NAT gateway: a reply it translates back, else dropped. */
    private void natInbound(NatGateway nat, Subnet natSubnet, Packet p) {
        Packet original = natOriginals.get(nat.id());
        Map<String, Object> detail = named(nat.name());
        if (leg != Leg.RETURN || original == null) {
            hop(HopType.NAT_GATEWAY, nat.id(), detail, true);
            explain(NO_PATH, nat.id(), null, "NAT gateway " + nat.id() + " accepts only replies to connections it"
                    + " translated; it does not forward traffic addressed to " + p.dst);
            stopped = true;
            return;
        }
        detail.put("translation", d("destination_from", p.dst.toString(), "destination_to", original.src.toString()));
        hop(HopType.NAT_GATEWAY, nat.id(), detail);
        p.dst = original.src;
        p.dports = original.sports;
        p.arrivedVia = null;
        leaveSubnet(natSubnet, p);
    }

    private void toPeering(String pcxId, String vpcId, Packet p) {
        PeeringConnection pcx = s.peeringConnections().get(pcxId);
        if (pcx == null) {
            hop(HopType.VPC_PEERING_CONNECTION, pcxId, d(), true);
            unknown(pcxId, "a route targets peering connection " + pcxId
                    + ", which describe-vpc-peering-connections.json does not list");
            return;
        }
        PeeringConnection.Side other = pcx.otherSide(vpcId);
        Map<String, Object> detail = named(pcx.name());
        detail.put("requester_vpc", pcx.requester().vpcId());
        detail.put("accepter_vpc", pcx.accepter().vpcId());
        detail.put("status", pcx.status());
        if (!pcx.isActive()) {
            hop(HopType.VPC_PEERING_CONNECTION, pcxId, detail, true);
            explain(BAD_STATE, pcxId, null, "peering connection " + pcxId + " is " + pcx.status() + ", not active");
            stopped = true;
            return;
        }
        if (other == null) {
            hop(HopType.VPC_PEERING_CONNECTION, pcxId, detail, true);
            explain(BAD_STATE_ATTACHMENT, pcxId, null, "peering connection " + pcxId + " does not connect " + vpcId);
            stopped = true;
            return;
        }
        Vpc peer = s.vpcs().get(other.vpcId());
        boolean inPeer = peer != null ? peer.contains(p.dst) || other.contains(p.dst) : other.contains(p.dst);
        if (!inPeer) {
            hop(HopType.VPC_PEERING_CONNECTION, pcxId, detail, true);
            explain(PCX_REQUIRES_ADDRESS_IN_VPC_CIDR, pcxId, null, "peering connection " + pcxId + " only carries"
                    + " traffic addressed to " + other.vpcId() + " (" + cidrText(peer != null ? peer.allCidrs()
                            : other.cidrs()) + "); " + p.dst + " is not in it, and peering is never transitive");
            stopped = true;
            return;
        }
        hop(HopType.VPC_PEERING_CONNECTION, pcxId, detail);
        if (peer == null && s.subnetsOf(other.vpcId()).isEmpty()) {
            unknown(other.vpcId(), "the peer VPC " + other.vpcId() + " (owner " + other.ownerId()
                    + ") is not in the snapshot, so the path cannot be followed into it");
            return;
        }
        if (pcx.isInterRegion()) {
            p.dropMembership(SG_REFERENCES_NOT_PRESERVED, pcxId); // references do not cross Regions
        }
        p.arrivedVia = "peering";
        arriveInVpc(other.vpcId(), null, p, false);
    }

    private void toTransitGateway(String tgwId, String vpcId, Subnet from, Packet p) {
        TransitGateway tgw = s.transitGateways().get(tgwId);
        if (tgw == null) {
            hop(HopType.TRANSIT_GATEWAY, tgwId, d(), true);
            unknown(tgwId, "a route targets transit gateway " + tgwId
                    + ", which describe-transit-gateways.json does not list");
            return;
        }
        TgwAttachment att = null;
        for (TgwAttachment a : s.attachmentsOf(tgwId)) {
            if ("vpc".equals(a.resourceType()) && vpcId.equals(a.resourceId())
                    && (att == null || "available".equals(a.state()))) {
                att = a;
            }
        }
        if (att == null) {
            hop(HopType.TRANSIT_GATEWAY, tgwId, named(tgw.name()), true);
            explain(BAD_STATE_ATTACHMENT, tgwId, null, "transit gateway " + tgwId + " has no attachment for " + vpcId
                    + " in describe-transit-gateway-attachments.json");
            stopped = true;
            return;
        }
        Map<String, Object> attDetail = d("resource_type", att.resourceType(), "resource_id", att.resourceId(),
                "state", att.state(), "name", att.name());
        if (!"available".equals(att.state())) {
            hop(HopType.TRANSIT_GATEWAY_ATTACHMENT, att.id(), attDetail, true);
            explain(BAD_STATE_ATTACHMENT, att.id(), null, "attachment " + att.id() + " is " + att.state());
            stopped = true;
            return;
        }
        List<String> attSubnets = s.attachmentSubnets(att.id());
        if (attSubnets != null && from != null) {
            Subnet attSubnet = null;
            for (String sid : attSubnets) {
                Subnet sub = s.subnets().get(sid);
                if (sub != null && from.availabilityZone() != null
                        && from.availabilityZone().equals(sub.availabilityZone())) {
                    attSubnet = sub;
                }
            }
            if (attSubnet == null) {
                hop(HopType.TRANSIT_GATEWAY_ATTACHMENT, att.id(), attDetail, true);
                explain(TGW_ROUTE_AZ_RESTRICTION, att.id(), null, "attachment " + att.id() + " has no subnet in "
                        + from.availabilityZone() + ", where " + from.id() + " is, so traffic from there cannot reach"
                        + " the transit gateway");
                stopped = true;
                return;
            }
            attDetail.put("subnet", attSubnet.id());
            // Instances to the transit gateway: the attachment subnet's inbound rules apply, even in one subnet.
            acl(attSubnet, false, p);
        } else {
            attDetail.put("note", "the attachment's subnets are not in the snapshot; their network ACLs were not"
                    + " evaluated");
        }
        hop(HopType.TRANSIT_GATEWAY_ATTACHMENT, att.id(), attDetail);
        if (!tgw.securityGroupReferencing()) {
            p.dropMembership(SG_REFERENCING_SUPPORT, att.id());
        }
        fromTgwAttachment(att, p, tgw);
    }

    /** The packet enters a transit gateway from an attachment: its route table decides the next attachment. */
    private void fromTgwAttachment(TgwAttachment att, Packet p, TransitGateway tgw) {
        if (stopped || tooLong()) {
            return;
        }
        if (att == null) {
            explain(UNKNOWN_RESOURCE, "transit gateway attachment", null, "the attachment the path left through is"
                    + " not in the snapshot");
            stopped = true;
            return;
        }
        if (tgw == null) {
            tgw = s.transitGateways().get(att.transitGatewayId());
        }
        if (tgw == null) {
            unknown(att.transitGatewayId(), "transit gateway " + att.transitGatewayId() + " of " + att.id()
                    + " is not in describe-transit-gateways.json");
            return;
        }
        if (!visited.add("tgw:" + att.id() + ":" + p.dst)) {
            explain(NO_PATH, tgw.id(), null, "routing loop through transit gateway " + tgw.id() + " for " + p.dst);
            stopped = true;
            return;
        }
        if (!"available".equals(tgw.state()) && tgw.state() != null) {
            hop(HopType.TRANSIT_GATEWAY, tgw.id(), named(tgw.name()), true);
            explain(BAD_STATE, tgw.id(), null, "transit gateway " + tgw.id() + " is " + tgw.state());
            stopped = true;
            return;
        }
        hop(HopType.TRANSIT_GATEWAY, tgw.id(), named(tgw.name()));
        String rtbId = s.associatedRouteTable(att);
        if (rtbId == null) {
            explain(TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION, att.id(), null, "attachment " + att.id()
                    + " is associated with no transit gateway route table, and " + tgw.id()
                    + " has default association disabled");
            stopped = true;
            return;
        }
        Set<String> unknownLists = new TreeSet<>();
        List<TgwRoute> routes = s.tgwRoutes(rtbId);
        TgwRoute r = RuleEvaluator.lookupTgw(s, routes, p.dst, unknownLists);
        Map<String, Object> detail = d("associated_attachment", att.id(), "destination", p.dst.toString(),
                "name", s.nameOf(rtbId));
        if (!s.transitGatewayRouteTables().containsKey(rtbId)) {
            detail.put("note", rtbId + " is not in describe-transit-gateway-route-tables.json");
        }
        if (r != null) {
            detail.put("route", d("destination", r.destination() != null ? r.destination().toString()
                    : r.prefixListId(), "type", r.type(), "state", r.state(), "attachments", r.attachmentIds(),
                    "derived", r.derived() ? true : null));
        }
        if (!s.tgwRoutesKnown(rtbId)) {
            detail.put("routes_source", "derived from " + tgw.id() + "'s default propagation (no "
                    + "search-transit-gateway-routes-" + rtbId + ".json)");
        }
        hop(HopType.TRANSIT_GATEWAY_ROUTE_TABLE, rtbId, detail, r == null || r.isBlackhole());
        if (r == null) {
            String why = s.tgwRoutesKnown(rtbId) ? "" : tgw.defaultRouteTablePropagation()
                    ? " (routes derived from default propagation: no attachment propagates a CIDR that holds it)"
                    : " (no routes file, and " + tgw.id() + " has default propagation disabled, so no VPC propagates"
                            + " into it)";
            explain(TGW_RTB_CANNOT_ROUTE, rtbId, null, "transit gateway route table " + rtbId + " has no route for "
                    + p.dst + why);
            unknownLists.forEach(pl -> explain(UNKNOWN_RESOURCE, pl, null, "transit gateway route table " + rtbId
                    + " routes to prefix list " + pl + ", whose entries the snapshot lacks"));
            stopped = true;
            return;
        }
        if (r.isBlackhole() || r.attachmentIds().isEmpty()) {
            explain(TGW_RTB_BAD_STATE_ROUTE, rtbId, null, "the route for " + p.dst + " in " + rtbId + " ("
                    + (r.destination() != null ? r.destination() : r.prefixListId()) + ") is a blackhole");
            stopped = true;
            return;
        }
        String nextId = r.attachmentIds().get(0);
        TgwAttachment next = s.transitGatewayAttachments().get(nextId);
        if (next == null) {
            hop(HopType.TRANSIT_GATEWAY_ATTACHMENT, nextId, d(), true);
            unknown(nextId, "the transit gateway route sends " + p.dst + " to attachment " + nextId
                    + ", which describe-transit-gateway-attachments.json does not list");
            return;
        }
        Map<String, Object> nextDetail = d("resource_type", next.resourceType(), "resource_id", next.resourceId(),
                "state", next.state(), "name", next.name());
        if (!"available".equals(next.state())) {
            hop(HopType.TRANSIT_GATEWAY_ATTACHMENT, next.id(), nextDetail, true);
            explain(BAD_STATE_ATTACHMENT, next.id(), null, "attachment " + next.id() + " is " + next.state());
            stopped = true;
            return;
        }
        if (!"vpc".equals(next.resourceType())) {
            hop(HopType.TRANSIT_GATEWAY_ATTACHMENT, next.id(), nextDetail);
            leaveModel(p, "tgw", next.id(), null, "transit gateway attachment " + next.id() + " ("
                    + next.resourceType() + ")");
            return;
        }
        Vpc vpc = s.vpcs().get(next.resourceId());
        if (vpc == null && s.subnetsOf(next.resourceId()).isEmpty()) {
            hop(HopType.TRANSIT_GATEWAY_ATTACHMENT, next.id(), nextDetail, true);
            unknown(next.resourceId(), "attachment " + next.id() + " leads to " + next.resourceId()
                    + ", which describe-vpcs.json does not list");
            return;
        }
        p.arrivedVia = "tgw";
        String vpcId = next.resourceId();
        Subnet dstSubnet = s.subnetContaining(vpcId, p.dst);
        List<String> subnets = s.attachmentSubnets(next.id());
        Subnet entry = null;
        if (subnets != null) {
            for (String sid : subnets) {
                Subnet sub = s.subnets().get(sid);
                if (sub != null && (entry == null || (dstSubnet != null && dstSubnet.availabilityZone() != null
                        && dstSubnet.availabilityZone().equals(sub.availabilityZone())))) {
                    entry = sub;
                }
            }
        }
        if (entry != null) {
            nextDetail.put("subnet", entry.id());
            hop(HopType.TRANSIT_GATEWAY_ATTACHMENT, next.id(), nextDetail);
            // From the transit gateway into the VPC: the attachment subnet's route table and outbound rules.
            leaveSubnet(entry, p);
        } else {
            nextDetail.put("note", "the attachment's subnets are not in the snapshot; the packet is delivered"
                    + " by the VPC's local route");
            hop(HopType.TRANSIT_GATEWAY_ATTACHMENT, next.id(), nextDetail);
            arriveInVpc(vpcId, null, p, false);
        }
    }

    private void toVgw(String vgwId, String vpcId, Packet p) {
        hop(HopType.VIRTUAL_PRIVATE_GATEWAY, vgwId, named(s.nameOf(vgwId)));
        leaveModel(p, "vgw", vgwId, vpcId, "virtual private gateway " + vgwId);
    }

    /** The packet leaves for a network the snapshot does not describe (VPN, Direct Connect, ...). */
    private void leaveModel(Packet p, String kind, String id, String vpcId, String what) {
        if (target instanceof Endpoint.External x && x.address().equals(p.dst)
                || target instanceof Endpoint.Internet i && (i.address() == null || i.address().equals(p.dst))) {
            hop(HopType.IP, p.dst.toString(), d("address", p.dst.toString(), "note", "beyond " + what
                    + "; the network there is not in the snapshot"));
            exit = new Exit(kind, id, vpcId);
            arrive(p, null, null);
            return;
        }
        explain(UNSUPPORTED_COMPONENT, id, null, "the path to " + p.dst + " leaves through " + what
                + ", beyond which the snapshot describes nothing");
        stopped = true;
    }

    private void enterFromVgw(Packet p) {
        hop(HopType.VIRTUAL_PRIVATE_GATEWAY, exit.id(), named(s.nameOf(exit.id())));
        p.arrivedVia = "vgw";
        edgeRouting(exit.id(), exit.vpcId(), p);
    }

    private void toEndpoint(String vpceId, String vpcId, Packet p) {
        VpcEndpoint e = s.vpcEndpoints().get(vpceId);
        if (e == null) {
            hop(HopType.VPC_ENDPOINT, vpceId, d(), true);
            unknown(vpceId, "a route targets VPC endpoint " + vpceId + ", which describe-vpc-endpoints.json does"
                    + " not list");
            return;
        }
        Map<String, Object> detail = d("type", e.type(), "service", e.serviceName(), "state", e.state(), "name",
                e.name());
        if (!"Gateway".equalsIgnoreCase(e.type())) {
            hop(HopType.VPC_ENDPOINT, vpceId, detail, true);
            explain(UNSUPPORTED_COMPONENT, vpceId, null, e.type() + " endpoint " + vpceId + " as a route target is"
                    + " not modelled");
            stopped = true;
            return;
        }
        if (!(p.proto == 6 || (p.isIcmp() && (p.icmpType == 8 || p.icmpType == 128)))) {
            hop(HopType.VPC_ENDPOINT, vpceId, detail, true);
            explain(VPCE_GATEWAY_PROTOCOL_RESTRICTION, vpceId, null, "gateway endpoint " + vpceId
                    + " carries only TCP and ICMP echo");
            stopped = true;
            return;
        }
        if (e.state() != null && !"available".equalsIgnoreCase(e.state())) {
            hop(HopType.VPC_ENDPOINT, vpceId, detail, true);
            explain(BAD_STATE, vpceId, null, "gateway endpoint " + vpceId + " is " + e.state());
            stopped = true;
            return;
        }
        hop(HopType.VPC_ENDPOINT, vpceId, detail);
        p.forgetSender();
        if (target instanceof Endpoint.Internet i && (i.address() == null || i.address().equals(p.dst))
                && i.igwId() == null) {
            hop(HopType.IP, p.dst.toString(), d("address", p.dst.toString(), "service", e.serviceName()));
            exit = new Exit("vpce", vpceId, vpcId);
            arrive(p, null, null);
            return;
        }
        explain(NO_PATH, vpceId, null, "gateway endpoint " + vpceId + " leads only to " + e.serviceName()
                + ", not to the destination");
        stopped = true;
    }

    private void enterFromEndpoint(Packet p) {
        VpcEndpoint e = s.vpcEndpoints().get(exit.id());
        hop(HopType.VPC_ENDPOINT, exit.id(), d("service", e == null ? null : e.serviceName()));
        p.arrivedVia = "vpce";
        arriveInVpc(exit.vpcId(), null, p, false);
    }

    // ---- recording ----

    private boolean tooLong() {
        if (hops.size() > MAX_HOPS) {
            explain(NO_PATH, "route tables", null, "the path is longer than " + MAX_HOPS
                    + " components: the route tables send it round in a loop");
            stopped = true;
            return true;
        }
        return stopped;
    }

    private void hop(HopType type, String id, Map<String, Object> detail) {
        hop(type, id, detail, false);
    }

    private void hop(HopType type, String id, Map<String, Object> detail, boolean blocked) {
        hops.add(new Hop(type, id, detail, blocked));
    }

    private void explain(String code, String component, String direction, String detail) {
        explanations.add(new Explanation(code, component, direction, detail, leg));
    }

    /** A filter blocks: recorded, and the trace goes on to find whatever else blocks. */
    private void block(String code, String component, String direction, String detail) {
        explain(code, component, direction, detail);
    }

    private void unknown(String id, String detail) {
        explain(UNKNOWN_RESOURCE, id, null, detail);
        stopped = true;
    }

    // ---- details ----

    static Map<String, Object> d(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private static Map<String, Object> named(String name) {
        return d("name", name);
    }

    private Map<String, Object> interfaceDetail(NetworkInterface eni, Ip address) {
        Map<String, Object> m = d("name", eni.name(), "address", address == null ? null : address.toString(),
                "vpc", eni.vpcId(), "subnet", eni.subnetId(), "instance", eni.instanceId());
        if (!"interface".equals(eni.interfaceType())) {
            m.put("interface_type", eni.interfaceType());
        }
        if (!eni.sourceDestCheck()) {
            m.put("source_dest_check", false);
        }
        return m;
    }

    private static Map<String, Object> subnetDetail(Subnet sub) {
        return d("name", sub.name(), "cidr", sub.cidr() == null ? null : sub.cidr().toString(), "vpc", sub.vpcId(),
                "availability_zone", sub.availabilityZone());
    }

    private static Map<String, Object> routeDetail(Route r) {
        return d("destination", r.destinationText(), "target", r.targetId(), "target_type", r.target().name(),
                "state", r.state(), "origin", r.origin());
    }

    private static String routeText(Route r) {
        return r.destinationText() + " -> " + r.targetId();
    }

    private static String routeList(RouteTable rt) {
        List<String> parts = new ArrayList<>();
        for (Route r : rt.routes()) {
            parts.add(routeText(r) + (r.isBlackhole() ? " (blackhole)" : ""));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    static String protocolName(int proto) {
        return switch (proto) {
            case -1 -> "all";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            case 58 -> "icmpv6";
            default -> Integer.toString(proto);
        };
    }

    static Map<String, Object> sgRuleDetail(SgRule r) {
        return d("protocol", protocolName(r.protocol()), "ports", sgPorts(r), "peer", r.peerText(),
                "description", r.description());
    }

    static String sgPorts(SgRule r) {
        if (r.protocol() == -1) {
            return "all";
        }
        if (r.protocol() == 1 || r.protocol() == 58) {
            return "type " + (r.fromPort() < 0 ? "any" : r.fromPort()) + " code " + (r.toPort() < 0 ? "any"
                    : r.toPort());
        }
        if (r.fromPort() < 0 && r.toPort() < 0) {
            return "all";
        }
        return r.fromPort() == r.toPort() ? Integer.toString(r.fromPort()) : r.fromPort() + "-" + r.toPort();
    }

    private static String sgRuleList(List<SgRule> rules) {
        if (rules.isEmpty()) {
            return "none";
        }
        Set<String> parts = new LinkedHashSet<>();
        for (SgRule r : rules) {
            parts.add(protocolName(r.protocol()) + " " + sgPorts(r) + " " + (r.egress() ? "to " : "from ")
                    + r.peerText());
        }
        return String.join(", ", parts);
    }

    static Map<String, Object> aclEntryDetail(AclEntry e) {
        Map<String, Object> m = d("rule_number", e.ruleNumber(), "action", e.allow() ? "allow" : "deny",
                "protocol", protocolName(e.protocol()), "cidr", e.cidr().toString());
        if (e.protocol() == 6 || e.protocol() == 17) {
            m.put("ports", e.fromPort() == e.toPort() ? Integer.toString(e.fromPort()) : e.fromPort() + "-" + e.toPort());
        } else if (e.protocol() == 1 || e.protocol() == 58) {
            m.put("icmp_type", e.icmpType());
            m.put("icmp_code", e.icmpCode());
        }
        return m;
    }

    private static String aclEntryText(AclEntry e) {
        String ports = e.protocol() == 6 || e.protocol() == 17 ? " ports " + (e.fromPort() == e.toPort()
                ? Integer.toString(e.fromPort()) : e.fromPort() + "-" + e.toPort()) : "";
        return e.ruleNumberText() + " (" + (e.allow() ? "allow" : "deny") + " " + protocolName(e.protocol()) + ports
                + " " + (e.egress() ? "to " : "from ") + e.cidr() + ")";
    }

    private static String label(String name) {
        return name == null || name.isEmpty() ? "" : " (" + name + ")";
    }

    private static String describeOwner(NetworkInterface eni) {
        return eni.name() != null ? " (" + eni.name() + ")" : eni.instanceId() != null ? " (" + eni.instanceId() + ")"
                : "";
    }

    private String owner(String vpcId, Ip ip) {
        NetworkInterface e = s.interfaceAt(vpcId, ip);
        return e == null ? "" : " (" + e.id() + ")";
    }

    private static String cidrText(List<Cidr> cidrs) {
        List<String> parts = new ArrayList<>();
        cidrs.forEach(c -> parts.add(c.toString()));
        return String.join(", ", parts);
    }

    static HopType hopTypeFor(String id) {
        if (id == null) {
            return HopType.IP;
        }
        if (id.startsWith("eni-")) {
            return HopType.NETWORK_INTERFACE;
        }
        if (id.startsWith("i-")) {
            return HopType.INSTANCE;
        }
        if (id.startsWith("igw-") || id.startsWith("eigw-")) {
            return HopType.INTERNET_GATEWAY;
        }
        if (id.startsWith("nat-")) {
            return HopType.NAT_GATEWAY;
        }
        if (id.startsWith("pcx-")) {
            return HopType.VPC_PEERING_CONNECTION;
        }
        if (id.startsWith("tgw-attach-")) {
            return HopType.TRANSIT_GATEWAY_ATTACHMENT;
        }
        if (id.startsWith("tgw-rtb-")) {
            return HopType.TRANSIT_GATEWAY_ROUTE_TABLE;
        }
        if (id.startsWith("tgw-")) {
            return HopType.TRANSIT_GATEWAY;
        }
        if (id.startsWith("vpce-")) {
            return HopType.VPC_ENDPOINT;
        }
        if (id.startsWith("vgw-")) {
            return HopType.VIRTUAL_PRIVATE_GATEWAY;
        }
        if (id.startsWith("subnet-")) {
            return HopType.SUBNET;
        }
        return HopType.IP;
    }
}
