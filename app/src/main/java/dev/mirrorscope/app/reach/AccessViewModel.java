package dev.mirrorscope.app.reach;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.reach.access.AccessAnalyzer;
import dev.mirrorscope.engine.reach.access.AccessReport;
import dev.mirrorscope.engine.reach.access.AdminExposure;
import dev.mirrorscope.engine.reach.access.CrossVpcPath;
import dev.mirrorscope.engine.reach.access.Exposure;
import dev.mirrorscope.engine.reach.access.InternetExposure;
import dev.mirrorscope.engine.reach.analysis.Protocol;
import dev.mirrorscope.engine.reach.analysis.Query;
import dev.mirrorscope.engine.reach.model.Cidr;
import dev.mirrorscope.engine.reach.model.InternetGateway;
import dev.mirrorscope.engine.reach.model.NetworkInterface;
import dev.mirrorscope.engine.reach.model.PrivateAddress;
import dev.mirrorscope.engine.reach.model.Snapshot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the access view: Network Access Analyzer-style findings over the path view's snapshot (interfaces
 * the internet reaches and on what, administrative and database ports exposed, routes across VPC boundaries),
 * computed in the background, and the question that opens a finding in the path view. Touches no control.
 */
public final class AccessViewModel {
    /** An internet address to ask from where a VPC has no internet gateway to stand for the internet. */
    static final String INTERNET_SOURCE = "198.51.100.1";

    /** One protocol on which the internet reaches one interface: a row of the internet-exposure table. */
    public record InternetRow(InternetExposure finding, Exposure exposure) {
        public String ports() {
            return exposure.ports() == null ? "echo" : exposure.ports().toString();
        }

        public String protocolLabel() {
            return exposure.protocol() + (exposure.ipVersion() == 6 && !exposure.protocol().endsWith("v6")
                    ? " (IPv6)" : "");
        }
    }

    private final UiTaskExecutor tasks;
    private final ReachViewModel reach;
    private final ObservableList<InternetRow> internet = FXCollections.observableArrayList();
    private final ObservableList<AdminExposure> admin = FXCollections.observableArrayList();
    private final ObservableList<CrossVpcPath> crossVpc = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Open a VPC snapshot in the path view to"
            + " analyse access.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty done = new SimpleBooleanProperty(false);
    private final int threads;
    private int generation;
    private boolean wanted;

