package dev.mirrorscope.app.reach;

import dev.mirrorscope.engine.reach.analysis.Explanation;
import dev.mirrorscope.engine.reach.analysis.HopType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;
import javafx.util.Duration;

/**
 * The path as a diagram: the forward path in one band and the return path in another, each component a labelled
 * node (a tile with the glyph of its kind, the kind, its name and the rule or route it used), joined by arrows in
 * the order a packet meets them. A band wraps onto further lines when it is wider than the view. A blocked node is
 * drawn in red with its explanation in a callout under it; what comes after it on the same path is faded.
 * Clicking a node selects it, as the {@link #selectedProperty() selected} hop.
 */
final class PathDiagram extends Region {
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass BLOCKED = PseudoClass.getPseudoClass("blocked");
    static final PseudoClass UNREACHED = PseudoClass.getPseudoClass("unreached");

    private static final double NODE_W = 140;
    private static final double TILE = 46;
    private static final double GAP = 40;
    private static final double PAD = 26;
    private static final double LINE_GAP = 30;
    private static final double BAND_GAP = 22;
    private static final double CALLOUT_W = 360;
    private static final double CALLOUT_OFFSET = 12;

    private final ObjectProperty<HopItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final List<Band> bands = new ArrayList<>();
    private final Map<HopItem, HopNode> nodes = new LinkedHashMap<>();
    private final Label empty = new Label();

    /** One leg of the path: its title, its nodes, the arrows between them and the callouts of blocked nodes. */
    private static final class Band {
        final Label title;
        final Label placeholder;
        final List<HopNode> nodes = new ArrayList<>();
        final List<Connector> connectors = new ArrayList<>();
        final Map<HopNode, Callout> callouts = new LinkedHashMap<>();

        Band(String title, String placeholder) {
            this.title = new Label(title);
            this.title.getStyleClass().add("band-title");
            this.placeholder = placeholder == null ? null : new Label(placeholder);
            if (this.placeholder != null) {
                this.placeholder.getStyleClass().add("band-placeholder");
                this.placeholder.setWrapText(true);
            }
        }
    }

    PathDiagram() {
        getStyleClass().add("path-diagram");
        empty.getStyleClass().add("diagram-empty");
        empty.setWrapText(true);
        selected.addListener((obs, was, now) -> {
            HopNode a = was == null ? null : nodes.get(was);
            HopNode b = now == null ? null : nodes.get(now);
            if (a != null) {
                a.pseudoClassStateChanged(SELECTED, false);
            }
            if (b != null) {
                b.pseudoClassStateChanged(SELECTED, true);
            }
        });
    }

    ObjectProperty<HopItem> selectedProperty() {
        return selected;
    }

    /** The node drawn for a hop, or null: for tests and for scrolling a hop into view. */
    Node nodeOf(HopItem h) {
        return nodes.get(h);
    }

    /** The callout under a blocked hop, or null. */
    Node calloutOf(HopItem h) {
        for (Band b : bands) {
            HopNode n = nodes.get(h);
            if (n != null && b.callouts.containsKey(n)) {
                return b.callouts.get(n);
            }
        }
        return null;
    }

    /** Shows nothing but a message (before any analysis, or when the question named nothing traceable). */
    void showMessage(String message) {
        setPaths(List.of(), message);
    }

    /**
     * Shows the legs: each entry is a title, its hops and the text shown when a leg has none.
     */
    void setPaths(List<Leg> legs, String message) {
        getChildren().clear();
        bands.clear();
        nodes.clear();
        if (legs.isEmpty()) {
            empty.setText(message);
            getChildren().add(empty);
            requestLayout();
            return;
        }
        for (Leg leg : legs) {
            Band band = new Band(leg.title(), leg.hops().isEmpty() ? leg.placeholder() : null);
            getChildren().add(band.title);
            if (band.placeholder != null) {
                getChildren().add(band.placeholder);
            }
            HopNode previous = null;
            for (HopItem h : leg.hops()) {
                HopNode n = new HopNode(h);
                n.setOnMouseClicked(e -> selected.set(h));
                n.pseudoClassStateChanged(SELECTED, h.equals(selected.get()));
                nodes.put(h, n);
                band.nodes.add(n);
                if (previous != null) {
                    Connector c = new Connector(!previous.item.reached() || previous.item.blocked());
                    band.connectors.add(c);
                    getChildren().add(c);
                }
                if (h.blocked() && h.explanation() != null) {
                    Callout c = new Callout(h.explanation());
                    band.callouts.put(n, c);
                }
                previous = n;
            }
            getChildren().addAll(band.nodes);
            getChildren().addAll(band.callouts.values());
            bands.add(band);
        }
        requestLayout();
    }

    /** One leg to draw. */
    record Leg(String title, List<HopItem> hops, String placeholder) {
    }

    // ---- layout ----

    @Override
    protected double computePrefWidth(double height) {
        return PAD * 2 + NODE_W * 6 + GAP * 5;
    }

    @Override
    protected double computeMinWidth(double height) {
        return PAD * 2 + NODE_W;
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = width > 0 ? width : computePrefWidth(-1);
        return place(w, false);
    }

