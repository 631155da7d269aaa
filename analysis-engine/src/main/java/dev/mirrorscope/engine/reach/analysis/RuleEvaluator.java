package dev.mirrorscope.engine.reach.analysis;

import dev.mirrorscope.engine.reach.model.AclEntry;
import dev.mirrorscope.engine.reach.model.Ip;
import dev.mirrorscope.engine.reach.model.NetworkAcl;
import dev.mirrorscope.engine.reach.model.NetworkInterface;
import dev.mirrorscope.engine.reach.model.PortSet;
import dev.mirrorscope.engine.reach.model.PrefixList;
import dev.mirrorscope.engine.reach.model.Route;
import dev.mirrorscope.engine.reach.model.RouteTable;
import dev.mirrorscope.engine.reach.model.SecurityGroup;
import dev.mirrorscope.engine.reach.model.SgRule;
import dev.mirrorscope.engine.reach.model.Snapshot;
import dev.mirrorscope.engine.reach.model.TgwRoute;
import java.util.List;
import java.util.Set;

/** Security group, network ACL and route table semantics, on one packet. Stateless and allocation-light. */
final class RuleEvaluator {
    private RuleEvaluator() {
    }

    /**
     * The first rule of {@code group} in the direction that allows the packet to or from {@code peer}, or null.
     * Security groups allow only, so any match allows. {@code peerEni} is the interface at the other end, for
     * rules that reference a group; null when group references cannot apply. Prefix lists the snapshot has no
     * entries for never match and are added to {@code unknown}.
     */
    static SgRule matchSecurityGroup(Snapshot s, SecurityGroup group, boolean egress, Packet p, Ip peer,
            NetworkInterface peerEni, Set<String> unknown) {
        for (SgRule r : egress ? group.egress() : group.ingress()) {
            if (r.protocol() != -1 && r.protocol() != p.proto) {
                continue;
            }
            if (r.protocol() != -1 && !portsMatch(r, p)) {
                continue;
            }
            if (peerMatches(s, r, peer, peerEni, unknown)) {
                return r;
            }
        }
        return null;
    }

    private static boolean portsMatch(SgRule r, Packet p) {
        if (p.hasPorts()) {
            if (r.fromPort() < 0 && r.toPort() < 0) {
                return true;
            }
            int from = Math.max(0, r.fromPort());
            int to = r.toPort() < 0 ? PortSet.MAX : r.toPort();
            return !p.dports.intersect(PortSet.range(from, to)).isEmpty();
        }
        if (p.isIcmp()) {
            return (r.fromPort() < 0 || r.fromPort() == p.icmpType) && (r.toPort() < 0 || r.toPort() == p.icmpCode);
        }
        return true;
    }

    private static boolean peerMatches(Snapshot s, SgRule r, Ip peer, NetworkInterface peerEni, Set<String> unknown) {
        if (r.cidr() != null) {
            return r.cidr().contains(peer);
        }
        if (r.prefixListId() != null) {
            PrefixList pl = s.prefixLists().get(r.prefixListId());
            if (pl == null || pl.entries() == null) {
                unknown.add(r.prefixListId());
                return false;
            }
            return pl.contains(peer);
        }
        return peerEni != null && peerEni.groupIds().contains(r.groupId()) && peerEni.owns(peer);
    }

    /** A network ACL's verdict on a packet: the deciding entry (null for the implicit deny) and allowed ports. */
    record AclVerdict(boolean allowed, AclEntry entry, PortSet ports) {
    }

