package dev.mirrorscope.engine.reach.access;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** Writes an {@link AccessReport} as the `access` command's JSON (described in its --help). */
public final class AccessJson {
    private AccessJson() {
    }

    public static void write(JsonGenerator g, AccessReport r) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("internet_exposed");
        for (InternetExposure x : r.internetExposed()) {
            g.writeStartObject();
            g.writeStringField("interface", x.interfaceId());
            nullable(g, "name", x.name());
            nullable(g, "instance", x.instanceId());
            g.writeStringField("vpc", x.vpcId());
            g.writeStringField("subnet", x.subnetId());
            strings(g, "public_ips", x.publicAddresses());
            g.writeStringField("internet_gateway", x.internetGatewayId());
            strings(g, "security_groups", x.securityGroups());
            g.writeArrayFieldStart("exposures");
            for (Exposure e : x.exposures()) {
                g.writeStartObject();
                g.writeStringField("protocol", e.protocol());
                g.writeNumberField("ip_version", e.ipVersion());
                if (e.ports() == null) {
                    g.writeNullField("ports");
                    g.writeNullField("port_ranges");
                } else {
                    g.writeStringField("ports", e.ports().toString());
                    g.writeArrayFieldStart("port_ranges");
                    for (int[] range : e.ports().ranges()) {
                        g.writeStartArray();
                        g.writeNumber(range[0]);
                        g.writeNumber(range[1]);
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                }
                strings(g, "sources", e.sources());
                g.writeBooleanField("open_to_world", e.openToWorld());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("admin_exposed");
        for (AdminExposure a : r.adminExposed()) {
            g.writeStartObject();
            g.writeStringField("interface", a.interfaceId());
            nullable(g, "name", a.name());
            nullable(g, "instance", a.instanceId());
            g.writeStringField("vpc", a.vpcId());
            g.writeStringField("protocol", "tcp");
            g.writeNumberField("port", a.port());
            g.writeStringField("service", a.service());
            g.writeBooleanField("reachable_from_internet", a.reachableFromInternet());
            strings(g, "sources", a.sources());
            strings(g, "world_open_groups", a.worldOpenGroups());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("cross_vpc_paths");
        for (CrossVpcPath p : r.crossVpcPaths()) {
            g.writeStartObject();
            g.writeStringField("from_vpc", p.fromVpc());
            nullable(g, "to_vpc", p.toVpc());
            g.writeStringField("type", p.type());
            strings(g, "via", p.via());
            g.writeStringField("destination", p.destination());
            strings(g, "route_tables", p.routeTables());
            strings(g, "subnets", p.subnets());
            g.writeStringField("status", p.status());
            g.writeBooleanField("return_route", p.returnRoute());
            g.writeNumberField("from_interfaces", p.fromInterfaces());
            g.writeNumberField("to_interfaces", p.toInterfaces());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("summary");
        g.writeNumberField("interfaces", r.interfaces());
        g.writeNumberField("vpcs", r.vpcs());
        g.writeNumberField("internet_exposed", r.internetExposed().size());
        g.writeNumberField("admin_exposed", r.adminExposed().size());
        g.writeNumberField("admin_reachable_from_internet",
                r.adminExposed().stream().filter(AdminExposure::reachableFromInternet).count());
        g.writeNumberField("cross_vpc_paths", r.crossVpcPaths().size());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void nullable(JsonGenerator g, String name, String v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
