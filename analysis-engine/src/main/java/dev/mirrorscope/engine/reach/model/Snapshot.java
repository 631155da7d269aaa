package dev.mirrorscope.engine.reach.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network configuration of one account and Region at one moment, indexed for the analyzer: every
 * resource by ID, addresses to interfaces per VPC, subnets to their route table and network ACL, gateways to
 * their edge route tables. Immutable once built; safe to share between threads.
 */
public final class Snapshot {
    private final Map<String, Vpc> vpcs = new LinkedHashMap<>();
    private final Map<String, Subnet> subnets = new LinkedHashMap<>();
    private final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
    private final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    private final Map<String, NetworkAcl> networkAcls = new LinkedHashMap<>();
    private final Map<String, NetworkInterface> interfaces = new LinkedHashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, InternetGateway> internetGateways = new LinkedHashMap<>();
    private final Map<String, NatGateway> natGateways = new LinkedHashMap<>();
    private final Map<String, PeeringConnection> peerings = new LinkedHashMap<>();
    private final Map<String, TransitGateway> transitGateways = new LinkedHashMap<>();
    private final Map<String, TgwAttachment> tgwAttachments = new LinkedHashMap<>();
    private final Map<String, TgwRouteTable> tgwRouteTables = new LinkedHashMap<>();
    private final Map<String, VpcEndpoint> vpcEndpoints = new LinkedHashMap<>();
    private final Map<String, PrefixList> prefixLists = new LinkedHashMap<>();
    /** Routes read from search-transit-gateway-routes files; a table without a file is absent. */
    private final Map<String, List<TgwRoute>> tgwRoutesRead;
    /** Subnets of each VPC attachment, from its interfaces (or a vpc-attachments listing). */
    private final Map<String, List<String>> tgwAttachmentSubnets;
    private final List<String> warnings;

    private final Map<String, List<Subnet>> subnetsByVpc = new HashMap<>();
    private final Map<String, RouteTable> routeTableBySubnet = new HashMap<>();
    private final Map<String, RouteTable> mainRouteTableByVpc = new HashMap<>();
    private final Map<String, RouteTable> edgeRouteTableByGateway = new HashMap<>();
    private final Map<String, NetworkAcl> aclBySubnet = new HashMap<>();
    private final Map<String, NetworkAcl> defaultAclByVpc = new HashMap<>();
    private final Map<String, Map<Ip, NetworkInterface>> interfaceByVpcAddress = new HashMap<>();
    private final Map<Ip, NetworkInterface> interfaceByPublicIp = new HashMap<>();
    private final Map<Ip, NatGateway> natByPublicIp = new HashMap<>();
    private final Map<String, NatGateway> natByInterface = new HashMap<>();
    private final Map<String, Map<Ip, NatGateway>> natByVpcAddress = new HashMap<>();
    private final Map<String, List<NetworkInterface>> interfacesByInstance = new HashMap<>();
    private final Map<String, List<InternetGateway>> igwsByVpc = new HashMap<>();
    private final Map<String, List<TgwAttachment>> attachmentsByTgw = new HashMap<>();
    private final Map<String, List<PeeringConnection>> peeringsByVpc = new HashMap<>();
    private final Map<String, List<TgwRoute>> tgwRoutesCache = new java.util.concurrent.ConcurrentHashMap<>();

