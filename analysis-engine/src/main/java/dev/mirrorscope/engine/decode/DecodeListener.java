package dev.mirrorscope.engine.decode;

/**
 * Hears what the decoders find in one packet, in dissection order, with offsets relative to the frame:
 * the input of the packet-details tree. The bulk path passes none, and then the decoders skip the
 * extra walks (options, DNS records, TLS extensions, HTTP header lines) that only a listener needs.
 */
public interface DecodeListener {
    /** A protocol layer: a {@link Layer} constant. */
    void layer(int type, int offset, int length);

    /** A structure inside the layer last reported: a {@link Part} constant. */
    void part(int part, int offset, int length);

    /** An anomaly; the decoders keep only the first in the {@link DecodedPacket}, a listener hears all. */
    void anomaly(Anomaly anomaly, int offset);
}
