package dev.mirrorscope.engine.reach.analysis;

import dev.mirrorscope.engine.reach.model.AclEntry;
import dev.mirrorscope.engine.reach.model.Cidr;
import dev.mirrorscope.engine.reach.model.Ip;
import dev.mirrorscope.engine.reach.model.NetworkAcl;
import dev.mirrorscope.engine.reach.model.PrefixList;
import dev.mirrorscope.engine.reach.model.Route;
import dev.mirrorscope.engine.reach.model.RouteTable;
import dev.mirrorscope.engine.reach.model.SecurityGroup;
import dev.mirrorscope.engine.reach.model.SgRule;
import dev.mirrorscope.engine.reach.model.Snapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * "Any internet address" and "any port" as finitely many concrete values. Rules and routes only tell addresses
 * apart by the CIDR blocks they name, so the boundaries of those blocks cut the address space into classes
 * whose members all meet the same fate; one member of each class answers for all of it. Ports likewise.
 */
final class Representatives {
    private static final Ip V6_GLOBAL_START = Ip.parse("2000::");
    private static final Ip V6_GLOBAL_END = Ip.parse("4000::");

    private Representatives() {
    }

    /** One internet address per class of the CIDR blocks the given groups, and the VPCs' ACLs and routes, name. */
    static List<Ip> internetAddresses(Snapshot s, Collection<String> vpcIds, Collection<String> groupIds, boolean v6) {
        TreeSet<Ip> bounds = new TreeSet<>();
        List<Cidr> cidrs = new ArrayList<>();
        for (String g : groupIds) {
            SecurityGroup sg = s.securityGroups().get(g);
            if (sg != null) {
                for (List<SgRule> rules : List.of(sg.ingress(), sg.egress())) {
                    for (SgRule r : rules) {
                        addRule(s, cidrs, r.cidr(), r.prefixListId());
                    }
                }
            }
        }
        for (NetworkAcl acl : s.networkAcls().values()) {
            if (vpcIds.contains(acl.vpcId())) {
                for (List<AclEntry> entries : List.of(acl.ingress(), acl.egress())) {
                    entries.forEach(e -> cidrs.add(e.cidr()));
                }
            }
        }
        for (RouteTable rt : s.routeTables().values()) {
            if (vpcIds.contains(rt.vpcId())) {
                for (Route r : rt.routes()) {
                    addRule(s, cidrs, r.destination(), r.prefixListId());
                }
            }
        }
        if (v6) {
            bounds.add(V6_GLOBAL_START);
            bounds.add(V6_GLOBAL_END);
        } else {
            bounds.add(Ip.v4(0));
            for (Cidr c : Cidr.NOT_INTERNET_V4) {
                cidrs.add(c);
            }
        }
        for (Cidr c : cidrs) {
            if (c.isV6() != v6) {
                continue;
            }
            bounds.add(c.network());
            Ip last = c.last();
            Ip next = last.plus(1);
            if (next.compareTo(last) > 0) {
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

    private static void addRule(Snapshot s, List<Cidr> cidrs, Cidr cidr, String prefixListId) {
        if (cidr != null) {
            cidrs.add(cidr);
        } else if (prefixListId != null) {
            PrefixList pl = s.prefixLists().get(prefixListId);
            if (pl != null && pl.entries() != null) {
                cidrs.addAll(pl.entries());
            }
        }
    }

    /**
     * One port per class of the port ranges that the groups' rules and the ACLs name, the starts of the
     * destination groups' inbound ranges first (they are the ports someone meant to open).
     */
    static List<Integer> ports(Snapshot s, Collection<String> vpcIds, Collection<String> srcGroups,
            Collection<String> dstGroups, int proto) {
        Set<Integer> preferred = new LinkedHashSet<>();
        TreeSet<Integer> bounds = new TreeSet<>();
        bounds.add(0);
        for (String g : dstGroups) {
            SecurityGroup sg = s.securityGroups().get(g);
            if (sg != null) {
                for (SgRule r : sg.ingress()) {
                    if (r.protocol() == proto && r.fromPort() >= 0) {
                        preferred.add(r.fromPort());
                    }
                }
            }
        }
        List<String> all = new ArrayList<>(srcGroups);
        all.addAll(dstGroups);
        for (String g : all) {
            SecurityGroup sg = s.securityGroups().get(g);
            if (sg == null) {
                continue;
            }
            for (List<SgRule> rules : List.of(sg.ingress(), sg.egress())) {
                for (SgRule r : rules) {
                    if (r.protocol() == proto && r.fromPort() >= 0) {
                        bounds.add(r.fromPort());
                        if (r.toPort() >= 0 && r.toPort() < 65535) {
                            bounds.add(r.toPort() + 1);
                        }
                    }
                }
            }
        }
        for (NetworkAcl acl : s.networkAcls().values()) {
            if (!vpcIds.contains(acl.vpcId())) {
                continue;
            }
            for (List<AclEntry> entries : List.of(acl.ingress(), acl.egress())) {
                for (AclEntry e : entries) {
                    if (e.protocol() == proto) {
                        bounds.add(e.fromPort());
                        if (e.toPort() < 65535) {
                            bounds.add(e.toPort() + 1);
                        }
                    }
                }
            }
        }
        List<Integer> out = new ArrayList<>(new TreeSet<>(preferred));
        for (Integer b : bounds) {
            if (!preferred.contains(b) && b <= 65535) {
                out.add(b);
            }
        }
        return out;
    }
}
