package dev.mirrorscope.app.reach;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.reach.analysis.AnalysisResult;
import dev.mirrorscope.engine.reach.analysis.EndpointCatalog;
import dev.mirrorscope.engine.reach.analysis.EndpointChoice;
import dev.mirrorscope.engine.reach.analysis.Explanation;
import dev.mirrorscope.engine.reach.analysis.Hop;
import dev.mirrorscope.engine.reach.analysis.HopType;
import dev.mirrorscope.engine.reach.analysis.Protocol;
import dev.mirrorscope.engine.reach.analysis.Query;
import dev.mirrorscope.engine.reach.analysis.ReachabilityAnalyzer;
import dev.mirrorscope.engine.reach.model.Ip;
import dev.mirrorscope.engine.reach.model.Snapshot;
import dev.mirrorscope.engine.reach.snapshot.SnapshotFormatException;
import dev.mirrorscope.engine.reach.snapshot.SnapshotReader;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the path view: the loaded VPC snapshot, the question (source, destination, protocol, ports), the
 * answer hop by hop, and the selected hop. Touches no control; snapshot loading and analyses run through the
 * {@link UiTaskExecutor}, so the FX thread never waits on the disk or the analyzer. A newer load or analysis
 * overtakes an older one still running: only the last one's answer is shown.
 */
public final class ReachViewModel {
    /** Suggestions a picker lists at most; more would only be scrolled past. */
    static final int COMPLETIONS = 50;
    private static final Pattern AWS_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*-[0-9a-f]{8,17}");

    /** What the answer says, for the banner's colour. */
    public enum Verdict {
        NONE, REACHABLE, BLOCKED
    }

    private final UiTaskExecutor tasks;
    private final ReadOnlyObjectWrapper<Path> snapshotDir = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Snapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper snapshotSummary = new ReadOnlyStringWrapper("No snapshot loaded");
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final StringProperty source = new SimpleStringProperty("");
    private final StringProperty destination = new SimpleStringProperty("");
    private final ObjectProperty<Protocol> protocol = new SimpleObjectProperty<>(Protocol.TCP);
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty sourcePort = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<AnalysisResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Verdict> verdict = new ReadOnlyObjectWrapper<>(Verdict.NONE);
    private final ReadOnlyStringWrapper verdictTitle = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper verdictDetail = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper flowNote = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper forwardTitle = new ReadOnlyStringWrapper("Forward path");
    private final ReadOnlyStringWrapper returnTitle = new ReadOnlyStringWrapper("Return path");
    private final ObservableList<HopItem> forward = FXCollections.observableArrayList();
    private final ObservableList<HopItem> returnPath = FXCollections.observableArrayList();
    private final ObservableList<HopItem> hops = FXCollections.observableArrayList();
    private final ObservableList<Explanation> explanations = FXCollections.observableArrayList();
    private final ObjectProperty<HopItem> selectedHop = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper work = new ReadOnlyStringWrapper("");
    private volatile EndpointCatalog catalog;
    /** Choices by ID, by picker text and by label. */
    private volatile Map<String, EndpointChoice> choices = Map.of();
    private volatile ReachabilityAnalyzer analyzer;
    private int loadGeneration;
    private int analysisGeneration;
    private int running;
    /** An "Explain this flow" question waiting for a snapshot. */
    private FlowQuestion pending;

    /** A flow to explain: the 5-tuple and the flow-log action (ACCEPT, REJECT) when it came from a record. */
    private record FlowQuestion(String src, Integer sport, String dst, Integer dport, int proto, String action) {
    }

    public ReachViewModel(UiTaskExecutor tasks) {
        this.tasks = Objects.requireNonNull(tasks);
        clearResult(null);
    }

    // ---- snapshot ----

    /** Reads a snapshot directory in the background; a question waiting for one (prefill) is then analysed. */
    public void loadSnapshot(Path dir) {
        int gen = ++loadGeneration;
        ++analysisGeneration;
        error.set(null);
        begin("Reading snapshot " + dir.getFileName() + "…");
        tasks.submit(() -> Loaded.of(SnapshotReader.read(dir)), s -> {
            end();
            if (gen != loadGeneration) {
                return;
            }
            install(dir, s);
        }, t -> {
            end();
            if (gen != loadGeneration) {
                return;
            }
            error.set(snapshotError(dir, t));
        });
    }

