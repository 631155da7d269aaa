package dev.mirrorscope.engine.reach.analysis;

import dev.mirrorscope.engine.reach.model.Instance;
import dev.mirrorscope.engine.reach.model.InternetGateway;
import dev.mirrorscope.engine.reach.model.Ip;
import dev.mirrorscope.engine.reach.model.NetworkInterface;
import dev.mirrorscope.engine.reach.model.PrivateAddress;
import dev.mirrorscope.engine.reach.model.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The sources and destinations a snapshot offers, for pickers that complete as one types: instances, network
 * interfaces and internet gateways, found by ID, Name tag or address. Immutable; build once per snapshot.
 */
public final class EndpointCatalog {
    private final List<EndpointChoice> all;
    private final List<String> keys;

    private EndpointCatalog(List<EndpointChoice> all) {
        this.all = List.copyOf(all);
        List<String> k = new ArrayList<>();
        for (EndpointChoice c : this.all) {
            k.add((c.id() + " " + (c.name() == null ? "" : c.name()) + " " + String.join(" ", c.addresses()))
                    .toLowerCase(Locale.ROOT));
        }
        this.keys = List.copyOf(k);
    }

    public static EndpointCatalog of(Snapshot s) {
        List<EndpointChoice> out = new ArrayList<>();
        for (Instance i : s.instances().values()) {
            List<NetworkInterface> enis = s.interfacesOf(i.id());
            NetworkInterface primary = enis.isEmpty() ? null : enis.get(0);
            out.add(new EndpointChoice(i.id(), EndpointChoice.Kind.INSTANCE, i.name(),
                    primary == null ? List.of() : addresses(primary), i.vpcId() != null ? i.vpcId()
                            : primary == null ? null : primary.vpcId(),
                    i.subnetId() != null ? i.subnetId() : primary == null ? null : primary.subnetId(), i.id()));
        }
        for (NetworkInterface e : s.networkInterfaces().values()) {
            String name = e.name();
            if (name == null && e.instanceId() != null) {
                Instance i = s.instances().get(e.instanceId());
                name = i == null ? null : i.name();
            }
            if (name == null && e.description() != null && !e.description().isEmpty()) {
                name = e.description();
            }
            out.add(new EndpointChoice(e.id(), EndpointChoice.Kind.NETWORK_INTERFACE, name, addresses(e), e.vpcId(),
                    e.subnetId(), e.instanceId()));
        }
        for (InternetGateway g : s.internetGateways().values()) {
            out.add(new EndpointChoice(g.id(), EndpointChoice.Kind.INTERNET_GATEWAY, g.name(), List.of(),
                    g.attachments().isEmpty() ? null : g.attachments().get(0).vpcId(), null, null));
        }
        out.sort(Comparator.comparing(EndpointChoice::kind).thenComparing(c -> c.name() == null ? "\uffff" : c.name())
                .thenComparing(EndpointChoice::id));
        return new EndpointCatalog(out);
    }

    private static List<String> addresses(NetworkInterface e) {
        List<String> out = new ArrayList<>();
        for (PrivateAddress a : e.privateAddresses()) {
            out.add(a.ip().toString());
        }
        for (Ip ip : e.ipv6Addresses()) {
            out.add(ip.toString());
        }
        for (PrivateAddress a : e.privateAddresses()) {
            if (a.publicIp() != null) {
                out.add(a.publicIp().toString());
            }
        }
        return out;
    }

    public List<EndpointChoice> all() {
        return all;
    }

    /**
     * Up to {@code limit} choices whose ID, Name tag or an address contains every word of {@code text}
     * (case-insensitive), those whose ID, name or address starts with the text first.
     */
    public List<EndpointChoice> complete(String text, int limit) {
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        String[] words = q.isEmpty() ? new String[0] : q.split("\\s+");
        List<EndpointChoice> starts = new ArrayList<>();
        List<EndpointChoice> contains = new ArrayList<>();
        for (int i = 0; i < all.size() && starts.size() < limit; i++) {
            String k = keys.get(i);
            boolean ok = true;
            for (String w : words) {
                if (!k.contains(w)) {
                    ok = false;
                    break;
                }
            }
            if (!ok) {
                continue;
            }
            if (q.isEmpty() || k.startsWith(q) || k.contains(" " + q)) {
                starts.add(all.get(i));
            } else if (contains.size() < limit) {
                contains.add(all.get(i));
            }
        }
        List<EndpointChoice> out = new ArrayList<>(starts);
        for (EndpointChoice c : contains) {
            if (out.size() >= limit) {
                break;
            }
            out.add(c);
        }
        return out;
    }
}
