package dev.mirrorscope.engine.flow;

/**
 * TCP events of a flow as bits, so fragments of one flow stored apart merge by OR, and the contract's
 * tcp_state is derived from the merged bits:
 * <ul>
 *   <li>{@code refused}: a SYN answered by a RST from the other side, never by a SYN-ACK;</li>
 *   <li>{@code reset}: any other RST;</li>
 *   <li>{@code closed}: FIN from both sides, no RST;</li>
 *   <li>{@code syn_only}: SYNs from one side and nothing at all from the other;</li>
 *   <li>{@code established}: SYN, SYN-ACK and the initiator's ACK seen, not closed;</li>
 *   <li>{@code open}: anything else, such as a connection picked up mid-stream.</li>
 * </ul>
 */
public final class TcpEvents {
    public static final int SYN_A = 1;
    public static final int SYN_B = 1 << 1;
    public static final int SYNACK_A = 1 << 2;
    public static final int SYNACK_B = 1 << 3;
    /** The initiator's ACK completing the three-way handshake. */
    public static final int HANDSHAKE_DONE = 1 << 4;
    public static final int FIN_A = 1 << 5;
    public static final int FIN_B = 1 << 6;
    public static final int RST_A = 1 << 7;
    public static final int RST_B = 1 << 8;

    private TcpEvents() {
    }

    /** The same events seen from the other endpoint. */
    public static int swap(int ev) {
        int out = ev & HANDSHAKE_DONE;
        out |= (ev & SYN_A) != 0 ? SYN_B : 0;
        out |= (ev & SYN_B) != 0 ? SYN_A : 0;
        out |= (ev & SYNACK_A) != 0 ? SYNACK_B : 0;
        out |= (ev & SYNACK_B) != 0 ? SYNACK_A : 0;
        out |= (ev & FIN_A) != 0 ? FIN_B : 0;
        out |= (ev & FIN_B) != 0 ? FIN_A : 0;
        out |= (ev & RST_A) != 0 ? RST_B : 0;
        out |= (ev & RST_B) != 0 ? RST_A : 0;
        return out;
    }

    public static String state(int ev, long packetsAb, long packetsBa) {
        boolean synA = (ev & SYN_A) != 0;
        boolean synB = (ev & SYN_B) != 0;
        boolean rstA = (ev & RST_A) != 0;
        boolean rstB = (ev & RST_B) != 0;
        if (synA && !synB && rstB && (ev & SYNACK_B) == 0) {
            return "refused";
        }
        if (synB && !synA && rstA && (ev & SYNACK_A) == 0) {
            return "refused";
        }
        if (rstA || rstB) {
            return "reset";
        }
        if ((ev & FIN_A) != 0 && (ev & FIN_B) != 0) {
            return "closed";
        }
        if ((synA && !synB && packetsBa == 0) || (synB && !synA && packetsAb == 0)) {
            return "syn_only";
        }
        if ((ev & HANDSHAKE_DONE) != 0) {
            return "established";
        }
        return "open";
    }
}
