package dev.mirrorscope.engine.reach.analysis;

import dev.mirrorscope.engine.reach.model.Instance;
import dev.mirrorscope.engine.reach.model.InternetGateway;
import dev.mirrorscope.engine.reach.model.Ip;
import dev.mirrorscope.engine.reach.model.NetworkInterface;
import dev.mirrorscope.engine.reach.model.PortSet;
import dev.mirrorscope.engine.reach.model.PrivateAddress;
import dev.mirrorscope.engine.reach.model.Snapshot;
import dev.mirrorscope.engine.reach.model.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers reachability questions against a {@link Snapshot}, as VPC Reachability Analyzer does, offline: the
 * forward and return paths hop by hop with the rule or route used at each security group, network ACL and route
 * table, a verdict, and every blocking component with its explanation code. Thread-safe; one instance can
 * answer any number of questions.
 */
public final class ReachabilityAnalyzer {
    /** Traces one question may take when it asks about any port or any internet address; a bound, not a target. */
    private static final int MAX_TRACES = 20_000;

    private final Snapshot snapshot;

    public ReachabilityAnalyzer(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /**
     * Answers one question.
     *
     * @throws IllegalArgumentException when source or destination is neither an ID nor an IP address
     */
    public AnalysisResult analyze(Query q) {
        List<Endpoint> sources = resolve(q.source(), true);
        List<Endpoint> destinations = resolve(q.destination(), false);
        Endpoint badSrc = unresolved(sources);
        Endpoint badDst = unresolved(destinations);
        if (badSrc != null || badDst != null) {
            List<Explanation> ex = new ArrayList<>();
            for (Endpoint e : new Endpoint[] {badSrc, badDst}) {
                if (e instanceof Endpoint.Unresolved u) {
                    ex.add(new Explanation(u.code(), u.id(), null, u.detail(), Explanation.Leg.FORWARD));
                }
            }
            return new AnalysisResult(q, false, List.of(), List.of(), List.copyOf(ex), null, null, q.port());
        }
        Best best = new Best();
        int traces = 0;
        for (Endpoint srcChoice : sources) {
            for (Endpoint dstChoice : destinations) {
                boolean v6 = wantsV6(srcChoice, dstChoice);
                Endpoint src = withAddress(srcChoice, v6);
                Endpoint dst = withAddress(dstChoice, v6);
                List<Ip> srcAddrs = addresses(src, dst, v6, true);
                List<Ip> dstAddrs = addresses(dst, src, v6, false);
                if (srcAddrs.isEmpty() || dstAddrs.isEmpty()) {
                    Endpoint lacking = srcAddrs.isEmpty() ? src : dst;
                    best.offer(new Candidate(noAddress(lacking, v6), null, null, null));
                    continue;
                }
                List<Integer> ports = q.port() != null || !q.protocol().hasPorts() ? java.util.Collections
                        .singletonList(q.port()) : Representatives.ports(snapshot, vpcsOf(src, dst),
                        groupsOf(src), groupsOf(dst), q.protocol().number(v6));
                for (Ip sa : srcAddrs) {
                    for (Ip da : dstAddrs) {
                        for (Integer port : ports) {
                            if (traces++ >= MAX_TRACES) {
                                return best.result(q);
                            }
                            Packet p = packet(q, v6, sa, destinationAddress(src, dst, da), port);
                            PathWalker.Trace t = PathWalker.trace(snapshot, src, dst, p);
                            best.offer(new Candidate(t, sa, da, port));
                            if (t.reachable()) {
                                return best.result(q);
                            }
                        }
                    }
                }
            }
        }
        return best.result(q);
    }

    private record Candidate(PathWalker.Trace trace, Ip src, Ip dst, Integer port) {
        int score() {
            return (trace.forwardArrived() ? 2_000_000 : 0) + (trace.returnArrived() ? 1_000_000 : 0)
                    - trace.explanations().size() * 1000 + trace.forward().size();
        }
    }

    private static final class Best {
        Candidate best;

        void offer(Candidate c) {
            if (best == null || c.trace().reachable() || c.score() > best.score()) {
                best = c;
            }
        }

        AnalysisResult result(Query q) {
            PathWalker.Trace t = best.trace();
            return new AnalysisResult(q, t.reachable(), t.forward(), t.back(), t.explanations(),
                    best.src() == null ? null : best.src().toString(), best.dst() == null ? null : best.dst().toString(),
                    best.port());
        }
    }

    private static PathWalker.Trace noAddress(Endpoint e, boolean v6) {
        String id = e instanceof Endpoint.Interface i ? i.eni().id() : "endpoint";
        return new PathWalker.Trace(false, false, List.of(), List.of(), List.of(new Explanation(
                ExplanationCodes.NO_PATH, id, null, id + " has no " + (v6 ? "IPv6" : "IPv4") + " address, and the"
                        + " other end is " + (v6 ? "IPv6" : "IPv4") + " only", Explanation.Leg.FORWARD)));
    }

    private Packet packet(Query q, boolean v6, Ip src, Ip dst, Integer port) {
        Packet p = new Packet();
        p.src = src;
        p.dst = dst;
        p.proto = q.protocol().number(v6);
        if (q.protocol().hasPorts()) {
            p.dports = PortSet.of(port == null ? 0 : port);
            p.sports = q.sourcePort() != null ? PortSet.of(q.sourcePort()) : PortSet.EPHEMERAL;
        } else {
            p.dports = PortSet.ALL;
            p.sports = PortSet.ALL;
            p.icmpType = v6 ? 128 : 8;
            p.icmpCode = 0;
        }
        return p;
    }

    /** The address the packet is sent to: an interface's public IP when the path comes from the internet. */
    private Ip destinationAddress(Endpoint src, Endpoint dst, Ip dstAddr) {
        if (dst instanceof Endpoint.Interface d) {
            if (d.viaPublicIp() != null) {
                return d.viaPublicIp();
            }
            if (src instanceof Endpoint.Internet && !dstAddr.isV6()) {
                PrivateAddress a = d.eni().privateAddress(dstAddr);
                if (a != null && a.publicIp() != null) {
                    return a.publicIp();
                }
                for (PrivateAddress pa : d.eni().privateAddresses()) {
                    if (pa.publicIp() != null) {
                        return pa.publicIp();
                    }
                }
            }
        }
        return dstAddr;
    }

    private List<Ip> addresses(Endpoint e, Endpoint other, boolean v6, boolean isSource) {
        if (e instanceof Endpoint.Interface i) {
            return i.address() == null ? List.of() : List.of(i.address());
        }
        if (e instanceof Endpoint.Internet n) {
            if (n.address() != null) {
                return List.of(n.address());
            }
            Set<String> vpcs = new LinkedHashSet<>(vpcsOf(other, other));
            if (n.igwId() != null) {
                InternetGateway g = snapshot.internetGateways().get(n.igwId());
                if (g != null) {
                    g.attachments().forEach(a -> vpcs.add(a.vpcId()));
                }
            }
            return Representatives.internetAddresses(snapshot, vpcs, groupsOf(other), v6);
        }
        if (e instanceof Endpoint.SubnetAddress sa) {
            return List.of(sa.address());
        }
        if (e instanceof Endpoint.External x) {
            return List.of(x.address());
        }
        return List.of();
    }

    private static List<String> vpcsOf(Endpoint a, Endpoint b) {
        Set<String> out = new LinkedHashSet<>();
        for (Endpoint e : new Endpoint[] {a, b}) {
            if (e instanceof Endpoint.Interface i) {
                out.add(i.eni().vpcId());
            } else if (e instanceof Endpoint.SubnetAddress sa) {
                out.add(sa.subnet().vpcId());
            }
        }
        return List.copyOf(out);
    }

    private static List<String> groupsOf(Endpoint e) {
        return e instanceof Endpoint.Interface i ? i.eni().groupIds() : List.of();
    }

    private static boolean wantsV6(Endpoint src, Endpoint dst) {
        for (Endpoint e : new Endpoint[] {src, dst}) {
            if (e instanceof Endpoint.Interface i && i.address() != null) {
                return i.address().isV6();
            }
            if (e instanceof Endpoint.Internet n && n.address() != null) {
                return n.address().isV6();
            }
            if (e instanceof Endpoint.SubnetAddress sa) {
                return sa.address().isV6();
            }
            if (e instanceof Endpoint.External x) {
                return x.address().isV6();
            }
        }
        for (Endpoint e : new Endpoint[] {src, dst}) {
            if (e instanceof Endpoint.Interface i && i.eni().primaryIp() == null && !i.eni().ipv6Addresses().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static Endpoint withAddress(Endpoint e, boolean v6) {
        if (e instanceof Endpoint.Interface i && i.address() == null) {
            Ip a = v6 ? (i.eni().ipv6Addresses().isEmpty() ? null : i.eni().ipv6Addresses().get(0)) : i.eni().primaryIp();
            return new Endpoint.Interface(i.eni(), a, i.instance(), i.viaPublicIp());
        }
        return e;
    }

    private static Endpoint unresolved(List<Endpoint> list) {
        for (Endpoint e : list) {
            if (e instanceof Endpoint.Unresolved) {
                return e;
            }
        }
        return null;
    }

    /** The endpoints an ID or address stands for; an instance stands for each of its interfaces, primary first. */
    List<Endpoint> resolve(String text, boolean asSource) {
        String id = text == null ? "" : text.trim();
        String role = asSource ? "source" : "destination";
        if (id.startsWith("eni-")) {
            NetworkInterface e = snapshot.networkInterfaces().get(id);
            if (e == null) {
                return List.of(missing(id, "the " + role + " " + id + " is not in describe-network-interfaces.json"));
            }
            return List.of(new Endpoint.Interface(e, null, null, null));
        }
        if (id.startsWith("i-")) {
            Instance inst = snapshot.instances().get(id);
            List<NetworkInterface> enis = snapshot.interfacesOf(id);
            if (inst == null && enis.isEmpty()) {
                return List.of(missing(id, "the " + role + " " + id + " is not in describe-instances.json"));
            }
            if (enis.isEmpty()) {
                return List.of(new Endpoint.Unresolved(id, "UNASSOCIATED_COMPONENT", "instance " + id
                        + " has no network interface in the snapshot"));
            }
            Instance instance = inst != null ? inst : new Instance(id, null, null, null, List.of(), java.util.Map.of());
            List<Endpoint> out = new ArrayList<>();
            enis.forEach(e -> out.add(new Endpoint.Interface(e, null, instance, null)));
            return out;
        }
        if (id.startsWith("igw-")) {
            if (!snapshot.internetGateways().containsKey(id)) {
                return List.of(missing(id, "the " + role + " " + id + " is not in describe-internet-gateways.json"));
            }
            return List.of(new Endpoint.Internet(null, id, false));
        }
        var ip = Ip.tryParse(id);
        if (ip.isPresent()) {
            return List.of(resolveAddress(ip.get(), asSource));
        }
        if (id.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*-[0-9a-f]{8,17}")) {
            return List.of(new Endpoint.Unresolved(id, ExplanationCodes.UNSUPPORTED_COMPONENT, id + " cannot be a "
                    + role + " here: use a network interface (eni-), instance (i-), internet gateway (igw-) or an IP"
                    + " address"));
        }
        throw new IllegalArgumentException("'" + text + "' is neither an ID (eni-, i-, igw-) nor an IP address");
    }

    private static Endpoint missing(String id, String detail) {
        return new Endpoint.Unresolved(id, ExplanationCodes.UNKNOWN_RESOURCE, detail);
    }

    private Endpoint resolveAddress(Ip ip, boolean asSource) {
        List<NetworkInterface> owners = snapshot.interfacesWithAddress(ip);
        if (!owners.isEmpty()) {
            return new Endpoint.Interface(owners.get(0), ip, null, null);
        }
        NetworkInterface byPublic = snapshot.interfaceByPublicIp(ip);
        if (byPublic != null) {
            Ip priv = null;
            for (PrivateAddress a : byPublic.privateAddresses()) {
                if (ip.equals(a.publicIp())) {
                    priv = a.ip();
                }
            }
            return new Endpoint.Interface(byPublic, priv, null, asSource ? null : ip);
        }
        for (Subnet sub : snapshot.subnets().values()) {
            if (sub.contains(ip)) {
                return new Endpoint.SubnetAddress(sub, ip);
            }
        }
        if (ip.isInternet()) {
            return new Endpoint.Internet(ip, null, ip.isV6());
        }
        return new Endpoint.External(ip);
    }
}
