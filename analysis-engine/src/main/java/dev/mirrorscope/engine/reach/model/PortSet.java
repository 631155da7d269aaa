package dev.mirrorscope.engine.reach.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of ports 0..65535 as sorted, disjoint, non-adjacent closed ranges. Network ACLs
 * evaluate return traffic against the client's source port, which is only known as a range, so the
 * analyzer narrows a set rather than testing one number.
 */
public final class PortSet {
    public static final int MAX = 65535;
    public static final PortSet EMPTY = new PortSet(new int[0]);
    public static final PortSet ALL = range(0, MAX);
    /** The range AWS recommends NACLs allow for return traffic, and the one NAT gateways pick from. */
    public static final PortSet EPHEMERAL = range(1024, MAX);

    private final int[] bounds;

    private PortSet(int[] bounds) {
        this.bounds = bounds;
    }

    public static PortSet range(int from, int to) {
        int a = Math.max(0, Math.min(from, to));
        int b = Math.min(MAX, Math.max(from, to));
        return new PortSet(new int[] {a, b});
    }

    public static PortSet of(int port) {
        return range(port, port);
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    public boolean contains(int port) {
        for (int i = 0; i < bounds.length; i += 2) {
            if (port >= bounds[i] && port <= bounds[i + 1]) {
                return true;
            }
        }
        return false;
    }

    public int first() {
        if (bounds.length == 0) {
            throw new IllegalStateException("empty port set");
        }
        return bounds[0];
    }

    /** True when the set is a single port. */
    public boolean isSingle() {
        return bounds.length == 2 && bounds[0] == bounds[1];
    }

    public PortSet intersect(PortSet o) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < bounds.length && j < o.bounds.length) {
            int lo = Math.max(bounds[i], o.bounds[j]);
            int hi = Math.min(bounds[i + 1], o.bounds[j + 1]);
            if (lo <= hi) {
                out.add(new int[] {lo, hi});
            }
            if (bounds[i + 1] < o.bounds[j + 1]) {
                i += 2;
            } else {
                j += 2;
            }
        }
        return from(out);
    }

    public PortSet union(PortSet o) {
        List<int[]> all = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            all.add(new int[] {bounds[i], bounds[i + 1]});
        }
        for (int i = 0; i < o.bounds.length; i += 2) {
            all.add(new int[] {o.bounds[i], o.bounds[i + 1]});
        }
        all.sort((x, y) -> Integer.compare(x[0], y[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] r : all) {
            if (!merged.isEmpty() && r[0] <= merged.get(merged.size() - 1)[1] + 1) {
                int[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new int[] {r[0], r[1]});
            }
        }
        return from(merged);
    }

    public PortSet minus(PortSet o) {
        return intersect(o.complement());
    }

    public PortSet complement() {
        List<int[]> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i] > next) {
                out.add(new int[] {next, bounds[i] - 1});
            }
            next = bounds[i + 1] + 1;
        }
        if (next <= MAX) {
            out.add(new int[] {next, MAX});
        }
        return from(out);
    }

    private static PortSet from(List<int[]> ranges) {
        int[] b = new int[ranges.size() * 2];
        for (int k = 0; k < ranges.size(); k++) {
            b[2 * k] = ranges.get(k)[0];
            b[2 * k + 1] = ranges.get(k)[1];
        }
        return new PortSet(b);
    }

    /** The ranges as {@code [from, to]} pairs. */
    public List<int[]> ranges() {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            out.add(new int[] {bounds[i], bounds[i + 1]});
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortSet p && Arrays.equals(p.bounds, bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    /** Like {@code 22}, {@code 1024-65535} or {@code 80,443,8000-8080}. */
    @Override
    public String toString() {
        if (bounds.length == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bounds.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(bounds[i]);
            if (bounds[i + 1] != bounds[i]) {
                sb.append('-').append(bounds[i + 1]);
            }
        }
        return sb.toString();
    }
}