    public Snapshot(Collection<Vpc> vpcs, Collection<Subnet> subnets, Collection<RouteTable> routeTables,
            Collection<SecurityGroup> securityGroups, Collection<NetworkAcl> networkAcls,
            Collection<NetworkInterface> interfaces, Collection<Instance> instances,
            Collection<InternetGateway> internetGateways, Collection<NatGateway> natGateways,
            Collection<PeeringConnection> peerings, Collection<TransitGateway> transitGateways,
            Collection<TgwAttachment> tgwAttachments, Collection<TgwRouteTable> tgwRouteTables,
            Collection<VpcEndpoint> vpcEndpoints, Collection<PrefixList> prefixLists,
            Map<String, List<TgwRoute>> tgwRoutesRead, Map<String, List<String>> vpcAttachmentSubnets,
            List<String> warnings) {
        vpcs.forEach(v -> this.vpcs.put(v.id(), v));
        subnets.forEach(s -> this.subnets.put(s.id(), s));
        routeTables.forEach(r -> this.routeTables.put(r.id(), r));
        securityGroups.forEach(g -> this.securityGroups.put(g.id(), g));
        networkAcls.forEach(a -> this.networkAcls.put(a.id(), a));
        interfaces.forEach(e -> this.interfaces.put(e.id(), e));
        instances.forEach(i -> this.instances.put(i.id(), i));
        internetGateways.forEach(g -> this.internetGateways.put(g.id(), g));
        natGateways.forEach(n -> this.natGateways.put(n.id(), n));
        peerings.forEach(p -> this.peerings.put(p.id(), p));
        transitGateways.forEach(t -> this.transitGateways.put(t.id(), t));
        tgwAttachments.forEach(a -> this.tgwAttachments.put(a.id(), a));
        tgwRouteTables.forEach(t -> this.tgwRouteTables.put(t.id(), t));
        vpcEndpoints.forEach(e -> this.vpcEndpoints.put(e.id(), e));
        prefixLists.forEach(p -> this.prefixLists.put(p.id(), p));
        this.tgwRoutesRead = Map.copyOf(tgwRoutesRead);
        this.warnings = Collections.unmodifiableList(warnings);
        index();
        Map<String, List<String>> attSubnets = new HashMap<>(vpcAttachmentSubnets);
        for (NetworkInterface e : interfaces) {
            if ("transit_gateway".equals(e.interfaceType()) && e.description() != null) {
                int at = e.description().indexOf("tgw-attach-");
                if (at >= 0) {
                    String att = e.description().substring(at).split("[^A-Za-z0-9-]", 2)[0];
                    attSubnets.computeIfAbsent(att, k -> new ArrayList<>());
                    if (!vpcAttachmentSubnets.containsKey(att) && !attSubnets.get(att).contains(e.subnetId())) {
                        attSubnets.get(att).add(e.subnetId());
                    }
                }
            }
        }
        this.tgwAttachmentSubnets = attSubnets;
    }

    private void index() {
        for (Subnet s : subnets.values()) {
            subnetsByVpc.computeIfAbsent(s.vpcId(), k -> new ArrayList<>()).add(s);
        }
        for (RouteTable rt : routeTables.values()) {
            if (rt.main()) {
                mainRouteTableByVpc.put(rt.vpcId(), rt);
            }
            rt.subnetIds().forEach(s -> routeTableBySubnet.put(s, rt));
            rt.gatewayIds().forEach(g -> edgeRouteTableByGateway.put(g, rt));
        }
        for (NetworkAcl acl : networkAcls.values()) {
            if (acl.isDefault()) {
                defaultAclByVpc.put(acl.vpcId(), acl);
            }
            acl.subnetIds().forEach(s -> aclBySubnet.put(s, acl));
        }
        for (NetworkInterface e : interfaces.values()) {
            Map<Ip, NetworkInterface> byIp = interfaceByVpcAddress.computeIfAbsent(e.vpcId(), k -> new HashMap<>());
            for (PrivateAddress a : e.privateAddresses()) {
                byIp.put(a.ip(), e);
                if (a.publicIp() != null) {
                    interfaceByPublicIp.put(a.publicIp(), e);
                }
            }
            e.ipv6Addresses().forEach(ip -> byIp.put(ip, e));
            if (e.instanceId() != null) {
                interfacesByInstance.computeIfAbsent(e.instanceId(), k -> new ArrayList<>()).add(e);
            }
        }
        for (Instance i : instances.values()) {
            List<NetworkInterface> list = interfacesByInstance.computeIfAbsent(i.id(), k -> new ArrayList<>());
            for (String eniId : i.networkInterfaceIds()) {
                NetworkInterface e = interfaces.get(eniId);
                if (e != null && !list.contains(e)) {
                    list.add(e);
                }
            }
        }
        interfacesByInstance.values().forEach(l -> l.sort((a, b) -> Integer.compare(
                a.deviceIndex() == null ? Integer.MAX_VALUE : a.deviceIndex(),
                b.deviceIndex() == null ? Integer.MAX_VALUE : b.deviceIndex())));
        for (NatGateway n : natGateways.values()) {
            for (NatGateway.Address a : n.addresses()) {
                if (a.publicIp() != null) {
                    natByPublicIp.put(a.publicIp(), n);
                }
                if (a.networkInterfaceId() != null) {
                    natByInterface.put(a.networkInterfaceId(), n);
                }
                if (a.privateIp() != null) {
                    natByVpcAddress.computeIfAbsent(n.vpcId(), k -> new HashMap<>()).put(a.privateIp(), n);
                }
            }
        }
        for (InternetGateway g : internetGateways.values()) {
            for (InternetGateway.Attachment a : g.attachments()) {
                igwsByVpc.computeIfAbsent(a.vpcId(), k -> new ArrayList<>()).add(g);
            }
        }
        for (TgwAttachment a : tgwAttachments.values()) {
            attachmentsByTgw.computeIfAbsent(a.transitGatewayId(), k -> new ArrayList<>()).add(a);
        }
        for (PeeringConnection p : peerings.values()) {
            peeringsByVpc.computeIfAbsent(p.requester().vpcId(), k -> new ArrayList<>()).add(p);
            peeringsByVpc.computeIfAbsent(p.accepter().vpcId(), k -> new ArrayList<>()).add(p);
        }
    }