    /** Uses a snapshot already read (by the command line or a test), as {@link #loadSnapshot} would. */
    public void setSnapshot(Path dir, Snapshot s) {
        ++loadGeneration;
        install(dir, Loaded.of(s));
    }

    /** A snapshot with what the pickers and the analyses need, built off the FX thread. */
    private record Loaded(Snapshot snapshot, EndpointCatalog catalog, Map<String, EndpointChoice> byText) {
        static Loaded of(Snapshot s) {
            EndpointCatalog c = EndpointCatalog.of(s);
            Map<String, EndpointChoice> byText = new HashMap<>();
            for (EndpointChoice e : c.all()) {
                byText.putIfAbsent(e.label(), e);
                byText.putIfAbsent(display(e), e);
            }
            for (EndpointChoice e : c.all()) {
                byText.put(e.id(), e);
            }
            return new Loaded(s, c, Map.copyOf(byText));
        }
    }

    private void install(Path dir, Loaded loaded) {
        Snapshot s = loaded.snapshot();
        catalog = loaded.catalog();
        choices = loaded.byText();
        analyzer = new ReachabilityAnalyzer(s);
        snapshotDir.set(dir);
        snapshot.set(s);
        warnings.setAll(s.warnings());
        snapshotSummary.set(summary(dir, s));
        clearResult(null);
        FlowQuestion q = pending;
        pending = null;
        if (q != null) {
            explain(q);
        }
    }

    static String snapshotError(Path dir, Throwable t) {
        if (t instanceof SnapshotFormatException f) {
            // The message is already "file: $.json.path: problem".
            return "Cannot read the snapshot in " + dir + ": " + f.getMessage();
        }
        if (t instanceof NoSuchFileException) {
            return "Cannot read the snapshot: " + dir + " does not exist";
        }
        String m = t.getMessage() != null ? t.getMessage() : t.toString();
        return "Cannot read the snapshot in " + dir + ": " + m.lines().findFirst().orElse(m);
    }

    private static String summary(Path dir, Snapshot s) {
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        return String.format(Locale.ROOT, "%s · %s · %s · %s", name, count(s.vpcs().size(), "VPC"),
                count(s.instances().size(), "instance"), count(s.networkInterfaces().size(), "interface"));
    }

