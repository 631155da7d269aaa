package dev.mirrorscope.engine.capture;

/** Limits that protect readers from hostile length fields. */
public final class CaptureLimits {
    /**
     * Largest captured length we accept for one packet: libpcap's and Wireshark's maximum snap
     * length (262,144). A record claiming more is treated as damage and stops the read there.
     */
    public static final int MAX_CAPTURED_LENGTH = 262_144;
    /** Largest pcapng block we accept (a packet block plus generous options). */
    public static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

    private CaptureLimits() {
    }
}
