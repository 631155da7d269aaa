package dev.mirrorscope.engine.reach.analysis;

import java.util.Map;

/**
 * One component on a path, with what happened there: the rule that matched at a security group or network
 * ACL, the route chosen in a route table, an address translation. {@code detail} holds strings, numbers,
 * booleans, lists and maps only, so it prints as JSON as it is. {@code blocked} marks where the path failed.
 */
public record Hop(HopType type, String id, Map<String, Object> detail, boolean blocked) {

    /** The component's Name tag, when it has one. */
    public String name() {
        Object n = detail.get("name");
        return n == null ? null : n.toString();
    }

    /** One line for people: the matched rule, the chosen route, the translation, or what was missing. */
    @SuppressWarnings("unchecked")
    public String summary() {
        Object dir = detail.get("direction");
        String d = dir == null ? "" : dir + ": ";
        switch (type) {
            case SECURITY_GROUP: {
                if (Boolean.TRUE.equals(detail.get("stateful"))) {
                    return d + "reply of an allowed connection (stateful)";
                }
                Map<String, Object> r = (Map<String, Object>) detail.get("rule");
                if (r == null) {
                    return d + "no rule of " + detail.get("security_groups") + " allows it";
                }
                String what = "all".equals(r.get("protocol")) ? "all traffic" : r.get("protocol") + " " + r.get("ports");
                return d + what + ("egress".equals(dir) ? " to " : " from ") + r.get("peer");
            }
            case NETWORK_ACL: {
                Map<String, Object> r = (Map<String, Object>) detail.get("rule");
                String ports = r.get("ports") == null ? "" : " " + r.get("ports");
                String cidr = r.get("cidr") == null ? "" : ("egress".equals(dir) ? " to " : " from ") + r.get("cidr");
                String allowed = detail.get("ports_allowed") == null ? "" : " (ports " + detail.get("ports_allowed")
                        + ")";
                return d + "rule " + r.get("rule_number") + " " + r.get("action") + (r.get("protocol") == null ? ""
                        : " " + r.get("protocol")) + ports + cidr + allowed;
            }
            case ROUTE_TABLE: {
                Map<String, Object> r = (Map<String, Object>) detail.get("route");
                if (r == null) {
                    return "no route for " + detail.get("destination");
                }
                return r.get("destination") + " -> " + r.get("target") + ("active".equals(r.get("state")) ? ""
                        : " (" + r.get("state") + ")");
            }
            case TRANSIT_GATEWAY_ROUTE_TABLE: {
                Map<String, Object> r = (Map<String, Object>) detail.get("route");
                if (r == null) {
                    return "no route for " + detail.get("destination");
                }
                return r.get("destination") + " -> " + r.get("attachments") + " (" + r.get("type") + ", "
                        + r.get("state") + (Boolean.TRUE.equals(r.get("derived")) ? ", from default propagation" : "")
                        + ")";
            }
            case INTERNET_GATEWAY:
            case NAT_GATEWAY: {
                Map<String, Object> t = (Map<String, Object>) detail.get("translation");
                if (t == null) {
                    return d.isEmpty() ? "" : d.substring(0, d.length() - 2);
                }
                return t.containsKey("source_from") ? "source " + t.get("source_from") + " -> " + t.get("source_to")
                        : "destination " + t.get("destination_from") + " -> " + t.get("destination_to");
            }
            case NETWORK_INTERFACE:
            case IP: {
                Object a = detail.get("address");
                return a == null ? "" : a.toString();
            }
            default:
                return "";
        }
    }
}