    private static String count(int n, String what) {
        return String.format(Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
    }

    // ---- pickers ----

    /**
     * Up to {@value #COMPLETIONS} sources or destinations for what was typed: instances, interfaces and internet
     * gateways whose ID, Name tag or address contains every word. Empty before a snapshot is loaded.
     */
    public List<EndpointChoice> complete(String text) {
        EndpointCatalog c = catalog;
        return c == null ? List.of() : c.complete(text, COMPLETIONS);
    }

    /** What a picker puts in its field for a chosen endpoint: the Name tag and the ID. */
    public static String display(EndpointChoice c) {
        return c.name() == null || c.name().isEmpty() ? c.id() : c.name() + "  " + c.id();
    }

    /** The choice a picker's text stands for, or null (typed addresses and unknown IDs have none). */
    public EndpointChoice choiceFor(String text) {
        EndpointCatalog c = catalog;
        if (c == null || text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        Map<String, EndpointChoice> index = choices;
        EndpointChoice exact = index.get(t);
        if (exact != null) {
            return exact;
        }
        for (String token : t.split("\\s+")) {
            EndpointChoice e = index.get(token);
            if (e != null && e.id().equals(token)) {
                return e;
            }
        }
        return null;
    }

    /**
     * The ID or address the analyzer gets for a picker's text: a chosen endpoint's ID, an ID or IP address as
     * typed, or the one endpoint whose Name tag, ID or address matches.
     *
     * @throws IllegalArgumentException with a message for people when nothing or several things match
     */
    String resolve(String text, String role) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Choose a " + role
                    + ": an instance, network interface, internet gateway or IP address.");
        }
        EndpointChoice chosen = choiceFor(t);
        if (chosen != null) {
            return chosen.id();
        }
        if (Ip.tryParse(t).isPresent() || AWS_ID.matcher(t).matches()) {
            return t;
        }
        List<EndpointChoice> matches = complete(t);
        List<EndpointChoice> byName = matches.stream().filter(c -> t.equalsIgnoreCase(c.name())).toList();
        if (byName.size() == 1) {
            return byName.get(0).id();
        }
        if (matches.size() == 1) {
            return matches.get(0).id();
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("No " + role + " matches \"" + t
                    + "\": type an ID, a Name tag or an address, or pick one from the list.");
        }
        List<String> some = matches.stream().limit(3).map(ReachViewModel::display).toList();
        throw new IllegalArgumentException(String.format(Locale.ROOT, "\"%s\" matches %s%d %ss (%s%s): pick one"
                + " from the list.", t, matches.size() >= COMPLETIONS ? "at least " : "", matches.size(), role,
                String.join(", ", some), matches.size() > 3 ? ", …" : ""));
    }

    // ---- analysis ----

    /** Analyses the question in the fields, in the background; a problem with the fields becomes {@link #error}. */
    public void analyze() {
        analyze(null);
    }

    private void analyze(FlowQuestion flow) {
        ReachabilityAnalyzer a = analyzer;
        if (a == null) {
            error.set("Load a VPC snapshot first (a directory of describe-*.json files).");
            return;
        }
        Query q;
        try {
            q = new Query(resolve(source.get(), "source"), resolve(destination.get(), "destination"), protocol.get(),
                    parsePort(port.get(), "Port"), parsePort(sourcePort.get(), "Source port"));
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        run(a, q, flow);
    }

    private void run(ReachabilityAnalyzer a, Query q, FlowQuestion flow) {
        int gen = ++analysisGeneration;
        error.set(null);
        begin("Analysing " + q.source() + " → " + q.destination() + "…");
        tasks.submit(() -> answer(a, q, flow), done -> {
            end();
            if (gen != analysisGeneration) {
                return;
            }
            show(done);
        }, t -> {
            end();
            if (gen != analysisGeneration) {
                return;
            }
            String m = t.getMessage() != null ? t.getMessage() : t.toString();
            error.set(t instanceof IllegalArgumentException ? m : "The analysis failed: " + m);
            clearResult(null);
        });
    }

    /** An answer and, for a flow-log record, what it says about the record. */
    private record Answer(AnalysisResult result, Snapshot snapshot, String note, boolean reversed) {
    }

    /** Runs on the background thread. */
    private static Answer answer(ReachabilityAnalyzer a, Query q, FlowQuestion flow) {
        Snapshot s = a.snapshot();
        if (flow == null || flow.action() == null) {
            return new Answer(a.analyze(q), s, null, false);
        }
        boolean reject = flow.action().trim().equalsIgnoreCase("REJECT");
        if (looksLikeReply(flow)) {
            // The record's packets are the replies of a connection from the other end: they meet that
            // connection's return path, where security groups let replies pass whatever their rules say.
            Query request = Query.ofFlow(flow.dst(), flow.dport(), flow.src(), flow.sport(), flow.proto());
            AnalysisResult r = a.analyze(request);
            Explanation back = firstOn(r, Explanation.Leg.RETURN);
            Explanation out = firstOn(r, Explanation.Leg.FORWARD);
            String conn = "This record is the reply of a connection from " + endpoint(flow.dst(), flow.dport())
                    + " (shown as that connection)";
            String note;
            if (back != null) {
                note = (reject ? "Rejected by " : conn + ". This snapshot would reject it at ")
                        + blockerText(s, r, back) + (reject ? ". " + conn + "." : "; the configuration may have"
                        + " changed since the record.");
            } else if (out != null) {
                note = conn + ". This snapshot lets the reply through but not the request: "
                        + blockerText(s, r, out) + ".";
            } else {
                note = conn + ". This snapshot allows it both ways" + (reject ? ", so it does not explain the"
                        + " REJECT: the configuration may have changed since the record, or something outside the"
                        + " snapshot rejected it (VPC Block Public Access, for one)." : ".");
            }
            return new Answer(r, s, note, true);
        }
        AnalysisResult r = a.analyze(q);
        Explanation out = firstOn(r, Explanation.Leg.FORWARD);
        Explanation back = firstOn(r, Explanation.Leg.RETURN);
        String note;
        if (out != null) {
            note = reject ? "Rejected by " + blockerText(s, r, out) + "." : "The flow log accepted this flow, but"
                    + " this snapshot blocks it at " + blockerText(s, r, out) + "; the configuration may have changed"
                    + " since the record.";
        } else if (back != null) {
            note = "This snapshot lets the record's packets through and blocks only their replies, at "
                    + blockerText(s, r, back) + (reject ? "; the REJECT itself is not explained by the snapshot."
                    : ".");
        } else {
            note = reject ? "This snapshot allows the flow both ways, so it does not explain the REJECT: the"
                    + " configuration may have changed since the record, or something outside the snapshot rejected"
                    + " it (VPC Block Public Access, for one)." : "The flow log accepted this flow, and the snapshot"
                    + " allows it both ways.";
        }
        return new Answer(r, s, note, false);
    }

    /** Service ports above 1024 that tell the server's side of a conversation, as flow-log diagnosis does. */
    private static final java.util.Set<Integer> SERVICE_PORTS = java.util.Set.of(1433, 1521, 2049, 2375, 2376, 3000,
            3306, 3389, 5432, 5439, 5601, 5672, 5900, 6379, 6443, 7001, 8000, 8080, 8443, 8888, 9000, 9090, 9092,
            9200, 9300, 9418, 11211, 27017);

    /** A record from a service port to a higher, ephemeral-looking port is the server's reply. */
    static boolean looksLikeReply(FlowQuestion f) {
        if (f.sport() == null || f.dport() == null || f.proto() == 1 || f.proto() == 58) {
            return false;
        }
        int sp = f.sport();
        int dp = f.dport();
        return dp >= 1024 && sp < dp && (sp < 1024 || SERVICE_PORTS.contains(sp)) && !SERVICE_PORTS.contains(dp);
    }

    private static Explanation firstOn(AnalysisResult r, Explanation.Leg leg) {
        return r.explanations().stream().filter(e -> e.leg() == leg).findFirst().orElse(null);
    }

    /** Like "network ACL web-no-ephemeral (acl-0a…), egress: the default rule (*) deny all to 0.0.0.0/0 [CODE]". */
    static String blockerText(Snapshot s, AnalysisResult r, Explanation e) {
        if (e == null) {
            return "nothing";
        }
        Hop hop = blockedHop(r, e);
        if (hop == null) {
            return e.component() + ": " + e.detail() + " [" + e.code() + "]";
        }
        String kind = HopItem.typeLabel(hop.type(), hop.detail().get("internet"));
        if (kind.length() > 1 && Character.isLowerCase(kind.charAt(1))) {
            kind = Character.toLowerCase(kind.charAt(0)) + kind.substring(1);
        }
        String name = hop.name() != null ? hop.name() : s.nameOf(e.component());
        StringBuilder sb = new StringBuilder(kind).append(' ');
        sb.append(name != null ? name + " (" + e.component() + ")" : e.component());
        if (e.direction() != null) {
            sb.append(", ").append(e.direction());
        }
        String rule = ruleText(hop);
        sb.append(": ").append(rule != null ? rule : e.detail());
        sb.append(" [").append(e.code()).append(']');
        return sb.toString();
    }

    /** The rule that decided at a blocking network ACL or security group. */
    @SuppressWarnings("unchecked")
    private static String ruleText(Hop hop) {
        if (hop.type() == HopType.NETWORK_ACL && hop.detail().get("rule") instanceof java.util.Map<?, ?> m) {
            Object n = m.get("rule_number");
            String number = n == null || "32767".equals(n.toString()) ? "the default rule (*)" : "rule " + n;
            return number + " " + m.get("action") + (m.get("protocol") == null ? "" : " " + m.get("protocol"))
                    + (m.get("ports") == null ? "" : " " + m.get("ports"))
                    + (m.get("cidr") == null ? "" : ("egress".equals(hop.detail().get("direction")) ? " to " : " from ")
                    + m.get("cidr"));
        }
        if (hop.type() == HopType.SECURITY_GROUP && hop.detail().get("rule") == null) {
            return "no rule allows it (security groups deny what no rule allows)";
        }
        return null;
    }

    private static Hop blockedHop(AnalysisResult r, Explanation e) {
        List<Hop> leg = e.leg() == Explanation.Leg.FORWARD ? r.forward() : r.returnPath();
        for (Hop h : leg) {
            if (h.id().equals(e.component())) {
                return h;
            }
        }
        for (Hop h : leg) {
            if (h.blocked()) {
                return h;
            }
        }
        return null;
    }

    private static Integer parsePort(String text, String what) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("any")) {
            return null;
        }
        try {
            int p = Integer.parseInt(t);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message
        }
        throw new IllegalArgumentException(what + " must be a whole number from 0 to 65535, or empty for any port"
                + " (it is \"" + t + "\").");
    }

    // ---- explain this flow ----

    /**
     * Fills the question from a flow (a flows-table row): source and destination address and port and the IANA
     * protocol number, and analyses it at once, or as soon as a snapshot is loaded.
     */
    public void prefill(String src, Integer sport, String dst, Integer dport, int proto) {
        explain(new FlowQuestion(src, sport, dst, dport, proto, null));
    }

    /**
     * The same for a flow-log record, whose {@code action} (ACCEPT or REJECT) the answer is compared with: for a
     * REJECT, {@link #flowNote} names the component and the rule that rejects it.
     */
    public void prefill(String src, Integer sport, String dst, Integer dport, int proto, String action) {
        explain(new FlowQuestion(src, sport, dst, dport, proto, action));
    }

    /** "Explain this flow" for a row of the flows table: endpoint A sent the first packet. */
    public void explain(FlowRow f) {
        prefill(f.a(), f.aPort(), f.b(), f.bPort(), f.proto());
    }

    /** Asks a prepared question (from the access view), filling the fields from it. */
    public void ask(Query q) {
        pending = null;
        source.set(fieldText(q.source()));
        destination.set(fieldText(q.destination()));
        protocol.set(q.protocol());
        port.set(q.port() == null ? "" : q.port().toString());
        sourcePort.set(q.sourcePort() == null ? "" : q.sourcePort().toString());
        flowNote.set(null);
        analyze(null);
    }

    private void explain(FlowQuestion f) {
        Query q;
        try {
            q = Query.ofFlow(f.src(), f.sport(), f.dst(), f.dport(), f.proto());
        } catch (IllegalArgumentException e) {
            error.set("Cannot explain this flow: " + e.getMessage() + ".");
            return;
        }
        source.set(fieldText(q.source()));
        destination.set(fieldText(q.destination()));
        protocol.set(q.protocol());
        port.set(q.port() == null ? "" : q.port().toString());
        sourcePort.set(q.sourcePort() == null ? "" : q.sourcePort().toString());
        flowNote.set(null);
        if (analyzer == null) {
            pending = f;
            error.set(null);
            flowNote.set("Load a VPC snapshot to explain this flow: it is analysed as soon as one is loaded.");
            return;
        }
        analyze(f);
    }

    /** A field shows an endpoint the snapshot knows with its Name tag; anything else as it is. */
    private String fieldText(String idOrAddress) {
        EndpointChoice e = choices.get(idOrAddress);
        return e != null && e.id().equals(idOrAddress) ? display(e) : idOrAddress;
    }

    private static String endpoint(String addr, Integer port) {
        if (port == null) {
            return addr;
        }
        return (addr.indexOf(':') >= 0 ? "[" + addr + "]" : addr) + ":" + port;
    }

    // ---- showing the answer ----

    private void show(Answer a) {
        AnalysisResult r = a.result();
        if (a.reversed()) {
            // The record was explained as the reply of the reverse connection: the fields show that question.
            Query q = r.query();
            source.set(fieldText(q.source()));
            destination.set(fieldText(q.destination()));
            port.set(q.port() == null ? "" : q.port().toString());
            sourcePort.set(q.sourcePort() == null ? "" : q.sourcePort().toString());
        }
        flowNote.set(a.note());
        List<HopItem> fwd = items(a.snapshot(), r, Explanation.Leg.FORWARD, r.forward());
        List<HopItem> back = items(a.snapshot(), r, Explanation.Leg.RETURN, r.returnPath());
        List<HopItem> all = new ArrayList<>(fwd);
        all.addAll(back);
        String from = endpointTitle(a.snapshot(), r.query().source());
        String to = endpointTitle(a.snapshot(), r.query().destination());
        String what = r.query().protocol().label() + (r.query().port() != null ? " " + r.query().port()
                : r.query().protocol().hasPorts() ? " (any port)" : " echo");
        forwardTitle.set("Forward · " + from + " → " + to + " · " + what);
        returnTitle.set("Return · " + to + " → " + from);
        if (r.reachable()) {
            verdict.set(Verdict.REACHABLE);
            verdictTitle.set("Reachable");
            verdictDetail.set(String.format(Locale.ROOT, "%s reaches %s on %s, and the replies get back: %d hops"
                    + " forward, %d back.", from, to, what, fwd.size(), back.size()) + traced(r));
        } else {
            verdict.set(Verdict.BLOCKED);
            Explanation e = r.firstBlock();
            verdictTitle.set("Not reachable");
            verdictDetail.set(e == null ? "No path was found." : "Blocked first on the " + (e.leg()
                    == Explanation.Leg.FORWARD ? "forward" : "return") + " path by " + blockerText(a.snapshot(), r, e)
                    + (r.explanations().size() > 1 ? String.format(Locale.ROOT, " (%d blocking components in all)",
                    r.explanations().size()) : "") + "." + traced(r));
        }
        forward.setAll(fwd);
        returnPath.setAll(back);
        explanations.setAll(r.explanations());
        // The hop list changes last: a view redraws on it, with everything else already in place.
        hops.setAll(all);
        result.set(r);
        HopItem first = all.stream().filter(HopItem::blocked).findFirst().orElse(null);
        selectedHop.set(first);
    }

    /** When the analyzer traced with a stand-in address or port, say which. */
    private static String traced(AnalysisResult r) {
        List<String> parts = new ArrayList<>();
        if (r.query().port() == null && r.port() != null) {
            parts.add("port " + r.port());
        }
        if (r.sourceAddress() != null && !r.sourceAddress().equals(r.query().source())
                && r.query().source().startsWith("igw-")) {
            parts.add("source " + r.sourceAddress());
        }
        return parts.isEmpty() ? "" : " Traced with " + String.join(" and ", parts) + ".";
    }

    private static String endpointTitle(Snapshot s, String idOrAddress) {
        String name = s.nameOf(idOrAddress);
        if (name != null) {
            return name;
        }
        return idOrAddress;
    }

    static List<HopItem> items(Snapshot s, AnalysisResult r, Explanation.Leg leg, List<Hop> path) {
        List<HopItem> out = new ArrayList<>();
        boolean reached = true;
        int i = 0;
        for (Hop h : path) {
            Explanation ex = null;
            for (Explanation e : r.explanations()) {
                if (e.leg() == leg && h.id().equals(e.component())) {
                    ex = e;
                    break;
                }
            }
            if (ex == null && h.blocked()) {
                ex = r.explanations().stream().filter(e -> e.leg() == leg).findFirst().orElse(null);
            }
            // An ID can appear twice on a path (one ACL, egress then ingress): the explanation goes to the blocked one.
            if (ex != null && !h.blocked() && path.stream().anyMatch(o -> o != h && o.blocked()
                    && o.id().equals(h.id()))) {
                ex = null;
            }
            String name = h.name() != null ? h.name() : s.nameOf(h.id());
            out.add(new HopItem(leg, ++i, h, name != null ? name : h.id(), reached, ex));
            if (h.blocked() || ex != null) {
                reached = false;
            }
        }
        return out;
    }

    private void clearResult(String note) {
        selectedHop.set(null);
        verdict.set(Verdict.NONE);
        verdictTitle.set("No analysis yet");
        verdictDetail.set(snapshot.get() == null ? "Open a VPC snapshot, then choose a source and a destination."
                : "Choose a source and a destination, a protocol and a port, then Analyze.");
        forwardTitle.set("Forward path");
        returnTitle.set("Return path");
        flowNote.set(note);
        forward.clear();
        returnPath.clear();
        explanations.clear();
        hops.clear();
        result.set(null);
    }

    private void begin(String what) {
        running++;
        busy.set(true);
        work.set(what);
    }

    private void end() {
        running = Math.max(0, running - 1);
        if (running == 0) {
            busy.set(false);
            work.set("");
        }
    }

    /** Selects the hop (in the table and the diagram) that an explanation names. */
    public void selectExplanation(Explanation e) {
        if (e == null) {
            return;
        }
        for (HopItem h : hops) {
            if (h.leg() == e.leg() && e.equals(h.explanation())) {
                selectedHop.set(h);
                return;
            }
        }
        for (HopItem h : hops) {
            if (h.leg() == e.leg() && h.id().equals(e.component())) {
                selectedHop.set(h);
                return;
            }
        }
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<Path> snapshotDir() {
        return snapshotDir.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Snapshot> snapshot() {
        return snapshot.getReadOnlyProperty();
    }

    /** Like "public-private · 1 VPC · 3 instances · 3 interfaces". */
    public ReadOnlyStringProperty snapshotSummary() {
        return snapshotSummary.getReadOnlyProperty();
    }

    /** What the snapshot reader warned about (missing files, dangling references). */
    public ObservableList<String> warnings() {
        return warnings;
    }

    public StringProperty source() {
        return source;
    }

    public StringProperty destination() {
        return destination;
    }

    public ObjectProperty<Protocol> protocol() {
        return protocol;
    }

    /** Destination port as typed; empty means any port. */
    public StringProperty port() {
        return port;
    }

    /** Source port as typed; empty means any ephemeral port. */
    public StringProperty sourcePort() {
        return sourcePort;
    }

    public ReadOnlyObjectProperty<AnalysisResult> result() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Verdict> verdict() {
        return verdict.getReadOnlyProperty();
    }

    /** "Reachable", "Not reachable" or "No analysis yet". */
    public ReadOnlyStringProperty verdictTitle() {
        return verdictTitle.getReadOnlyProperty();
    }

    /** One sentence: who reaches whom, or the first blocking component with its rule and code. */
    public ReadOnlyStringProperty verdictDetail() {
        return verdictDetail.getReadOnlyProperty();
    }

    /** For an explained flow-log record: what the answer says about its action; null otherwise. */
    public ReadOnlyStringProperty flowNote() {
        return flowNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty forwardTitle() {
        return forwardTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty returnTitle() {
        return returnTitle.getReadOnlyProperty();
    }

    public ObservableList<HopItem> forward() {
        return forward;
    }

    public ObservableList<HopItem> returnPath() {
        return returnPath;
    }

    /** Forward hops then return hops: the rows of the hop table. */
    public ObservableList<HopItem> hops() {
        return hops;
    }

    public ObservableList<Explanation> explanations() {
        return explanations;
    }

    /** The hop selected in the table or the diagram; the first blocked hop after an analysis. */
    public ObjectProperty<HopItem> selectedHop() {
        return selectedHop;
    }

    /** The last problem as one line for people, or null. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    /** What is running, like "Reading snapshot prod…"; empty when idle. */
    public ReadOnlyStringProperty work() {
        return work.getReadOnlyProperty();
    }
}