    public AccessViewModel(UiTaskExecutor tasks, ReachViewModel reach) {
        this(tasks, reach, Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    /** {@code threads}: workers for the internet scan (one core is left to the window by default). */
    public AccessViewModel(UiTaskExecutor tasks, ReachViewModel reach, int threads) {
        this.tasks = Objects.requireNonNull(tasks);
        this.reach = Objects.requireNonNull(reach);
        this.threads = threads;
        reach.snapshot().addListener((obs, was, now) -> {
            clear();
            // Findings once asked for follow the snapshot; otherwise nothing runs until the view is shown.
            if (now != null && wanted) {
                run();
            }
        });
    }

    /** Runs the analysis unless it has run on the current snapshot: call it when the view is shown. */
    public void ensureAnalysed() {
        wanted = true;
        if (!done.get() && !busy.get() && reach.snapshot().get() != null) {
            run();
        }
    }

    /** Runs every analysis on the path view's snapshot, in the background. */
    public void run() {
        Snapshot s = reach.snapshot().get();
        wanted = true;
        if (s == null) {
            error.set("Open a VPC snapshot in the path view first.");
            return;
        }
        int gen = ++generation;
        error.set(null);
        busy.set(true);
        done.set(false);
        summary.set(String.format(Locale.ROOT, "Analysing access of %,d interfaces in %,d VPCs…",
                s.networkInterfaces().size(), s.vpcs().size()));
        tasks.submit(() -> new AccessAnalyzer(s).analyze(EnumSet.allOf(AccessAnalyzer.Scope.class), threads),
                r -> {
                    if (gen == generation) {
                        show(r);
                    }
                }, t -> {
                    if (gen == generation) {
                        busy.set(false);
                        String m = t.getMessage() != null ? t.getMessage() : t.toString();
                        error.set("The access analysis failed: " + m.lines().findFirst().orElse(m));
                        summary.set("");
                        done.set(true);
                    }
                });
    }

    private void clear() {
        generation++;
        internet.clear();
        admin.clear();
        crossVpc.clear();
        error.set(null);
        busy.set(false);
        done.set(false);
        summary.set(reach.snapshot().get() == null ? "Open a VPC snapshot in the path view to analyse access."
                : "Not analysed yet.");
    }

    private void show(AccessReport r) {
        List<InternetRow> rows = new ArrayList<>();
        for (InternetExposure x : r.internetExposed()) {
            for (Exposure e : x.exposures()) {
                rows.add(new InternetRow(x, e));
            }
        }
        internet.setAll(rows);
        admin.setAll(r.adminExposed());
        crossVpc.setAll(r.crossVpcPaths());
        long reachable = r.adminExposed().stream().filter(AdminExposure::reachableFromInternet).count();
        summary.set(String.format(Locale.ROOT, "%,d of %,d interfaces reachable from the internet · %,d admin or"
                + " database ports exposed, %,d of them reachable · %,d route%s across VPCs",
                r.internetExposed().size(), r.interfaces(), r.adminExposed().size(), reachable,
                r.crossVpcPaths().size(), r.crossVpcPaths().size() == 1 ? "" : "s"));
        busy.set(false);
        done.set(true);
    }

    // ---- opening a finding in the path view ----

    /** The question that shows an internet exposure: from the internet gateway to the interface, on its first port. */
    public Query questionFor(InternetRow row) {
        Exposure e = row.exposure();
        Protocol p = e.protocol().startsWith("icmp") ? Protocol.ICMP : Protocol.parse(e.protocol());
        String destination = row.finding().interfaceId();
        if (e.ipVersion() == 6) {
            destination = row.finding().publicAddresses().stream().filter(a -> a.indexOf(':') >= 0).findFirst()
                    .orElse(destination);
        }
        return new Query(row.finding().internetGatewayId(), destination, p, e.ports() == null ? null
                : e.ports().first());
    }

    /** From the internet (its gateway, when the VPC has one) to the interface on the port. */
    public Query questionFor(AdminExposure a) {
        Snapshot s = reach.snapshot().get();
        String source = INTERNET_SOURCE;
        if (s != null) {
            List<InternetGateway> igws = s.internetGatewaysOf(a.vpcId());
            if (!igws.isEmpty()) {
                source = igws.get(0).id();
            }
        }
        return new Query(source, a.interfaceId(), Protocol.TCP, a.port());
    }

    /**
     * From an interface on the near side (in a subnet that uses the route, when one has an interface) to an
     * interface on the far side inside the route's destination, any TCP port; null when a side has no interface.
     */
    public Query questionFor(CrossVpcPath c) {
        Snapshot s = reach.snapshot().get();
        if (s == null) {
            return null;
        }
        NetworkInterface from = null;
        for (NetworkInterface e : s.networkInterfaces().values()) {
            if (c.fromVpc().equals(e.vpcId()) && e.primaryIp() != null) {
                if (c.subnets().contains(e.subnetId())) {
                    from = e;
                    break;
                }
                if (from == null) {
                    from = e;
                }
            }
        }
        Cidr dest = c.destination() == null ? null : Cidr.tryParse(c.destination()).orElse(null);
        // Best an interface of the far VPC inside the route's destination; else one inside the destination
        // wherever it is (a route past a peering, which is not transitive); else any of the far VPC.
        NetworkInterface to = null;
        int best = 0;
        for (NetworkInterface e : s.networkInterfaces().values()) {
            if (e == from || e.primaryIp() == null || e.vpcId() == null || e.vpcId().equals(c.fromVpc())) {
                continue;
            }
            boolean inVpc = c.toVpc() == null || c.toVpc().equals(e.vpcId());
            boolean inside = dest != null && e.privateAddresses().stream().map(PrivateAddress::ip)
                    .anyMatch(dest::contains);
            int score = inVpc && inside ? 3 : inside ? 2 : inVpc ? 1 : 0;
            if (score > best) {
                best = score;
                to = e;
                if (score == 3) {
                    break;
                }
            }
        }
        if (from == null || to == null) {
            return null;
        }
        return new Query(from.id(), to.id(), Protocol.TCP, null);
    }

    /**
     * Asks the path view the finding's question; false (with {@link #error}) when there is none to ask.
     * {@code finding} is an {@link InternetRow}, an {@link AdminExposure} or a {@link CrossVpcPath}.
     */
    public boolean open(Object finding) {
        Query q = null;
        if (finding instanceof InternetRow r) {
            q = questionFor(r);
        } else if (finding instanceof AdminExposure a) {
            q = questionFor(a);
        } else if (finding instanceof CrossVpcPath c) {
            q = questionFor(c);
        }
        if (q == null) {
            error.set(finding instanceof CrossVpcPath c ? "No interface to trace with: " + c.fromVpc() + " or "
                    + (c.toVpc() == null ? c.destination() : c.toVpc()) + " has no network interface in the snapshot."
                    : "Nothing to open.");
            return false;
        }
        error.set(null);
        reach.ask(q);
        return true;
    }

    /** A VPC as people know it: its Name tag, or its ID. */
    public String vpcLabel(String vpcId) {
        Snapshot s = reach.snapshot().get();
        String name = s == null || vpcId == null ? null : s.nameOf(vpcId);
        return vpcId == null ? "" : name == null ? vpcId : name;
    }

    public ObservableList<InternetRow> internet() {
        return internet;
    }

    public ObservableList<AdminExposure> admin() {
        return admin;
    }

    public ObservableList<CrossVpcPath> crossVpc() {
        return crossVpc;
    }

    public ReadOnlyStringProperty summary() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    /** True once the findings of the current snapshot are in (or the analysis failed). */
    public ReadOnlyBooleanProperty done() {
        return done;
    }
}
