package dev.mirrorscope.engine.reach.access;

import dev.mirrorscope.engine.reach.analysis.AnalysisResult;
import dev.mirrorscope.engine.reach.analysis.Hop;
import dev.mirrorscope.engine.reach.analysis.HopType;
import dev.mirrorscope.engine.reach.analysis.Protocol;
import dev.mirrorscope.engine.reach.analysis.Query;
import dev.mirrorscope.engine.reach.analysis.ReachabilityAnalyzer;
import dev.mirrorscope.engine.reach.model.AclEntry;
import dev.mirrorscope.engine.reach.model.Cidr;
import dev.mirrorscope.engine.reach.model.InternetGateway;
import dev.mirrorscope.engine.reach.model.Ip;
import dev.mirrorscope.engine.reach.model.NetworkAcl;
import dev.mirrorscope.engine.reach.model.NetworkInterface;
import dev.mirrorscope.engine.reach.model.PeeringConnection;
import dev.mirrorscope.engine.reach.model.PortSet;
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
import dev.mirrorscope.engine.reach.model.TransitGateway;
import dev.mirrorscope.engine.reach.model.Vpc;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Network Access Analyzer-style findings over a whole snapshot, each backed by the reachability analyzer:
 * which interfaces the internet can reach and on which protocols and ports; which expose administrative
 * and database ports; which routes carry traffic across VPC boundaries (peering, transit gateways).
 */
public final class AccessAnalyzer {
    /** Ports people mean when they say "administrative access", with the service usually behind each. */
    public static final Map<Integer, String> ADMIN_PORTS = adminPorts();

    private final Snapshot s;
    private final ReachabilityAnalyzer reach;
    private final Map<String, Integer> interfacesPerVpc = new java.util.HashMap<>();

    public AccessAnalyzer(Snapshot snapshot) {
        this.s = snapshot;
        this.reach = new ReachabilityAnalyzer(snapshot);
    }

