package dev.mirrorscope.app.preferences;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the workstation remembers between runs. Plain fields for JSON; unknown fields in the file are
 * ignored and missing ones keep these defaults, so files of older and newer versions both load.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Preferences {
    /** Entries kept in the File › Open Recent menu. */
    public static final int MAX_RECENT = 10;
    /** Display filters kept in the filter bar's history. */
    public static final int MAX_FILTER_HISTORY = 30;

    public String theme = "light";
    public String timeFormat = "RELATIVE";
    /** Captures and session directories opened, the most recent first. */
    public List<String> recent = new ArrayList<>();
    /** Column widths by table and column id ("packets.no"). */
    public Map<String, Double> columnWidths = new LinkedHashMap<>();
    public List<String> filterHistory = new ArrayList<>();
    public double windowWidth = 1400;
    public double windowHeight = 860;

    /** Puts {@code path} first in the recent list, once. */
    public void addRecent(String path) {
        recent.remove(path);
        recent.add(0, path);
        while (recent.size() > MAX_RECENT) {
            recent.remove(recent.size() - 1);
        }
    }

    public Preferences copy() {
        Preferences p = new Preferences();
        p.theme = theme;
        p.timeFormat = timeFormat;
        p.recent = new ArrayList<>(recent);
        p.columnWidths = new LinkedHashMap<>(columnWidths);
        p.filterHistory = new ArrayList<>(filterHistory);
        p.windowWidth = windowWidth;
        p.windowHeight = windowHeight;
        return p;
    }
}