    public Map<String, Vpc> vpcs() {
        return Collections.unmodifiableMap(vpcs);
    }

    public Map<String, Subnet> subnets() {
        return Collections.unmodifiableMap(subnets);
    }

    public Map<String, RouteTable> routeTables() {
        return Collections.unmodifiableMap(routeTables);
    }

    public Map<String, SecurityGroup> securityGroups() {
        return Collections.unmodifiableMap(securityGroups);
    }

    public Map<String, NetworkAcl> networkAcls() {
        return Collections.unmodifiableMap(networkAcls);
    }

    public Map<String, NetworkInterface> networkInterfaces() {
        return Collections.unmodifiableMap(interfaces);
    }

    public Map<String, Instance> instances() {
        return Collections.unmodifiableMap(instances);
    }

    public Map<String, InternetGateway> internetGateways() {
        return Collections.unmodifiableMap(internetGateways);
    }

    public Map<String, NatGateway> natGateways() {
        return Collections.unmodifiableMap(natGateways);
    }

    public Map<String, PeeringConnection> peeringConnections() {
        return Collections.unmodifiableMap(peerings);
    }

    public Map<String, TransitGateway> transitGateways() {
        return Collections.unmodifiableMap(transitGateways);
    }

    public Map<String, TgwAttachment> transitGatewayAttachments() {
        return Collections.unmodifiableMap(tgwAttachments);
    }

    public Map<String, TgwRouteTable> transitGatewayRouteTables() {
        return Collections.unmodifiableMap(tgwRouteTables);
    }

    public Map<String, VpcEndpoint> vpcEndpoints() {
        return Collections.unmodifiableMap(vpcEndpoints);
    }

    public Map<String, PrefixList> prefixLists() {
        return Collections.unmodifiableMap(prefixLists);
    }

    /** Problems noticed while loading that did not stop it (unknown fields are not among them). */
    public List<String> warnings() {
        return warnings;
    }

    public List<Subnet> subnetsOf(String vpcId) {
        return subnetsByVpc.getOrDefault(vpcId, List.of());
    }

    /** The subnet of {@code vpcId} whose CIDR holds {@code ip}, or null. */
    public Subnet subnetContaining(String vpcId, Ip ip) {
        for (Subnet s : subnetsOf(vpcId)) {
            if (s.contains(ip)) {
                return s;
            }
        }
        return null;
    }

    /** The explicitly associated route table, else the VPC's main one; null when the snapshot has neither. */
    public RouteTable routeTableFor(Subnet s) {
        RouteTable rt = routeTableBySubnet.get(s.id());
        return rt != null ? rt : mainRouteTableByVpc.get(s.vpcId());
    }

    public RouteTable mainRouteTable(String vpcId) {
        return mainRouteTableByVpc.get(vpcId);
    }

    /** The route table associated with a gateway's edge (ingress routing), or null. */
    public RouteTable edgeRouteTable(String gatewayId) {
        return edgeRouteTableByGateway.get(gatewayId);
    }

    /** The associated network ACL, else the VPC's default; null when the snapshot has neither. */
    public NetworkAcl aclFor(Subnet s) {
        NetworkAcl acl = aclBySubnet.get(s.id());
        return acl != null ? acl : defaultAclByVpc.get(s.vpcId());
    }

    /** The interface in {@code vpcId} that owns a private (or IPv6) address. */
    public NetworkInterface interfaceAt(String vpcId, Ip ip) {
        Map<Ip, NetworkInterface> m = interfaceByVpcAddress.get(vpcId);
        return m == null ? null : m.get(ip);
    }