    /**
     * Evaluates entries lowest number first, the first match deciding. For TCP and UDP the destination ports
     * are a set: each entry decides the ports it covers that no earlier entry decided, and the packet gets
     * through on the ports some allow entry decided.
     */
    static AclVerdict evaluateAcl(NetworkAcl acl, boolean egress, Packet p, Ip peer) {
        List<AclEntry> entries = egress ? acl.egress() : acl.ingress();
        if (p.hasPorts()) {
            PortSet remaining = p.dports;
            PortSet allowed = PortSet.EMPTY;
            AclEntry firstAllow = null;
            AclEntry firstDeny = null;
            for (AclEntry e : entries) {
                if ((e.protocol() != -1 && e.protocol() != p.proto) || !e.cidr().contains(peer)) {
                    continue;
                }
                PortSet covered = e.protocol() == -1 ? PortSet.ALL : PortSet.range(e.fromPort(), e.toPort());
                PortSet hit = remaining.intersect(covered);
                if (hit.isEmpty()) {
                    continue;
                }
                if (e.allow()) {
                    allowed = allowed.union(hit);
                    if (firstAllow == null) {
                        firstAllow = e;
                    }
                } else if (firstDeny == null) {
                    firstDeny = e;
                }
                remaining = remaining.minus(hit);
                if (remaining.isEmpty()) {
                    break;
                }
            }
            return allowed.isEmpty() ? new AclVerdict(false, firstDeny, PortSet.EMPTY)
                    : new AclVerdict(true, firstAllow, allowed);
        }
        for (AclEntry e : entries) {
            if ((e.protocol() != -1 && e.protocol() != p.proto) || !e.cidr().contains(peer)) {
                continue;
            }
            if (e.protocol() != -1 && p.isIcmp() && !((e.icmpType() < 0 || e.icmpType() == p.icmpType)
                    && (e.icmpCode() < 0 || e.icmpCode() == p.icmpCode))) {
                continue;
            }
            return new AclVerdict(e.allow(), e, p.dports);
        }
        return new AclVerdict(false, null, PortSet.EMPTY);
    }

    /**
     * Longest prefix match; on equal length a static route beats a prefix-list route, which beats a
     * propagated one. Blackhole routes take part (and then drop the packet). Routes to prefix lists the
     * snapshot cannot expand are skipped and added to {@code unknown}.
     */
    static Route lookup(Snapshot s, RouteTable rt, Ip dst, Set<String> unknown) {
        Route best = null;
        int bestLen = -1;
        int bestRank = -1;
        for (Route r : rt.routes()) {
            int len;
            int rank;
            if (r.destination() != null) {
                if (!r.destination().contains(dst)) {
                    continue;
                }
                len = r.destination().prefix();
                rank = r.isPropagated() ? 1 : 3;
            } else {
                PrefixList pl = s.prefixLists().get(r.prefixListId());
                if (pl == null || pl.entries() == null) {
                    unknown.add(r.prefixListId());
                    continue;
                }
                len = pl.longestMatch(dst);
                if (len < 0) {
                    continue;
                }
                rank = 2;
            }
            if (len > bestLen || (len == bestLen && rank > bestRank)) {
                best = r;
                bestLen = len;
                bestRank = rank;
            }
        }
        return best;
    }

    /** Longest prefix match over transit gateway routes; static beats propagated on equal length. */
    static TgwRoute lookupTgw(Snapshot s, List<TgwRoute> routes, Ip dst, Set<String> unknown) {
        TgwRoute best = null;
        int bestLen = -1;
        int bestRank = -1;
        for (TgwRoute r : routes) {
            int len;
            if (r.destination() != null) {
                if (!r.destination().contains(dst)) {
                    continue;
                }
                len = r.destination().prefix();
            } else {
                PrefixList pl = s.prefixLists().get(r.prefixListId());
                if (pl == null || pl.entries() == null) {
                    unknown.add(r.prefixListId());
                    continue;
                }
                len = pl.longestMatch(dst);
                if (len < 0) {
                    continue;
                }
            }
            int rank = "propagated".equals(r.type()) ? 1 : 2;
            if (len > bestLen || (len == bestLen && rank > bestRank)) {
                best = r;
                bestLen = len;
                bestRank = rank;
            }
        }
        return best;
    }
}
