package dev.mirrorscope.engine.reach.snapshot;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.SearchTransitGatewayRoutesResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRoute;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable;

/**
 * Makes a snapshot directory through the EC2 API: every page of every describe call the contract names,
 * each written as one file in the shape the AWS CLI prints, then the prefix-list entries of every managed
 * prefix list and the active and blackhole routes of every transit gateway route table. Files are written
 * whole or not at all; a failed call stops the capture with the call and AWS's error.
 */
public final class SnapshotCapture {
    /** SearchTransitGatewayRoutes returns at most this many routes per call (the API's own limit). */
    private static final int MAX_TGW_ROUTES = 1000;

    private final Ec2Client ec2;
    private final Path out;
    private final Consumer<String> progress;
    private final JsonFactory json = JsonFactory.builder().build();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int calls;

    /** What a capture wrote. */
    public record Result(Path directory, Map<String, Integer> resources, int apiCalls, List<String> warnings) {
    }

    public SnapshotCapture(Ec2Client ec2, Path out, Consumer<String> progress) {
        this.ec2 = ec2;
        this.out = out;
        this.progress = progress;
    }

    public Result run() throws IOException {
        Files.createDirectories(out);
        list(SnapshotFiles.VPCS, "Vpcs", ec2.describeVpcsPaginator(b -> { }), r -> r.vpcs());
        list(SnapshotFiles.SUBNETS, "Subnets", ec2.describeSubnetsPaginator(b -> { }), r -> r.subnets());
        list(SnapshotFiles.ROUTE_TABLES, "RouteTables", ec2.describeRouteTablesPaginator(b -> { }),
                r -> r.routeTables());
        list(SnapshotFiles.SECURITY_GROUPS, "SecurityGroups", ec2.describeSecurityGroupsPaginator(b -> { }),
                r -> r.securityGroups());
        list(SnapshotFiles.NETWORK_ACLS, "NetworkAcls", ec2.describeNetworkAclsPaginator(b -> { }),
                r -> r.networkAcls());
        list(SnapshotFiles.NETWORK_INTERFACES, "NetworkInterfaces",
                ec2.describeNetworkInterfacesPaginator(b -> { }), r -> r.networkInterfaces());
        list(SnapshotFiles.INSTANCES, "Reservations", ec2.describeInstancesPaginator(b -> { }),
                r -> r.reservations());
        list(SnapshotFiles.INTERNET_GATEWAYS, "InternetGateways", ec2.describeInternetGatewaysPaginator(b -> { }),
                r -> r.internetGateways());
        list(SnapshotFiles.NAT_GATEWAYS, "NatGateways", ec2.describeNatGatewaysPaginator(b -> { }),
                r -> r.natGateways());
        list(SnapshotFiles.PEERING_CONNECTIONS, "VpcPeeringConnections",
                ec2.describeVpcPeeringConnectionsPaginator(b -> { }), r -> r.vpcPeeringConnections());
        list(SnapshotFiles.TRANSIT_GATEWAYS, "TransitGateways", ec2.describeTransitGatewaysPaginator(b -> { }),
                r -> r.transitGateways());
        list(SnapshotFiles.TGW_ATTACHMENTS, "TransitGatewayAttachments",
                ec2.describeTransitGatewayAttachmentsPaginator(b -> { }), r -> r.transitGatewayAttachments());
        List<TransitGatewayRouteTable> tgwRtbs = list(SnapshotFiles.TGW_ROUTE_TABLES, "TransitGatewayRouteTables",
                ec2.describeTransitGatewayRouteTablesPaginator(b -> { }), r -> r.transitGatewayRouteTables());
        list(SnapshotFiles.VPC_ENDPOINTS, "VpcEndpoints", ec2.describeVpcEndpointsPaginator(b -> { }),
                r -> r.vpcEndpoints());
        List<ManagedPrefixList> lists = list(SnapshotFiles.MANAGED_PREFIX_LISTS, "PrefixLists",
                ec2.describeManagedPrefixListsPaginator(b -> { }), r -> r.prefixLists());
        for (ManagedPrefixList pl : lists) {
            String id = pl.prefixListId();
            try {
                list(SnapshotFiles.prefixListEntries(id), "Entries",
                        ec2.getManagedPrefixListEntriesPaginator(b -> b.prefixListId(id)), r -> r.entries());
            } catch (IOException e) {
                // One unreadable list leaves it unknown (UNKNOWN_RESOURCE where it matters), not a failed capture.
                warnings.add(e.getMessage());
            }
        }
        for (TransitGatewayRouteTable rtb : tgwRtbs) {
            tgwRoutes(rtb.transitGatewayRouteTableId());
        }
        return new Result(out, Map.copyOf(counts), calls, List.copyOf(warnings));
    }

