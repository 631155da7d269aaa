package dev.mirrorscope.engine.dissect;

/**
 * A piece of a conversation's payload as it became readable: its direction ({@link FlowKey#A_TO_B} or
 * {@link FlowKey#B_TO_A}), the packet that carried it and that packet's time. A gap has no data and says
 * how many bytes are missing there (not captured, or cut off by the snap length or the mirror session).
 */
public record StreamChunk(int direction, long packetNo, long tsNs, byte[] data, long missing) {
    public boolean isGap() {
        return missing > 0;
    }
}
