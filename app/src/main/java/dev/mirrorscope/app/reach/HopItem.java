package dev.mirrorscope.app.reach;

import dev.mirrorscope.engine.reach.analysis.Explanation;
import dev.mirrorscope.engine.reach.analysis.Hop;
import dev.mirrorscope.engine.reach.analysis.HopType;
import java.util.Locale;
import java.util.Map;

/**
 * One component of an analysed path as the path view shows it: in the diagram as a labelled node and in the
 * hop table as a row. {@code reached} is false for components after the first block on the same leg (the
 * analyzer lists them so the whole path shows, but no packet gets there); {@code explanation} is the
 * blocking explanation that names this component, or null.
 */
public record HopItem(Explanation.Leg leg, int index, Hop hop, String title, boolean reached,
                      Explanation explanation) {

    public HopType type() {
        return hop.type();
    }

    public String id() {
        return hop.id();
    }

    public boolean blocked() {
        return hop.blocked() || explanation != null;
    }

    /** Ingress or egress at security groups, network ACLs and gateways; empty elsewhere. */
    public String direction() {
        Object d = hop.detail().get("direction");
        return d == null ? "" : d.toString();
    }

    /** The matched rule, the chosen route or the translation, without the direction the summary starts with. */
    public String matched() {
        if (hop.type() == HopType.SECURITY_GROUP && hop.detail().get("rule") == null
                && !Boolean.TRUE.equals(hop.detail().get("stateful"))) {
            Object groups = hop.detail().get("security_groups");
            return "no " + ("egress".equals(direction()) ? "outbound" : "inbound") + " rule of "
                    + (groups instanceof java.util.List<?> l ? String.join(", ", l.stream().map(String::valueOf)
                    .toList()) : String.valueOf(groups)) + " allows it";
        }
        String s = hop.summary();
        String d = direction();
        if (!d.isEmpty() && s.startsWith(d + ": ")) {
            s = s.substring(d.length() + 2);
        }
        if (s.isEmpty() && explanation != null) {
            return explanation.code();
        }
        if (hop.type() == HopType.TRANSIT_GATEWAY_ROUTE_TABLE && hop.detail().get("route") instanceof Map<?, ?> r) {
            Object to = r.get("attachments");
            String targets = to instanceof java.util.List<?> l ? String.join(", ", l.stream().map(String::valueOf)
                    .toList()) : String.valueOf(to);
            return r.get("destination") + (targets.isEmpty() ? "" : " → " + targets) + " (" + r.get("type") + ", "
                    + r.get("state") + (Boolean.TRUE.equals(r.get("derived")) ? ", from default propagation" : "")
                    + ")";
        }
        return s.replace(" -> ", " → ");
    }

    /** A few words for the diagram: the rule, route or translation, with IDs shortened. */
    @SuppressWarnings("unchecked")
    public String brief() {
        Map<String, Object> d = hop.detail();
        switch (hop.type()) {
            case SECURITY_GROUP: {
                if (Boolean.TRUE.equals(d.get("stateful"))) {
                    return "reply (stateful)";
                }
                Map<String, Object> r = (Map<String, Object>) d.get("rule");
                if (r == null) {
                    return "no " + ("egress".equals(direction()) ? "outbound" : "inbound") + " rule allows it";
                }
                String what = "all".equals(r.get("protocol")) ? "all" : r.get("protocol") + " " + r.get("ports");
                return what + ("egress".equals(direction()) ? " to " : " from ") + shorten(str(r.get("peer")), 16);
            }
            case NETWORK_ACL: {
                Map<String, Object> r = (Map<String, Object>) d.get("rule");
                if (r == null) {
                    return "";
                }
                Object n = r.get("rule_number");
                return "rule " + ("32767".equals(str(n)) ? "*" : str(n)) + " " + r.get("action");
            }
            case ROUTE_TABLE: {
                Map<String, Object> r = (Map<String, Object>) d.get("route");
                if (r == null) {
                    return "no route";
                }
                return r.get("destination") + " → " + shorten(str(r.get("target")), 19)
                        + ("active".equals(r.get("state")) ? "" : " (" + r.get("state") + ")");
            }
            case TRANSIT_GATEWAY_ROUTE_TABLE: {
                Map<String, Object> r = (Map<String, Object>) d.get("route");
                if (r == null) {
                    return "no route";
                }
                return r.get("destination") + " (" + r.get("type") + ")";
            }
            case INTERNET_GATEWAY:
            case NAT_GATEWAY: {
                Map<String, Object> t = (Map<String, Object>) d.get("translation");
                if (t == null) {
                    return "";
                }
                return t.containsKey("source_from") ? "src → " + t.get("source_to") : "dst → " + t.get("destination_to");
            }
            case IP:
                return String.valueOf(d.get("note")).startsWith("stands for") ? "any internet address" : "";
            default:
                // Nothing of its own to say: a blocked node's code is in its callout already.
                return hop.summary().isEmpty() ? "" : matched();
        }
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /** The title for the diagram: the Name tag, or the ID shortened. */
    public String shortTitle() {
        if (!title.equals(hop.id()) || hop.type() == HopType.IP) {
            return title;
        }
        int dash = hop.id().lastIndexOf('-');
        int keep = dash > 6 ? 4 : 6;
        return dash > 0 && hop.id().length() - dash > keep + 2 ? hop.id().substring(0, dash + 1) + "…"
                + hop.id().substring(hop.id().length() - keep) : hop.id();
    }

    /** "Forward" or "Return". */
    public String legLabel() {
        return leg == Explanation.Leg.FORWARD ? "Forward" : "Return";
    }

    /** The kind of component as the console names it, like "Security group". */
    public String typeLabel() {
        return typeLabel(hop.type(), hop.detail().get("internet"));
    }

    static String typeLabel(HopType t, Object internet) {
        return switch (t) {
            case NETWORK_INTERFACE -> "Network interface";
            case SECURITY_GROUP -> "Security group";
            case NETWORK_ACL -> "Network ACL";
            case SUBNET -> "Subnet";
            case ROUTE_TABLE -> "Route table";
            case INTERNET_GATEWAY -> "Internet gateway";
            case NAT_GATEWAY -> "NAT gateway";
            case VPC_PEERING_CONNECTION -> "Peering connection";
            case TRANSIT_GATEWAY -> "Transit gateway";
            case TRANSIT_GATEWAY_ATTACHMENT -> "TGW attachment";
            case TRANSIT_GATEWAY_ROUTE_TABLE -> "TGW route table";
            case VPC_ENDPOINT -> "VPC endpoint";
            case VIRTUAL_PRIVATE_GATEWAY -> "Virtual private gateway";
            case INSTANCE -> "Instance";
            case IP -> Boolean.TRUE.equals(internet) ? "Internet address" : "IP address";
        };
    }

    /** Whether the hop stands for an address on the internet (drawn as a cloud). */
    public boolean internet() {
        return Boolean.TRUE.equals(hop.detail().get("internet"));
    }

    /** The ID shortened in the middle to fit under a diagram node, like {@code tgw-attach-…00c001}. */
    public String shortId() {
        return shorten(hop.id(), 19);
    }

    static String shorten(String id, int max) {
        if (id == null || id.length() <= max) {
            return id;
        }
        int dash = id.lastIndexOf('-');
        String prefix = dash > 0 && dash < max - 7 ? id.substring(0, dash + 1) : id.substring(0, Math.max(1, max - 7));
        int keep = Math.max(4, max - prefix.length() - 1);
        return prefix + "…" + id.substring(id.length() - keep);
    }

    /** One line for the table's status column. */
    public String status() {
        if (blocked()) {
            return "Blocked";
        }
        return reached ? "Passed" : "Not reached";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %d %s %s%s", legLabel(), index, hop.type(), hop.id(),
                blocked() ? " (blocked)" : "");
    }
}
