package dev.mirrorscope.app.details;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.dissect.Dissection;
import dev.mirrorscope.engine.dissect.ProtocolNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * State of the packet details: the loaded tree, the selected line and the bytes to highlight. Loading
 * goes through the {@link UiTaskExecutor}; a result that arrives after a newer request is dropped. Touches
 * no control, so it is tested without the toolkit.
 */
public final class PacketDetailsViewModel {
    private final PacketDetailsLoader loader;
    private final UiTaskExecutor tasks;
    private final ReadOnlyObjectWrapper<Dissection> dissection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ProtocolNode> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<ProtocolNode>> selectedPath = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyIntegerWrapper highlightStart = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper highlightLength = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper protocolStart = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper protocolLength = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No packet selected.");
    private final ReadOnlyStringWrapper fieldInfo = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private long request;
    private long packetNo = -1;
    /** The field selected last: the next packet selects the same field again, as Wireshark does. */
    private String rememberedField;

    public PacketDetailsViewModel(PacketDetailsLoader loader, UiTaskExecutor tasks) {
        this.loader = loader;
        this.tasks = tasks;
    }

    /** Loads packet {@code no} in the background and shows it when it arrives (unless another was asked for since). */
    public void show(long no) {
        long id = ++request;
        packetNo = no;
        loading.set(true);
        status.set("Reading packet " + no + "…");
        tasks.submit(() -> loader.load(no), d -> {
            if (id == request) {
                loading.set(false);
                set(d);
            }
        }, failure -> {
            if (id == request) {
                loading.set(false);
                set(null);
                status.set("Packet " + no + " could not be read: " + message(failure));
            }
        });
    }

    /** Shows nothing (the selection in the packet list went away). */
    public void clear() {
        request++;
        packetNo = -1;
        loading.set(false);
        set(null);
        status.set("No packet selected.");
    }

    private void set(Dissection d) {
        dissection.set(d);
        select(null);
        if (d == null) {
            return;
        }
        long experts = count(d, ProtocolNode.Kind.EXPERT);
        status.set(String.format(Locale.ROOT, "Packet %d · %d bytes captured · %d layers%s", d.frame().number(),
                d.bytes().length, d.roots().size() - 1, experts > 0 ? " · " + experts + (experts == 1 ? " anomaly"
                        : " anomalies") : ""));
        if (rememberedField != null) {
            List<ProtocolNode> same = d.find(rememberedField);
            if (!same.isEmpty()) {
                String keep = rememberedField;
                select(same.get(0));
                rememberedField = keep;
            }
        }
    }

    private static long count(Dissection d, ProtocolNode.Kind kind) {
        long[] n = {0};
        d.visit(x -> {
            if (x.kind() == kind) {
                n[0]++;
            }
        });
        return n[0];
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m != null && !m.isBlank() ? m : t.getClass().getSimpleName();
    }

    /** Selects a line of the tree: its bytes are highlighted, and those of the protocol it belongs to. */
    public void select(ProtocolNode node) {
        Dissection d = dissection.get();
        List<ProtocolNode> path = node == null || d == null ? List.of() : pathOf(d, node);
        selected.set(node);
        selectedPath.set(path);
        rememberedField = node != null ? node.field() : rememberedField;
        if (node == null || node.length() == 0) {
            highlightStart.set(-1);
            highlightLength.set(0);
        } else {
            highlightStart.set(node.offset());
            highlightLength.set(node.length());
        }
        ProtocolNode protocol = path.isEmpty() ? null : path.get(0);
        if (protocol != null && protocol != node && !"frame".equals(protocol.field())) {
            protocolStart.set(protocol.offset());
            protocolLength.set(protocol.length());
        } else {
            protocolStart.set(-1);
            protocolLength.set(0);
        }
        fieldInfo.set(node == null ? "" : describe(node));
    }

    /** Selects the deepest line over the byte at {@code offset}, as a click in the bytes pane does. */
    public void selectByte(int offset) {
        Dissection d = dissection.get();
        if (d == null) {
            return;
        }
        List<ProtocolNode> path = d.pathTo(offset);
        if (!path.isEmpty()) {
            select(path.get(path.size() - 1));
        }
    }

    /** "tcp.srcport · 2 bytes at 84" for the line under the tree. */
    static String describe(ProtocolNode n) {
        StringBuilder sb = new StringBuilder();
        if (n.kind() == ProtocolNode.Kind.EXPERT) {
            return "Anomaly " + (n.value() != null ? n.value() : "") + " · " + n.severity().name().toLowerCase(Locale.ROOT);
        }
        if (n.field() != null) {
            sb.append(n.field());
        } else {
            sb.append(n.kind() == ProtocolNode.Kind.EXPERT ? "Expert information" : "Text");
        }
        if (n.length() > 0) {
            sb.append(" · ").append(n.length()).append(n.length() == 1 ? " byte" : " bytes").append(" at offset ")
                    .append(n.offset()).append(String.format(Locale.ROOT, " (0x%04x)", n.offset()));
        } else if (n.kind() == ProtocolNode.Kind.FIELD) {
            sb.append(" · computed, not read from the packet");
        }
        return sb.toString();
    }

    private static List<ProtocolNode> pathOf(Dissection d, ProtocolNode target) {
        List<ProtocolNode> path = new ArrayList<>();
        for (ProtocolNode root : d.roots()) {
            if (find(root, target, path)) {
                return List.copyOf(path);
            }
        }
        return List.of();
    }

    private static boolean find(ProtocolNode n, ProtocolNode target, List<ProtocolNode> path) {
        path.add(n);
        if (n == target) {
            return true;
        }
        for (ProtocolNode c : n.children()) {
            if (find(c, target, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    public long packetNo() {
        return packetNo;
    }

    public ReadOnlyObjectProperty<Dissection> dissection() {
        return dissection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ProtocolNode> selected() {
        return selected.getReadOnlyProperty();
    }

    /** From a root line down to the selected line. */
    public ReadOnlyObjectProperty<List<ProtocolNode>> selectedPath() {
        return selectedPath.getReadOnlyProperty();
    }

    /** First byte to highlight, -1 for none. */
    public ReadOnlyIntegerProperty highlightStart() {
        return highlightStart.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty highlightLength() {
        return highlightLength.getReadOnlyProperty();
    }

    /** The bytes of the protocol the selection belongs to, shown lighter; -1 for none. */
    public ReadOnlyIntegerProperty protocolStart() {
        return protocolStart.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty protocolLength() {
        return protocolLength.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fieldInfo() {
        return fieldInfo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    /** Whether the byte at {@code offset} is in the selected line's bytes. */
    public boolean highlighted(int offset) {
        return offset >= highlightStart.get() && offset < highlightStart.get() + highlightLength.get();
    }

    /** Whether the byte at {@code offset} is in the selected line's protocol. */
    public boolean inProtocol(int offset) {
        return offset >= protocolStart.get() && offset < protocolStart.get() + protocolLength.get();
    }
}