    private <P, T extends SdkPojo> List<T> list(String file, String key, Iterable<P> pages, Function<P, List<T>> items)
            throws IOException {
        List<T> all = new ArrayList<>();
        int pageCount = 0;
        try {
            for (P page : pages) {
                calls++;
                pageCount++;
                all.addAll(items.apply(page));
            }
        } catch (SdkException e) {
            throw new IOException(callName(file) + " failed: " + firstLine(e.getMessage()), e);
        }
        writeList(file, key, all, null);
        progress.accept(file + ": " + all.size() + " " + (all.size() == 1 ? "item" : "items") + " in " + pageCount
                + (pageCount == 1 ? " page" : " pages"));
        return all;
    }

    private void tgwRoutes(String rtbId) throws IOException {
        String file = SnapshotFiles.tgwRoutes(rtbId);
        Filter state = Filter.builder().name("state").values("active", "blackhole").build();
        List<TransitGatewayRoute> routes = new ArrayList<>();
        boolean more;
        try {
            SearchTransitGatewayRoutesResponse r = ec2.searchTransitGatewayRoutes(b -> b
                    .transitGatewayRouteTableId(rtbId).filters(state).maxResults(MAX_TGW_ROUTES));
            calls++;
            routes.addAll(r.routes());
            more = Boolean.TRUE.equals(r.additionalRoutesAvailable());
            if (more) {
                // The call has no paging; asking by route type separately gets up to twice as many.
                routes.clear();
                more = false;
                for (String type : new String[] {"static", "propagated"}) {
                    Filter t = Filter.builder().name("type").values(type).build();
                    SearchTransitGatewayRoutesResponse part = ec2.searchTransitGatewayRoutes(b -> b
                            .transitGatewayRouteTableId(rtbId).filters(state, t).maxResults(MAX_TGW_ROUTES));
                    calls++;
                    routes.addAll(part.routes());
                    more |= Boolean.TRUE.equals(part.additionalRoutesAvailable());
                }
            }
        } catch (SdkException e) {
            throw new IOException("SearchTransitGatewayRoutes for " + rtbId + " failed: " + firstLine(e.getMessage()), e);
        }
        if (more) {
            warnings.add(file + ": the route table has more routes than SearchTransitGatewayRoutes returns ("
                    + routes.size() + " written); routes beyond them are missing");
        }
        writeList(file, "Routes", routes, more);
        progress.accept(file + ": " + routes.size() + " routes");
    }

    private void writeList(String file, String key, List<? extends SdkPojo> items, Boolean additional)
            throws IOException {
        Path target = out.resolve(file);
        Path tmp = out.resolve(file + ".part");
        boolean done = false;
        try (OutputStream os = Files.newOutputStream(tmp);
                JsonGenerator g = json.createGenerator(os, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart(key);
            for (SdkPojo p : items) {
                CliJsonWriter.write(g, p);
            }
            g.writeEndArray();
            if (additional != null) {
                g.writeBooleanField("AdditionalRoutesAvailable", additional);
            }
            g.writeEndObject();
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        counts.put(file, items.size());
    }

    /** describe-vpcs.json -> DescribeVpcs. */
    static String callName(String file) {
        String base = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
        if (base.startsWith(SnapshotFiles.PREFIX_LIST_ENTRIES_PREFIX)) {
            return "GetManagedPrefixListEntries for " + base.substring(SnapshotFiles.PREFIX_LIST_ENTRIES_PREFIX.length());
        }
        StringBuilder sb = new StringBuilder();
        for (String part : base.split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
