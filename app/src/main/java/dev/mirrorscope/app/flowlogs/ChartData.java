package dev.mirrorscope.app.flowlogs;

import java.time.Instant;
import java.util.List;

/**
 * What the console charts for {@code stats ... by bin(...)}: time on the x axis (the bin column) and one
 * series per numeric column, split by the values of the other group columns.
 */
public record ChartData(String xColumn, List<Series> series) {
    public record Point(Instant x, double y) {
    }

    public record Series(String name, List<Point> points) {
    }
}
