package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.decode.Anomaly;
import dev.mirrorscope.engine.decode.DecodedPacket;
import dev.mirrorscope.engine.decode.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the lines of one decode (the packet, or a packet quoted in an ICMP error) from the decoders'
 * events: one line per layer with its parts, then the anomalies under the layer where they were found.
 */
final class Context {
    /** One structure reported inside a layer. */
    record Part(int kind, int offset, int length) {
    }

    final TreeWriter w;
    final DecodedPacket d;
    final List<ProtocolNode> roots;
    final ProtocolNode frame;
    final int depth;
    final PacketDissector dissector;

    /** Where the IP datagram being read ends as its header declares it (may lie past the captured bytes). */
    int ipEnd;
    /** The last IPv6 header's line (extension headers go under it) and the Next Header the next one has. */
    ProtocolNode ipv6;
    int nextHeader = -1;
    /** The last ICMP or ICMPv6 line: a quoted packet goes under it. */
    ProtocolNode icmp;
    /** The TCP header's flags and acknowledgement number, for the SACK option's D-SACK reading. */
    long tcpAck;
    boolean tcpAckFlag;
    /** Version of the IP header read last (4 or 6), 0 before any. */
    int ipVersion;
    /** Layer.TCP or Layer.UDP for the transport header read last; DNS over TCP has a length prefix. */
    int transport;

    private final List<ProtocolNode> layerNodes = new ArrayList<>();
    private final List<int[]> layerSpans = new ArrayList<>();
    private final List<Integer> layerTypes = new ArrayList<>();
    private final List<Integer> layerContainerEnds = new ArrayList<>();

    Context(TreeWriter w, DecodedPacket d, List<ProtocolNode> roots, ProtocolNode frame, int depth,
            PacketDissector dissector, int reportedEnd) {
        this.w = w;
        this.d = d;
        this.roots = roots;
        this.frame = frame;
        this.depth = depth;
        this.dissector = dissector;
        this.ipEnd = Math.max(w.cap, reportedEnd);
        this.reportedEnd = this.ipEnd;
    }

    /** Where the frame (or the quoted packet) ends as reported, captured or not: Ethernet padding's reference. */
    final int reportedEnd;

    /** Narrows the end of the datagram being read to what a header declares, never past its container. */
    void narrow(int declaredEnd) {
        ipEnd = Math.min(ipEnd, declaredEnd);
    }

    void build(PacketDissector.Events e) {
        List<int[]> anomalies = new ArrayList<>();
        int i = 0;
        while (i < e.count) {
            if (e.what[i] == PacketDissector.Events.ANOMALY) {
                anomalies.add(new int[] {e.kind[i], e.offset[i]});
                i++;
                continue;
            }
            if (e.what[i] == PacketDissector.Events.PART) {
                i++; // a part before any layer: nothing to hang it on
                continue;
            }
            int type = e.kind[i];
            int o = e.offset[i];
            int n = e.length[i];
            List<Part> parts = new ArrayList<>();
            int j = i + 1;
            for (; j < e.count && e.what[j] != PacketDissector.Events.LAYER; j++) {
                if (e.what[j] == PacketDissector.Events.PART) {
                    parts.add(new Part(e.kind[j], e.offset[j], e.length[j]));
                } else {
                    anomalies.add(new int[] {e.kind[j], e.offset[j]});
                }
            }
            layer(type, o, n, parts);
            i = j;
        }
        padding();
        for (int[] a : anomalies) {
            expert(Anomaly.of(a[0]), a[1]);
        }
    }