    @Override
    protected void layoutChildren() {
        place(getWidth(), true);
    }

    private int perLine(double width) {
        return Math.max(1, (int) Math.floor((width - 2 * PAD + GAP) / (NODE_W + GAP)));
    }

    /** Lays out (when {@code apply}) or only measures every band; returns the height used. */
    private double place(double width, boolean apply) {
        double y = PAD * 0.6;
        if (bands.isEmpty()) {
            double h = empty.prefHeight(width - 2 * PAD);
            if (apply) {
                empty.resizeRelocate(PAD, y, width - 2 * PAD, h);
            }
            return y + h + PAD;
        }
        int most = perLine(width);
        for (Band band : bands) {
            // Lines of even length: nine nodes where eight fit make lines of five and four, not eight and one.
            int per = Math.max(1, (band.nodes.size() + most - 1) / most);
            per = band.nodes.isEmpty() ? most : (band.nodes.size() + per - 1) / per;
            double th = band.title.prefHeight(-1);
            if (apply) {
                band.title.resizeRelocate(PAD - 6, y, Math.min(width - 2 * PAD + 12, band.title.prefWidth(-1)), th);
            }
            y += th + 12;
            if (band.placeholder != null) {
                double ph = band.placeholder.prefHeight(width - 2 * PAD);
                if (apply) {
                    band.placeholder.resizeRelocate(PAD, y, width - 2 * PAD, ph);
                }
                y += ph + BAND_GAP;
                continue;
            }
            int n = band.nodes.size();
            int lines = (n + per - 1) / per;
            double[] lineTop = new double[lines];
            double[] lineHeight = new double[lines];
            for (int l = 0; l < lines; l++) {
                lineTop[l] = y;
                double h = 0;
                double calloutH = 0;
                for (int i = l * per; i < Math.min(n, (l + 1) * per); i++) {
                    HopNode node = band.nodes.get(i);
                    h = Math.max(h, node.prefHeight(NODE_W));
                    Callout c = band.callouts.get(node);
                    if (c != null) {
                        calloutH = Math.max(calloutH, c.prefHeight(calloutWidth(width)) + CALLOUT_OFFSET);
                    }
                }
                lineHeight[l] = h + calloutH;
                y += lineHeight[l] + (l + 1 < lines ? LINE_GAP : 0);
            }
            if (apply) {
                for (int i = 0; i < n; i++) {
                    HopNode node = band.nodes.get(i);
                    int l = i / per;
                    double x = PAD + (i % per) * (NODE_W + GAP);
                    double h = node.prefHeight(NODE_W);
                    node.resizeRelocate(x, lineTop[l], NODE_W, h);
                    Callout c = band.callouts.get(node);
                    if (c != null) {
                        double cw = calloutWidth(width);
                        double cx = Math.max(PAD - 10, Math.min(x + NODE_W / 2 - cw / 2, width - PAD - cw + 10));
                        double cy = lineTop[l] + h + CALLOUT_OFFSET;
                        c.resizeRelocate(cx, cy, cw, c.prefHeight(cw));
                        c.pointAt(x + NODE_W / 2 - cx);
                    }
                }
                for (int i = 0; i + 1 < n; i++) {
                    int l = i / per;
                    int next = (i + 1) / per;
                    double x1 = PAD + (i % per) * (NODE_W + GAP) + NODE_W / 2 + TILE / 2 + 4;
                    double y1 = lineTop[l] + TILE / 2;
                    double x2 = PAD + ((i + 1) % per) * (NODE_W + GAP) + NODE_W / 2 - TILE / 2 - 4;
                    double y2 = lineTop[next] + TILE / 2;
                    Connector c = band.connectors.get(i);
                    if (l == next) {
                        c.straight(x1, y1, x2);
                    } else {
                        // Carriage return: out to the right, down below this line, back to the left, into the next.
                        double right = PAD + (i % per) * (NODE_W + GAP) + NODE_W + GAP / 2 - 4;
                        double below = lineTop[l] + lineHeight[l] + LINE_GAP / 2;
                        double left = PAD - GAP / 2 + 8;
                        c.wrapped(x1, y1, right, below, left, x2, y2);
                    }
                }
            }
            y += BAND_GAP;
        }
        return y + PAD * 0.4;
    }

    private static double calloutWidth(double width) {
        return Math.min(CALLOUT_W, width - 2 * PAD + 20);
    }

    // ---- parts ----

    /** A component: its tile with the glyph, the kind, the name and the rule or route used. */
    static final class HopNode extends VBox {
        final HopItem item;

