package dev.mirrorscope.engine.capture;

import java.io.Closeable;
import java.io.IOException;

/** Writes packets to a capture file, streaming through a buffer. */
public interface CaptureWriter extends Closeable {
    /** Appends one packet: {@code len} captured bytes of a frame {@code origLen} long on the wire. */
    void write(long tsNs, byte[] data, int off, int len, int origLen) throws IOException;
}
