package dev.mirrorscope.engine.reach.snapshot;

import java.util.List;

/** The file names of a snapshot directory, one per AWS CLI call, as the command-line contract lays out. */
public final class SnapshotFiles {
    public static final String VPCS = "describe-vpcs.json";
    public static final String SUBNETS = "describe-subnets.json";
    public static final String ROUTE_TABLES = "describe-route-tables.json";
    public static final String SECURITY_GROUPS = "describe-security-groups.json";
    public static final String NETWORK_ACLS = "describe-network-acls.json";
    public static final String NETWORK_INTERFACES = "describe-network-interfaces.json";
    public static final String INSTANCES = "describe-instances.json";
    public static final String INTERNET_GATEWAYS = "describe-internet-gateways.json";
    public static final String NAT_GATEWAYS = "describe-nat-gateways.json";
    public static final String PEERING_CONNECTIONS = "describe-vpc-peering-connections.json";
    public static final String TRANSIT_GATEWAYS = "describe-transit-gateways.json";
    public static final String TGW_ATTACHMENTS = "describe-transit-gateway-attachments.json";
    public static final String TGW_ROUTE_TABLES = "describe-transit-gateway-route-tables.json";
    public static final String VPC_ENDPOINTS = "describe-vpc-endpoints.json";
    public static final String MANAGED_PREFIX_LISTS = "describe-managed-prefix-lists.json";
    public static final String PREFIX_LIST_ENTRIES_PREFIX = "get-managed-prefix-list-entries-";
    public static final String TGW_ROUTES_PREFIX = "search-transit-gateway-routes-";
    /** Read when present, not required by the contract: AWS-managed lists with their CIDRs. */
    public static final String AWS_PREFIX_LISTS = "describe-prefix-lists.json";
    /** Read when present, not required by the contract: the subnets of each VPC attachment. */
    public static final String TGW_VPC_ATTACHMENTS = "describe-transit-gateway-vpc-attachments.json";

    public static final List<String> DESCRIBE = List.of(VPCS, SUBNETS, ROUTE_TABLES, SECURITY_GROUPS, NETWORK_ACLS,
            NETWORK_INTERFACES, INSTANCES, INTERNET_GATEWAYS, NAT_GATEWAYS, PEERING_CONNECTIONS, TRANSIT_GATEWAYS,
            TGW_ATTACHMENTS, TGW_ROUTE_TABLES, VPC_ENDPOINTS, MANAGED_PREFIX_LISTS);

    private SnapshotFiles() {
    }

    public static String prefixListEntries(String prefixListId) {
        return PREFIX_LIST_ENTRIES_PREFIX + prefixListId + ".json";
    }

    public static String tgwRoutes(String routeTableId) {
        return TGW_ROUTES_PREFIX + routeTableId + ".json";
    }
}
