package dev.mirrorscope.app.reach;

import dev.mirrorscope.engine.reach.analysis.HopType;
import javafx.scene.shape.SVGPath;

/**
 * A line-drawn glyph for each kind of path component, on a 24 by 24 grid, and the colour family its tile
 * takes (style classes in reach.css): endpoints blue, filters amber, routing violet, gateways teal.
 */
final class HopGlyphs {
    private HopGlyphs() {
    }

    /** The tile's colour family: hop-endpoint, hop-filter, hop-routing or hop-gateway. */
    static String family(HopType t) {
        return switch (t) {
            case INSTANCE, NETWORK_INTERFACE, IP -> "hop-endpoint";
            case SECURITY_GROUP, NETWORK_ACL -> "hop-filter";
            case ROUTE_TABLE, TRANSIT_GATEWAY_ROUTE_TABLE, SUBNET -> "hop-routing";
            default -> "hop-gateway";
        };
    }

    static SVGPath glyph(HopType t, boolean internet) {
        SVGPath p = new SVGPath();
        p.setContent(path(t, internet));
        p.getStyleClass().add("hop-glyph");
        if (t == HopType.SUBNET) {
            p.getStyleClass().add("hop-glyph-dashed");
        }
        return p;
    }

    static String path(HopType t, boolean internet) {
        return switch (t) {
            // a processor: a die with pins on every side
            case INSTANCE -> "M6 6h12v12H6z M9.5 9.5h5v5h-5z M9 2.5V6 M15 2.5V6 M9 18v3.5 M15 18v3.5"
                    + " M2.5 9H6 M2.5 15H6 M18 9h3.5 M18 15h3.5";
            // a network card: a port with its contacts
            case NETWORK_INTERFACE -> "M3.5 6h17v10h-5v3h-7v-3h-5z M8 9.5v2.5 M12 9.5v2.5 M16 9.5v2.5";
            // a shield with a tick
            case SECURITY_GROUP -> "M12 2.5l7.5 3v5.5c0 4.8-3.2 8.6-7.5 10.5c-4.3-1.9-7.5-5.7-7.5-10.5V5.5z"
                    + " M8.5 12l2.5 2.5l4.5-5";
            // ordered rules: numbered lines
            case NETWORK_ACL -> "M4 6.5h2 M4 12h2 M4 17.5h2 M9 6.5h11 M9 12h11 M9 17.5h7";
            // a fork: where the routes part
            case ROUTE_TABLE -> "M12 21.5V12 M12 12L5.5 5.5 M12 12l6.5-6.5 M5 10V5h5 M19 10V5h-5";
            // a fork over a hub
            case TRANSIT_GATEWAY_ROUTE_TABLE -> "M12 15V11 M12 11L6.5 5.5 M12 11l5.5-5.5 M6 9.5V5h4.5 M18 9.5V5h-4.5"
                    + " M14.5 18.5a2.5 2.5 0 1 1 -5 0a2.5 2.5 0 1 1 5 0z";
            case SUBNET -> "M4 4h16v16H4z";
            // a globe
            case INTERNET_GATEWAY -> "M21 12a9 9 0 1 1 -18 0a9 9 0 1 1 18 0z M3 12h18"
                    + " M12 3c3.2 2.6 3.2 15.4 0 18 M12 3c-3.2 2.6 -3.2 15.4 0 18";
            // translation: two opposite arrows
            case NAT_GATEWAY -> "M4 8.5h15 M15.5 5l3.5 3.5l-3.5 3.5 M20 15.5H5 M8.5 12L5 15.5L8.5 19";
            // two linked rings
            case VPC_PEERING_CONNECTION -> "M14 12a5 5 0 1 1 -10 0a5 5 0 1 1 10 0z M20 12a5 5 0 1 1 -10 0a5 5 0 1 1 10 0z";
            // a hub with four spokes
            case TRANSIT_GATEWAY -> "M15 12a3 3 0 1 1 -6 0a3 3 0 1 1 6 0z M12 9V5.5 M12 15v3.5 M9 12H5.5 M15 12h3.5"
                    + " M14 3.5a2 2 0 1 1 -4 0a2 2 0 1 1 4 0z M14 20.5a2 2 0 1 1 -4 0a2 2 0 1 1 4 0z"
                    + " M5.5 12a2 2 0 1 1 -4 0a2 2 0 1 1 4 0z M22.5 12a2 2 0 1 1 -4 0a2 2 0 1 1 4 0z";
            // a plug
            case TRANSIT_GATEWAY_ATTACHMENT -> "M9 2.5v5 M15 2.5v5 M6 7.5h12v4a6 6 0 0 1 -12 0z M12 17.5v4";
            // a way in: an arrow through a door
            case VPC_ENDPOINT -> "M3 12h10 M9.5 8.5L13 12l-3.5 3.5 M14 4h6v16h-6";
            // a padlock: the VPN end of the VPC
            case VIRTUAL_PRIVATE_GATEWAY -> "M6 11h12v10H6z M8.5 11V7.5a3.5 3.5 0 0 1 7 0V11 M12 14.5v3";
            // a cloud for the internet, a host otherwise
            case IP -> internet ? "M7 18.5h10.5a4 4 0 0 0 .5-8A6 6 0 0 0 6.3 9.6A4.5 4.5 0 0 0 7 18.5z"
                    : "M4 4.5h16v6H4z M4 13.5h16v6H4z M7.5 7.5h1 M7.5 16.5h1";
        };
    }
}
