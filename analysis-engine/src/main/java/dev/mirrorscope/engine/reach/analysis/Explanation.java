package dev.mirrorscope.engine.reach.analysis;

/**
 * Why a path is blocked, in VPC Reachability Analyzer's terms: its explanation {@code code}
 * ({@code ENI_SG_RULES_MISMATCH}, {@code SUBNET_ACL_RESTRICTION}, ...), the blocking {@code component}'s ID,
 * the {@code direction} (ingress, egress or null where none applies), a one-line {@code detail} naming the
 * exact rule or missing route, and the {@code leg} (forward or return path) it was found on.
 */
public record Explanation(String code, String component, String direction, String detail, Leg leg) {

    /** The forward path (source to destination) or the return path of the same connection. */
    public enum Leg {
        FORWARD, RETURN
    }
}