    private static Map<Integer, String> adminPorts() {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(21, "ftp");
        m.put(22, "ssh");
        m.put(23, "telnet");
        m.put(135, "msrpc");
        m.put(139, "netbios");
        m.put(445, "smb");
        m.put(1433, "mssql");
        m.put(1521, "oracle");
        m.put(2375, "docker");
        m.put(2376, "docker-tls");
        m.put(3306, "mysql");
        m.put(3389, "rdp");
        m.put(5432, "postgresql");
        m.put(5601, "kibana");
        m.put(5900, "vnc");
        m.put(5985, "winrm");
        m.put(5986, "winrm-https");
        m.put(6379, "redis");
        m.put(9042, "cassandra");
        m.put(9200, "elasticsearch");
        m.put(11211, "memcached");
        m.put(27017, "mongodb");
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(m));
    }

    /** What to look for. */
    public enum Scope {
        INTERNET, ADMIN, CROSS_VPC
    }

    /**
     * Runs the chosen analyses. The internet scan splits the interfaces over {@code threads} workers; the
     * findings come out in snapshot order whatever the thread count.
     */
    public AccessReport analyze(Set<Scope> scopes, int threads) throws InterruptedException {
        List<InternetExposure> exposed = List.of();
        List<AdminExposure> admin = List.of();
        if (scopes.contains(Scope.INTERNET) || scopes.contains(Scope.ADMIN)) {
            exposed = internetExposures(threads);
        }
        if (scopes.contains(Scope.ADMIN)) {
            admin = adminExposures(exposed);
        }
        List<CrossVpcPath> cross = scopes.contains(Scope.CROSS_VPC) ? crossVpcPaths() : List.of();
        return new AccessReport(s.networkInterfaces().size(), s.vpcs().size(),
                scopes.contains(Scope.INTERNET) ? exposed : List.of(), admin, cross);
    }

    // ---- internet exposure ----

    List<InternetExposure> internetExposures(int threads) throws InterruptedException {
        List<NetworkInterface> enis = new ArrayList<>(s.networkInterfaces().values());
        int n = Math.max(1, threads);
        if (n == 1 || enis.size() < 64) {
            List<InternetExposure> out = new ArrayList<>();
            for (NetworkInterface e : enis) {
                InternetExposure x = exposureOf(e);
                if (x != null) {
                    out.add(x);
                }
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "access-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<InternetExposure>>> parts = new ArrayList<>();
            int chunk = (enis.size() + n - 1) / n;
            for (int i = 0; i < enis.size(); i += chunk) {
                List<NetworkInterface> slice = enis.subList(i, Math.min(enis.size(), i + chunk));
                parts.add(pool.submit(() -> {
                    List<InternetExposure> out = new ArrayList<>();
                    for (NetworkInterface e : slice) {
                        InternetExposure x = exposureOf(e);
                        if (x != null) {
                            out.add(x);
                        }
                    }
                    return out;
                }));
            }
            List<InternetExposure> all = new ArrayList<>();
            for (Future<List<InternetExposure>> f : parts) {
                try {
                    all.addAll(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("internet exposure scan failed: " + e.getCause(), e.getCause());
                }
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The ports and protocols on which the internet reaches {@code eni}, or null. Only candidates its security
     * groups could allow are traced: one port of each range the rules and the subnet's ACL tell apart, from one
     * internet address of each class the rules and routes tell apart, until one gets through both ways.
     */
    InternetExposure exposureOf(NetworkInterface eni) {
        List<Ip> publicIps = new ArrayList<>();
        for (PrivateAddress a : eni.privateAddresses()) {
            if (a.publicIp() != null) {
                publicIps.add(a.publicIp());
            }
        }
        List<Ip> v6 = new ArrayList<>();
        for (Ip ip : eni.ipv6Addresses()) {
            if (ip.isInternet()) {
                v6.add(ip);
            }
        }
        InternetGateway igw = attachedIgw(eni.vpcId());
        if (igw == null || (publicIps.isEmpty() && v6.isEmpty()) || eni.groupIds().isEmpty()) {
            return null;
        }
        List<SgRule> inbound = new ArrayList<>();
        for (String g : eni.groupIds()) {
            SecurityGroup sg = s.securityGroups().get(g);
            if (sg != null) {
                inbound.addAll(sg.ingress());
            }
        }
        Subnet subnet = s.subnets().get(eni.subnetId());
        NetworkAcl acl = subnet == null ? null : s.aclFor(subnet);
        List<Exposure> exposures = new ArrayList<>();
        for (boolean ipv6 : new boolean[] {false, true}) {
            if (ipv6 ? v6.isEmpty() : publicIps.isEmpty()) {
                continue;
            }
            List<Ip> sources = internetSources(eni, inbound, ipv6);
            for (Protocol proto : Protocol.values()) {
                int number = proto.number(ipv6);
                List<SgRule> rules = new ArrayList<>();
                for (SgRule r : inbound) {
                    if ((r.protocol() == -1 || r.protocol() == number) && reachesInternet(r, ipv6)) {
                        rules.add(r);
                    }
                }
                if (rules.isEmpty()) {
                    continue;
                }
                if (proto.hasPorts()) {
                    exposures.addAll(portExposure(eni, proto, number, rules, acl, sources, ipv6));
                } else {
                    Exposure x = icmpExposure(eni, rules, sources, ipv6);
                    if (x != null) {
                        exposures.add(x);
                    }
                }
            }
        }
        if (exposures.isEmpty()) {
            return null;
        }
        List<String> pub = new ArrayList<>();
        publicIps.forEach(ip -> pub.add(ip.toString()));
        v6.forEach(ip -> pub.add(ip.toString()));
        return new InternetExposure(eni.id(), eni.name(), eni.instanceId(), eni.vpcId(), eni.subnetId(), pub,
                igw.id(), eni.groupIds(), exposures);
    }

    /** One exposure per set of admitting peers, so "80,443 from anywhere" and "8000-8100 from an office" differ. */
    private List<Exposure> portExposure(NetworkInterface eni, Protocol proto, int number, List<SgRule> rules,
            NetworkAcl acl, List<Ip> sources, boolean ipv6) {
        List<Integer> bounds = portBounds(rules, acl, number);
        Map<Set<String>, PortSet> byPeers = new LinkedHashMap<>();
        for (int i = 0; i < bounds.size(); i++) {
            int from = bounds.get(i);
            int to = i + 1 < bounds.size() ? bounds.get(i + 1) - 1 : PortSet.MAX;
            List<SgRule> allowing = new ArrayList<>();
            for (SgRule r : rules) {
                if (r.protocol() == -1 || (r.fromPort() <= from && (r.toPort() < 0 || to <= r.toPort()))
                        || (r.fromPort() < 0 && r.toPort() < 0)) {
                    allowing.add(r);
                }
            }
            if (allowing.isEmpty() || !reachableFromAny(eni, proto, from, allowing, sources)) {
                continue;
            }
            Set<String> peers = new TreeSet<>();
            allowing.forEach(r -> peers.add(r.peerText()));
            byPeers.merge(peers, PortSet.range(from, to), PortSet::union);
        }
        List<Exposure> out = new ArrayList<>();
        for (Map.Entry<Set<String>, PortSet> e : byPeers.entrySet()) {
            boolean world = e.getKey().contains("0.0.0.0/0") || e.getKey().contains("::/0");
            out.add(new Exposure(proto.label(), ipv6 ? 6 : 4, e.getValue(), List.copyOf(e.getKey()), world));
        }
        return out;
    }

    private Exposure icmpExposure(NetworkInterface eni, List<SgRule> rules, List<Ip> sources, boolean ipv6) {
        List<SgRule> allowing = new ArrayList<>();
        int echo = ipv6 ? 128 : 8;
        for (SgRule r : rules) {
            if (r.protocol() == -1 || r.fromPort() < 0 || r.fromPort() == echo) {
                allowing.add(r);
            }
        }
        if (allowing.isEmpty() || !reachableFromAny(eni, Protocol.ICMP, null, allowing, sources)) {
            return null;
        }
        Set<String> peers = new TreeSet<>();
        boolean world = false;
        for (SgRule r : allowing) {
            peers.add(r.peerText());
            world |= r.cidr() != null && r.cidr().prefix() == 0;
        }
        return new Exposure(ipv6 ? "icmpv6" : "icmp", ipv6 ? 6 : 4, null, List.copyOf(peers), world);
    }

    /** Traces from each internet source some allowing rule admits, until one connection gets through. */
    private boolean reachableFromAny(NetworkInterface eni, Protocol proto, Integer port, List<SgRule> allowing,
            List<Ip> sources) {
        for (Ip src : sources) {
            boolean admitted = false;
            for (SgRule r : allowing) {
                if (peerHolds(r, src)) {
                    admitted = true;
                    break;
                }
            }
            if (!admitted) {
                continue;
            }
            AnalysisResult r = reach.analyze(new Query(src.toString(), eni.id(), proto, port));
            if (r.reachable()) {
                return true;
            }
            if (!passesInternetGateway(r)) {
                return false; // nothing about the source changes an internet gateway's verdict
            }
        }
        return false;
    }

    private static boolean passesInternetGateway(AnalysisResult r) {
        for (Hop h : r.forward()) {
            if (h.type() == HopType.INTERNET_GATEWAY) {
                return !h.blocked();
            }
        }
        return false;
    }

    private boolean peerHolds(SgRule r, Ip ip) {
        if (r.cidr() != null) {
            return r.cidr().contains(ip);
        }
        if (r.prefixListId() != null) {
            PrefixList pl = s.prefixLists().get(r.prefixListId());
            return pl != null && pl.contains(ip);
        }
        return false;
    }

    /** A rule whose peer includes some internet address (group references never match internet traffic). */
    private boolean reachesInternet(SgRule r, boolean ipv6) {
        List<Cidr> cidrs = new ArrayList<>();
        if (r.cidr() != null) {
            cidrs.add(r.cidr());
        } else if (r.prefixListId() != null) {
            PrefixList pl = s.prefixLists().get(r.prefixListId());
            if (pl != null && pl.entries() != null) {
                cidrs.addAll(pl.entries());
            }
        }
        for (Cidr c : cidrs) {
            if (c.isV6() == ipv6 && (c.network().isInternet() || c.last().isInternet() || c.prefix() < 8)) {
                return true;
            }
        }
        return false;
    }

    /** Internet addresses, one per class the interface's rules, its VPC's ACLs and routes tell apart. */
    private List<Ip> internetSources(NetworkInterface eni, List<SgRule> inbound, boolean ipv6) {
        TreeSet<Ip> bounds = new TreeSet<>();
        List<Cidr> cidrs = new ArrayList<>();
        for (SgRule r : inbound) {
            if (r.cidr() != null) {
                cidrs.add(r.cidr());
            } else if (r.prefixListId() != null) {
                PrefixList pl = s.prefixLists().get(r.prefixListId());
                if (pl != null && pl.entries() != null) {
                    cidrs.addAll(pl.entries());
                }
            }
        }
        Subnet subnet = s.subnets().get(eni.subnetId());
        if (subnet != null) {
            NetworkAcl acl = s.aclFor(subnet);
            if (acl != null) {
                acl.ingress().forEach(e -> cidrs.add(e.cidr()));
                acl.egress().forEach(e -> cidrs.add(e.cidr()));
            }
            RouteTable rt = s.routeTableFor(subnet);
            if (rt != null) {
                rt.routes().forEach(r -> {
                    if (r.destination() != null) {
                        cidrs.add(r.destination());
                    }
                });
            }
        }
        if (!ipv6) {
            bounds.add(Ip.v4(0));
            cidrs.addAll(Cidr.NOT_INTERNET_V4);
        } else {
            bounds.add(Ip.parse("2000::"));
        }
        for (Cidr c : cidrs) {
            if (c.isV6() != ipv6) {
                continue;
            }
            bounds.add(c.network());
            Ip next = c.last().plus(1);
            if (next.compareTo(c.last()) > 0) {
                bounds.add(next);
            }
        }
        List<Ip> out = new ArrayList<>();
        for (Ip b : bounds) {
            if (b.isInternet()) {
                out.add(b);
            }
        }
        return out;
    }

    private static List<Integer> portBounds(List<SgRule> rules, NetworkAcl acl, int proto) {
        TreeSet<Integer> b = new TreeSet<>();
        b.add(0);
        for (SgRule r : rules) {
            if (r.protocol() == proto && r.fromPort() >= 0) {
                b.add(r.fromPort());
                if (r.toPort() >= 0 && r.toPort() < PortSet.MAX) {
                    b.add(r.toPort() + 1);
                }
            }
        }
        if (acl != null) {
            for (AclEntry e : acl.ingress()) {
                if (e.protocol() == proto) {
                    b.add(e.fromPort());
                    if (e.toPort() < PortSet.MAX) {
                        b.add(e.toPort() + 1);
                    }
                }
            }
        }
        return new ArrayList<>(b);
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

    // ---- administrative ports ----

    /**
     * Administrative and database ports open to the internet (traced), or left open to the whole internet by a
     * 0.0.0.0/0 or ::/0 security group rule that today's routing or addressing happens to make unreachable.
     */
    List<AdminExposure> adminExposures(List<InternetExposure> exposed) {
        Map<String, InternetExposure> byEni = new LinkedHashMap<>();
        exposed.forEach(x -> byEni.put(x.interfaceId(), x));
        List<AdminExposure> out = new ArrayList<>();
        for (NetworkInterface eni : s.networkInterfaces().values()) {
            InternetExposure x = byEni.get(eni.id());
            for (Map.Entry<Integer, String> p : ADMIN_PORTS.entrySet()) {
                int port = p.getKey();
                Set<String> reachableVia = new TreeSet<>();
                boolean reachable = false;
                if (x != null) {
                    for (Exposure e : x.exposures()) {
                        if (e.protocol().equals("tcp") && e.ports().contains(port)) {
                            reachable = true;
                            reachableVia.addAll(e.sources());
                        }
                    }
                }
                Set<String> worldGroups = new TreeSet<>();
                Set<String> worldPeers = new TreeSet<>();
                for (String g : eni.groupIds()) {
                    SecurityGroup sg = s.securityGroups().get(g);
                    if (sg == null) {
                        continue;
                    }
                    for (SgRule r : sg.ingress()) {
                        boolean covers = r.protocol() == -1 || (r.protocol() == 6 && (r.fromPort() < 0
                                || (r.fromPort() <= port && port <= r.toPort())));
                        if (covers && r.cidr() != null && r.cidr().prefix() == 0) {
                            worldGroups.add(g);
                            worldPeers.add(r.cidr().toString());
                        }
                    }
                }
                if (!reachable && worldGroups.isEmpty()) {
                    continue;
                }
                out.add(new AdminExposure(eni.id(), eni.name(), eni.instanceId(), eni.vpcId(), port, p.getValue(),
                        reachable, reachable ? List.copyOf(reachableVia) : List.copyOf(worldPeers),
                        List.copyOf(worldGroups)));
            }
        }
        return out;
    }

    // ---- crossing VPC boundaries ----

    /**
     * Every route that sends traffic out of its VPC to another VPC through a peering connection or a transit
     * gateway, with where it lands and whether the other side routes replies back the same way.
     */
    List<CrossVpcPath> crossVpcPaths() {
        interfacesPerVpc.clear();
        for (NetworkInterface e : s.networkInterfaces().values()) {
            interfacesPerVpc.merge(e.vpcId(), 1, Integer::sum);
        }
        Map<String, CrossVpcPath> out = new LinkedHashMap<>();
        for (RouteTable rt : s.routeTables().values()) {
            List<String> subnets = subnetsUsing(rt);
            if (subnets.isEmpty()) {
                continue;
            }
            for (Route r : rt.routes()) {
                if (r.destination() == null) {
                    continue;
                }
                if (r.target() == Route.Target.VPC_PEERING_CONNECTION) {
                    peeringPath(rt, r, subnets, out);
                } else if (r.target() == Route.Target.TRANSIT_GATEWAY) {
                    tgwPath(rt, r, subnets, out);
                }
            }
        }
        return List.copyOf(out.values());
    }

    private List<String> subnetsUsing(RouteTable rt) {
        List<String> out = new ArrayList<>();
        for (Subnet sub : s.subnetsOf(rt.vpcId())) {
            RouteTable used = s.routeTableFor(sub);
            if (used != null && used.id().equals(rt.id())) {
                out.add(sub.id());
            }
        }
        return out;
    }

    private void peeringPath(RouteTable rt, Route r, List<String> subnets, Map<String, CrossVpcPath> out) {
        PeeringConnection pcx = s.peeringConnections().get(r.targetId());
        String status;
        String toVpc = null;
        boolean back = false;
        if (pcx == null) {
            status = "unknown peering connection";
        } else {
            PeeringConnection.Side other = pcx.otherSide(rt.vpcId());
            toVpc = other == null ? null : other.vpcId();
            Vpc peer = toVpc == null ? null : s.vpcs().get(toVpc);
            if (r.isBlackhole()) {
                status = "blackhole";
            } else if (!pcx.isActive()) {
                status = pcx.status();
            } else if (other == null) {
                status = "not connected to " + rt.vpcId();
            } else if (!(peer != null ? overlaps(peer.allCidrs(), r.destination()) : overlaps(other.cidrs(),
                    r.destination()))) {
                status = "destination outside the peer VPC (peering is not transitive)";
            } else {
                status = "active";
            }
            if (toVpc != null) {
                back = routesBack(toVpc, rt.vpcId(), Route.Target.VPC_PEERING_CONNECTION, pcx.id());
            }
        }
        add(out, new CrossVpcPath(rt.vpcId(), toVpc, "VPC_PEERING_CONNECTION", List.of(r.targetId()),
                r.destination().toString(), List.of(rt.id()), subnets, status, back, count(rt.vpcId()), count(toVpc)));
    }

    private void tgwPath(RouteTable rt, Route r, List<String> subnets, Map<String, CrossVpcPath> out) {
        TransitGateway tgw = s.transitGateways().get(r.targetId());
        TgwAttachment from = null;
        for (TgwAttachment a : s.attachmentsOf(r.targetId())) {
            if ("vpc".equals(a.resourceType()) && rt.vpcId().equals(a.resourceId())) {
                from = a;
            }
        }
        if (tgw == null || from == null || r.isBlackhole()) {
            String status = r.isBlackhole() ? "blackhole" : tgw == null ? "unknown transit gateway"
                    : "no attachment for " + rt.vpcId();
            add(out, new CrossVpcPath(rt.vpcId(), null, "TRANSIT_GATEWAY", List.of(r.targetId()),
                    r.destination().toString(), List.of(rt.id()), subnets, status, false, count(rt.vpcId()), 0));
            return;
        }
        String rtbId = s.associatedRouteTable(from);
        // Each transit gateway route overlapping the VPC route's destination is a path to somewhere.
        boolean any = false;
        for (TgwRoute tr : rtbId == null ? List.<TgwRoute>of() : s.tgwRoutes(rtbId)) {
            if (tr.destination() == null || !(tr.destination().contains(r.destination())
                    || r.destination().contains(tr.destination()))) {
                continue;
            }
            any = true;
            String status = tr.isBlackhole() || tr.attachmentIds().isEmpty() ? "blackhole in " + rtbId : "active";
            TgwAttachment to = tr.attachmentIds().isEmpty() ? null
                    : s.transitGatewayAttachments().get(tr.attachmentIds().get(0));
            String toVpc = to != null && "vpc".equals(to.resourceType()) ? to.resourceId() : null;
            if (to != null && !"vpc".equals(to.resourceType())) {
                status = "leaves through a " + to.resourceType() + " attachment";
            }
            if (toVpc != null && toVpc.equals(rt.vpcId())) {
                continue;
            }
            List<String> via = new ArrayList<>(List.of(tgw.id(), from.id(), rtbId));
            if (to != null) {
                via.add(to.id());
            }
            boolean back = toVpc != null && routesBack(toVpc, rt.vpcId(), Route.Target.TRANSIT_GATEWAY, tgw.id())
                    && tgwRoutesBack(to, rt.vpcId());
            String dest = tr.destination().prefix() >= r.destination().prefix() ? tr.destination().toString()
                    : r.destination().toString();
            add(out, new CrossVpcPath(rt.vpcId(), toVpc, "TRANSIT_GATEWAY", List.copyOf(via), dest, List.of(rt.id()),
                    subnets, status, back, count(rt.vpcId()), count(toVpc)));
        }
        if (!any) {
            add(out, new CrossVpcPath(rt.vpcId(), null, "TRANSIT_GATEWAY", List.of(tgw.id(), from.id(),
                    String.valueOf(rtbId)), r.destination().toString(), List.of(rt.id()), subnets,
                    rtbId == null ? "attachment has no route table" : "no transit gateway route", false,
                    count(rt.vpcId()), 0));
        }
    }

    /** The same path found through several route tables is one path with all of them. */
    private static void add(Map<String, CrossVpcPath> out, CrossVpcPath p) {
        String key = p.fromVpc() + "|" + p.toVpc() + "|" + p.via() + "|" + p.destination() + "|" + p.status();
        CrossVpcPath old = out.get(key);
        if (old == null) {
            out.put(key, p);
            return;
        }
        Set<String> rts = new LinkedHashSet<>(old.routeTables());
        rts.addAll(p.routeTables());
        Set<String> subs = new LinkedHashSet<>(old.subnets());
        subs.addAll(p.subnets());
        out.put(key, new CrossVpcPath(old.fromVpc(), old.toVpc(), old.type(), old.via(), old.destination(),
                List.copyOf(rts), List.copyOf(subs), old.status(), old.returnRoute() || p.returnRoute(),
                old.fromInterfaces(), old.toInterfaces()));
    }

    /** True when some subnet route table of {@code vpc} sends {@code backTo}'s CIDRs to the same target. */
    private boolean routesBack(String vpc, String backTo, Route.Target kind, String targetId) {
        Vpc v = s.vpcs().get(backTo);
        if (v == null) {
            return false;
        }
        for (RouteTable rt : s.routeTables().values()) {
            if (!rt.vpcId().equals(vpc)) {
                continue;
            }
            for (Route r : rt.routes()) {
                if (r.target() == kind && targetId.equals(r.targetId()) && !r.isBlackhole() && r.destination() != null
                        && overlaps(v.allCidrs(), r.destination())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean tgwRoutesBack(TgwAttachment to, String backTo) {
        Vpc v = s.vpcs().get(backTo);
        String rtb = s.associatedRouteTable(to);
        if (v == null || rtb == null) {
            return false;
        }
        for (TgwRoute tr : s.tgwRoutes(rtb)) {
            if (tr.destination() != null && !tr.isBlackhole() && overlaps(v.allCidrs(), tr.destination())) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(Collection<Cidr> cidrs, Cidr c) {
        for (Cidr x : cidrs) {
            if (x.contains(c) || c.contains(x)) {
                return true;
            }
        }
        return false;
    }

    private int count(String vpcId) {
        return vpcId == null ? 0 : interfacesPerVpc.getOrDefault(vpcId, 0);
    }
}
