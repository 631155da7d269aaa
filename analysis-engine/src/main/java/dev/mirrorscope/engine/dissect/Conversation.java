package dev.mirrorscope.engine.dissect;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The payload of one conversation in the order it became readable: TCP reassembled per direction by
 * sequence number (each byte once, out-of-order segments put right, gaps marked), UDP one chunk per
 * datagram. {@code truncated} is true when the conversation held more than {@link StreamFollower#MAX_BYTES}.
 */
public record Conversation(FlowKey key, List<StreamChunk> chunks, long packets, boolean truncated) {
    public Conversation {
        chunks = List.copyOf(chunks);
    }

    /** Payload bytes in one direction (gaps left out). */
    public long bytes(int direction) {
        long n = 0;
        for (StreamChunk c : chunks) {
            if (c.direction() == direction && !c.isGap()) {
                n += c.data().length;
            }
        }
        return n;
    }

    /** Bytes missing in one direction (the sum of its gaps). */
    public long missing(int direction) {
        long n = 0;
        for (StreamChunk c : chunks) {
            if (c.direction() == direction) {
                n += c.missing();
            }
        }
        return n;
    }

    /** The payload of one direction concatenated (gaps left out). */
    public byte[] payload(int direction) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StreamChunk c : chunks) {
            if (c.direction() == direction && !c.isGap()) {
                out.writeBytes(c.data());
            }
        }
        return out.toByteArray();
    }
}
