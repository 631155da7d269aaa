package dev.mirrorscope.engine.reach.model;

/**
 * One network ACL entry. {@code protocol} is an IANA number or -1 for all; ports are 0..65535 when the entry
 * has no port range; ICMP type and code are -1 for any.
 */
public record AclEntry(int ruleNumber, boolean egress, int protocol, boolean allow, Cidr cidr, int fromPort,
        int toPort, int icmpType, int icmpCode) {

    /** AWS shows the catch-all entries (32767 and 32768) as "*". */
    public String ruleNumberText() {
        return ruleNumber >= 32767 ? "*" : Integer.toString(ruleNumber);
    }
}
