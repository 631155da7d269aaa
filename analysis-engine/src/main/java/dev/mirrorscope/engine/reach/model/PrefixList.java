package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Map;

/**
 * A managed prefix list; {@code entries} is null when the snapshot has no entries file for it (the describe
 * call omits them), which makes it an unknown resource wherever a rule or route needs it.
 */
public record PrefixList(String id, String name, String addressFamily, List<Cidr> entries, Map<String, String> tags)
        implements Resource {

    public boolean contains(Ip ip) {
        if (entries == null) {
            return false;
        }
        for (Cidr c : entries) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** The longest entry that holds {@code ip}, or -1. */
    public int longestMatch(Ip ip) {
        int best = -1;
        if (entries != null) {
            for (Cidr c : entries) {
                if (c.prefix() > best && c.contains(ip)) {
                    best = c.prefix();
                }
            }
        }
        return best;
    }
}