        HopNode(HopItem h) {
            this.item = h;
            getStyleClass().add("hop-node");
            StackPane tile = new StackPane(HopGlyphs.glyph(h.type(), h.internet()));
            tile.getStyleClass().addAll("hop-tile", HopGlyphs.family(h.type()));
            tile.setMinSize(TILE, TILE);
            tile.setPrefSize(TILE, TILE);
            tile.setMaxSize(TILE, TILE);
            StackPane tileBox = new StackPane(tile);
            if (!h.direction().isEmpty()) {
                Label dir = new Label(h.direction().equals("ingress") ? "IN" : h.direction().equals("egress") ? "OUT"
                        : h.direction().toUpperCase(java.util.Locale.ROOT));
                dir.getStyleClass().add("hop-direction");
                StackPane.setAlignment(dir, Pos.TOP_RIGHT);
                dir.setTranslateX(-(NODE_W - TILE) / 2 + 10);
                dir.setTranslateY(-4);
                tileBox.getChildren().add(dir);
            }
            if (h.blocked()) {
                Label x = new Label("✕");
                x.getStyleClass().add("hop-blocked-mark");
                StackPane.setAlignment(x, Pos.BOTTOM_RIGHT);
                x.setTranslateX(-(NODE_W - TILE) / 2 + 8);
                x.setTranslateY(6);
                tileBox.getChildren().add(x);
            }
            Label kind = label(h.typeLabel().toUpperCase(java.util.Locale.ROOT), "hop-kind");
            Label title = label(h.shortTitle(), "hop-title");
            Label id = label(h.title().equals(h.id()) || h.type() == HopType.IP ? "" : h.shortId(), "hop-id");
            Label matched = label(h.brief(), "hop-matched");
            getChildren().addAll(tileBox, kind, title);
            if (!id.getText().isEmpty()) {
                getChildren().add(id);
            }
            if (!matched.getText().isEmpty() && !matched.getText().equals(h.title())) {
                matched.setTextOverrun(OverrunStyle.ELLIPSIS);
                matched.setWrapText(true);
                matched.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
                matched.setMaxHeight(30);
                getChildren().add(matched);
            }
            setAlignment(Pos.TOP_CENTER);
            setSpacing(1);
            setFillWidth(true);
            pseudoClassStateChanged(BLOCKED, h.blocked());
            pseudoClassStateChanged(UNREACHED, !h.reached() && !h.blocked());
            Tooltip t = new Tooltip(h.typeLabel() + " " + h.id() + (h.title().equals(h.id()) ? "" : " (" + h.title()
                    + ")") + (h.direction().isEmpty() ? "" : "\n" + h.direction()) + (h.matched().isEmpty() ? ""
                    : "\n" + h.matched()) + (h.explanation() == null ? "" : "\n" + h.explanation().code() + ": "
                    + h.explanation().detail()));
            t.setShowDelay(Duration.millis(300));
            t.setWrapText(true);
            t.setMaxWidth(480);
            Tooltip.install(this, t);
        }

        private static Label label(String text, String style) {
            Label l = new Label(text == null ? "" : text);
            l.getStyleClass().add(style);
            l.setMaxWidth(NODE_W);
            l.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
            l.setAlignment(Pos.CENTER);
            return l;
        }
    }

    /** An arrow from one node to the next; dashed and faded past a blocked node. */
    static final class Connector extends javafx.scene.Group {
        private final Path line = new Path();
        private final Polygon head = new Polygon();

        Connector(boolean unreached) {
            getStyleClass().add("connector");
            line.getStyleClass().add("connector-line");
            head.getStyleClass().add("connector-head");
            getChildren().addAll(line, head);
            pseudoClassStateChanged(UNREACHED, unreached);
            setManaged(false);
        }

        void straight(double x1, double y, double x2) {
            line.getElements().setAll(new MoveTo(x1, y), new LineTo(x2 - 6, y));
            arrow(x2, y);
        }

        void wrapped(double x1, double y1, double right, double below, double left, double x2, double y2) {
            line.getElements().setAll(new MoveTo(x1, y1), new LineTo(right, y1), new LineTo(right, below),
                    new LineTo(left, below), new LineTo(left, y2), new LineTo(x2 - 6, y2));
            arrow(x2, y2);
        }

        private void arrow(double x, double y) {
            head.getPoints().setAll(x, y, x - 8, y - 4.5, x - 8, y + 4.5);
        }
    }

    /** The explanation of a blocked node, under it, with a pointer up to it. */
    static final class Callout extends VBox {
        private final Polygon pointer = new Polygon();

        Callout(Explanation e) {
            getStyleClass().add("explanation-callout");
            HBox head = new HBox(8);
            Label code = new Label(e.code());
            code.getStyleClass().add("callout-code");
            Label where = new Label((e.leg() == Explanation.Leg.FORWARD ? "forward" : "return")
                    + (e.direction() == null ? "" : " · " + e.direction()));
            where.getStyleClass().add("callout-where");
            head.getChildren().addAll(code, where);
            head.setAlignment(Pos.BASELINE_LEFT);
            Label detail = new Label(e.detail());
            detail.getStyleClass().add("callout-detail");
            detail.setWrapText(true);
            detail.setMinHeight(Region.USE_PREF_SIZE);
            pointer.getStyleClass().add("callout-pointer");
            pointer.setManaged(false);
            getChildren().addAll(head, detail, pointer);
        }

        /** Moves the pointer to {@code x} (in the callout's coordinates). */
        void pointAt(double x) {
            double px = Math.max(14, Math.min(x, getWidth() - 14));
            pointer.getPoints().setAll(px - 8, 0.5, px, -8.0, px + 8, 0.5);
        }

    }
}