    /** Every interface that owns {@code ip} as a private or IPv6 address, in any VPC. */
    public List<NetworkInterface> interfacesWithAddress(Ip ip) {
        List<NetworkInterface> out = new ArrayList<>();
        for (Map<Ip, NetworkInterface> m : interfaceByVpcAddress.values()) {
            NetworkInterface e = m.get(ip);
            if (e != null) {
                out.add(e);
            }
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    public NetworkInterface interfaceByPublicIp(Ip ip) {
        return interfaceByPublicIp.get(ip);
    }

    public NatGateway natGatewayByPublicIp(Ip ip) {
        return natByPublicIp.get(ip);
    }

    /** The NAT gateway in {@code vpcId} with this private address, or null. */
    public NatGateway natGatewayAt(String vpcId, Ip ip) {
        Map<Ip, NatGateway> m = natByVpcAddress.get(vpcId);
        return m == null ? null : m.get(ip);
    }

    public NatGateway natGatewayByInterface(String eniId) {
        return natByInterface.get(eniId);
    }

    /** The interfaces of an instance, the primary one first. */
    public List<NetworkInterface> interfacesOf(String instanceId) {
        return interfacesByInstance.getOrDefault(instanceId, List.of());
    }

    /** Internet gateways with any attachment record for the VPC. */
    public List<InternetGateway> internetGatewaysOf(String vpcId) {
        return igwsByVpc.getOrDefault(vpcId, List.of());
    }

    public List<TgwAttachment> attachmentsOf(String tgwId) {
        return attachmentsByTgw.getOrDefault(tgwId, List.of());
    }

    public List<PeeringConnection> peeringsOf(String vpcId) {
        return peeringsByVpc.getOrDefault(vpcId, List.of());
    }

    /** The subnets a VPC attachment has interfaces in, or null when the snapshot cannot tell. */
    public List<String> attachmentSubnets(String attachmentId) {
        return tgwAttachmentSubnets.get(attachmentId);
    }

    /** True when a search-transit-gateway-routes file was read for the table. */
    public boolean tgwRoutesKnown(String routeTableId) {
        return tgwRoutesRead.containsKey(routeTableId);
    }

    /**
     * The routes of a transit gateway route table: as read when the snapshot has them; otherwise derived from
     * the gateway's default propagation (every VPC attachment propagates its VPC's CIDRs into the default
     * propagation route table), as the contract says.
     */
    public List<TgwRoute> tgwRoutes(String routeTableId) {
        List<TgwRoute> read = tgwRoutesRead.get(routeTableId);
        if (read != null) {
            return read;
        }
        return tgwRoutesCache.computeIfAbsent(routeTableId, this::deriveTgwRoutes);
    }

    private List<TgwRoute> deriveTgwRoutes(String routeTableId) {
        TgwRouteTable rtb = tgwRouteTables.get(routeTableId);
        String tgwId = rtb != null ? rtb.transitGatewayId() : null;
        TransitGateway tgw = tgwId == null ? null : transitGateways.get(tgwId);
        if (tgw == null) {
            for (TransitGateway t : transitGateways.values()) {
                if (routeTableId.equals(t.propagationDefaultRouteTableId())
                        || routeTableId.equals(t.associationDefaultRouteTableId())) {
                    tgw = t;
                }
            }
        }
        if (tgw == null || !tgw.defaultRouteTablePropagation()) {
            return List.of();
        }
        boolean isDefault = routeTableId.equals(tgw.propagationDefaultRouteTableId())
                || (tgw.propagationDefaultRouteTableId() == null && rtb != null && rtb.defaultPropagationRouteTable());
        if (!isDefault) {
            return List.of();
        }
        List<TgwRoute> out = new ArrayList<>();
        for (TgwAttachment a : attachmentsOf(tgw.id())) {
            if (!"vpc".equals(a.resourceType()) || !"available".equals(a.state())) {
                continue;
            }
            Vpc v = vpcs.get(a.resourceId());
            if (v == null) {
                continue;
            }
            for (Cidr c : v.allCidrs()) {
                out.add(new TgwRoute(c, null, "propagated", "active", List.of(a.id()), true));
            }
        }
        return List.copyOf(out);
    }

    /** The route table an attachment's traffic is looked up in: its association, else the default one. */
    public String associatedRouteTable(TgwAttachment a) {
        if (a.associatedRouteTableId() != null) {
            return a.associatedRouteTableId();
        }
        TransitGateway tgw = transitGateways.get(a.transitGatewayId());
        if (tgw != null && tgw.defaultRouteTableAssociation()) {
            if (tgw.associationDefaultRouteTableId() != null) {
                return tgw.associationDefaultRouteTableId();
            }
            for (TgwRouteTable t : tgwRouteTables.values()) {
                if (t.transitGatewayId().equals(tgw.id()) && t.defaultAssociationRouteTable()) {
                    return t.id();
                }
            }
        }
        return null;
    }

    /** Resolves any ID the snapshot knows to its resource, or null. */
    public Resource resource(String id) {
        for (Map<String, ? extends Resource> m : List.<Map<String, ? extends Resource>>of(interfaces, instances,
                subnets, vpcs, securityGroups, networkAcls, routeTables, internetGateways, natGateways, peerings,
                transitGateways, tgwAttachments, tgwRouteTables, vpcEndpoints, prefixLists)) {
            Resource r = m.get(id);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** The Name tag of any resource, or null. */
    public String nameOf(String id) {
        Resource r = id == null ? null : resource(id);
        return r == null ? null : r.name();
    }
}