    private void layer(int type, int o, int n, List<Part> parts) {
        int containerEnd = ipEnd;
        ProtocolNode node;
        ProtocolNode placeholder = null;
        try {
            node = switch (type) {
                case Layer.ETHERNET -> LinkLayers.ethernet(this, o, n);
                case Layer.VLAN -> LinkLayers.vlan(this, o, n);
                case Layer.ARP -> LinkLayers.arp(this, o, n);
                case Layer.LLC -> LinkLayers.llc(this, o, n);
                case Layer.LINUX_SLL, Layer.LINUX_SLL2 -> LinkLayers.sll(this, type, o, n);
                case Layer.NULL_LOOPBACK -> LinkLayers.nullLoopback(this, o, n);
                case Layer.PPP -> LinkLayers.ppp(this, o, n);
                case Layer.MPLS -> LinkLayers.mpls(this, o, n);
                case Layer.CISCO_METADATA -> LinkLayers.ciscoMetadata(this, o, n);
                case Layer.IPV4 -> NetworkLayers.ipv4(this, o, n, parts);
                case Layer.IPV6 -> NetworkLayers.ipv6(this, o, n);
                case Layer.IPV6_EXT -> NetworkLayers.extension(this, o, n, parts);
                case Layer.AH -> NetworkLayers.ah(this, o, n);
                case Layer.ESP -> NetworkLayers.esp(this, o, n);
                case Layer.TCP -> TransportLayers.tcp(this, o, n, parts);
                case Layer.UDP -> TransportLayers.udp(this, o, n);
                case Layer.ICMP -> TransportLayers.icmp(this, o, n);
                case Layer.ICMPV6 -> TransportLayers.icmpv6(this, o, n);
                case Layer.SCTP -> TransportLayers.sctp(this, o, n);
                case Layer.ICMP_QUOTED -> quoted(o, n);
                case Layer.VXLAN -> TunnelLayers.vxlan(this, o, n);
                case Layer.VXLAN_GPE -> TunnelLayers.vxlanGpe(this, o, n);
                case Layer.GENEVE -> TunnelLayers.geneve(this, o, n, parts);
                case Layer.GRE -> TunnelLayers.gre(this, o, n);
                case Layer.ERSPAN -> TunnelLayers.erspan(this, o, n);
                case Layer.NSH -> TunnelLayers.nsh(this, o, n);
                case Layer.DNS -> ApplicationLayers.dns(this, o, n, parts);
                case Layer.TLS -> ApplicationLayers.tls(this, o, n, parts);
                case Layer.HTTP -> ApplicationLayers.http(this, o, n, parts);
                default -> data(o, n);
            };
        } catch (TreeWriter.OutOfBytes e) {
            // Formatters add their line before reading further: a layer cut short keeps what was read.
            node = pending;
        } catch (RuntimeException e) {
            node = pending != null ? pending : open(TreeWriter.protocol(Layer.name(type), null, o, n));
            placeholder = node;
        }
        if (placeholder != null) {
            experts(placeholder, ProtocolNode.Severity.ERROR,
                    "[Malformed: this layer could not be shown (" + placeholder.label() + ")]", null);
        }
        if (node != null) {
            layerNodes.add(node);
            layerSpans.add(new int[] {o, n});
            layerTypes.add(type);
            layerContainerEnds.add(containerEnd);
        }
        pending = null;
    }

    /** The line a formatter is writing: kept when the formatter stops at the end of the captured bytes. */
    private ProtocolNode pending;

    /** Adds a layer's line where it belongs (a root, or under the line it is part of) and remembers it. */
    ProtocolNode open(ProtocolNode node) {
        roots.add(node);
        pending = node;
        return node;
    }

    /** Remembers a line that the formatter put under another one (an IPv6 extension header). */
    ProtocolNode openUnder(ProtocolNode parent, ProtocolNode node) {
        parent.add(node);
        pending = node;
        return node;
    }

    ProtocolNode data(int o, int n) {
        ProtocolNode node = open(TreeWriter.protocol("Data (" + n + " bytes)", "data", o, n));
        w.field(node, "data.data", "Data: " + w.plainHex(o, n), w.colonHex(o, n), o, n);
        w.generated(node, "data.len", "Length: " + n, Integer.toString(n), o);
        return node;
    }

    private ProtocolNode quoted(int o, int n) {
        if (icmp != null) {
            dissector.dissectQuoted(w, icmp, o, n, depth + 1);
        }
        return null;
    }

    /** Ethernet padding or trailer: bytes after the payload that the Ethernet frame's container still holds. */
    private void padding() {
        for (int k = 0; k < layerNodes.size(); k++) {
            if (layerTypes.get(k) != Layer.ETHERNET) {
                continue;
            }
            int j = k + 1;
            while (j < layerNodes.size() && layerTypes.get(j) == Layer.VLAN) {
                j++;
            }
            if (j >= layerNodes.size()) {
                continue;
            }
            int payloadEnd = LinkLayers.payloadEnd(this, layerSpans.get(k)[0], layerTypes.get(j), layerSpans.get(j)[0]);
            int end = layerContainerEnds.get(k);
            if (payloadEnd < 0 || payloadEnd >= end) {
                continue;
            }
            LinkLayers.trailer(this, layerNodes.get(k), payloadEnd, end);
        }
    }

    private void expert(Anomaly a, int offset) {
        if (a == null) {
            return;
        }
        ProtocolNode owner = null;
        for (int k = 0; k < layerNodes.size(); k++) {
            int[] span = layerSpans.get(k);
            if (span[0] <= offset) {
                owner = layerNodes.get(k);
            }
        }
        if (owner == null) {
            owner = frame;
        }
        Experts.Text t = Experts.text(a, d, w.cap);
        experts(owner, t.severity(), t.label(), a.id());
    }

    private static void experts(ProtocolNode owner, ProtocolNode.Severity severity, String label, String id) {
        owner.add(new ProtocolNode(ProtocolNode.Kind.EXPERT, label, id == null ? null : "mirrorscope.anomaly", id,
                owner.offset(), 0, severity));
    }
}
