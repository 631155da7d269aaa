package dev.mirrorscope.engine.decode;

import java.util.Arrays;

/** Which UDP ports carry tunnels. Defaults follow IANA and tshark: VXLAN 4789, Geneve 6081, VXLAN-GPE 4790. */
public final class DecodeOptions {
    private final boolean[] vxlanPort = new boolean[65536];
    private final boolean[] genevePort = new boolean[65536];
    private final boolean[] vxlanGpePort = new boolean[65536];

    public static DecodeOptions defaults() {
        return new DecodeOptions().vxlanPorts(4789).genevePorts(6081).vxlanGpePorts(4790);
    }

    public DecodeOptions vxlanPorts(int... ports) {
        for (int p : ports) {
            vxlanPort[p & 0xFFFF] = true;
        }
        return this;
    }

    public DecodeOptions genevePorts(int... ports) {
        for (int p : ports) {
            genevePort[p & 0xFFFF] = true;
        }
        return this;
    }

    public DecodeOptions vxlanGpePorts(int... ports) {
        for (int p : ports) {
            vxlanGpePort[p & 0xFFFF] = true;
        }
        return this;
    }

    public boolean isVxlan(int port) {
        return vxlanPort[port];
    }

    public boolean isGeneve(int port) {
        return genevePort[port];
    }

    public boolean isVxlanGpe(int port) {
        return vxlanGpePort[port];
    }

    @Override
    public String toString() {
        return "DecodeOptions" + Arrays.asList(ports(vxlanPort), ports(genevePort), ports(vxlanGpePort));
    }

    private static String ports(boolean[] set) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < set.length; i++) {
            if (set[i]) {
                sb.append(sb.length() == 0 ? "" : ",").append(i);
            }
        }
        return sb.toString();
    }
}
