package dev.mirrorscope.app.reach;

import dev.mirrorscope.engine.reach.analysis.Explanation;
import dev.mirrorscope.engine.reach.analysis.Hop;
import dev.mirrorscope.engine.reach.analysis.HopType;
import java.util.Locale;

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
        String s = hop.summary();
        String d = direction();
        if (!d.isEmpty() && s.startsWith(d + ": ")) {
            s = s.substring(d.length() + 2);
        }
        if (s.isEmpty() && explanation != null) {
            return explanation.code();
        }
        return s;
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
        return shorten(hop.id(), 20);
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
