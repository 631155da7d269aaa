package dev.mirrorscope.engine.decode;

/** IPsec ESP (RFC 4303): SPI and sequence number; the rest is encrypted, so decoding stops. */
final class EspDecoder {
    static final int HEADER_LENGTH = 8;

    private EspDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int avail = limit - pos;
        if (avail > 0) {
            out.layerAt(Layer.ESP, pos, avail);
        }
        if (avail < HEADER_LENGTH) {
            out.anomalyAt(Anomaly.TRUNCATED_ESP, pos);
        }
    }
}
