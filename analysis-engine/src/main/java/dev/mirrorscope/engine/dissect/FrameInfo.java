package dev.mirrorscope.engine.dissect;

/**
 * What the capture says about one packet besides its bytes: its number in the session, timestamp (ns
 * since the epoch, UTC), length on the wire, captured length, LINKTYPE_* and the interface name (null
 * when the capture has none).
 */
public record FrameInfo(long number, long tsNs, int origLen, int capLen, int linkType, String interfaceName) {
}
