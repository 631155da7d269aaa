package dev.mirrorscope.engine.capture;

import java.io.IOException;

/** A file that cannot be read as a capture at all. The message is one line meant for a person. */
public class CaptureFormatException extends IOException {
    public CaptureFormatException(String message) {
        super(message);
    }
}
