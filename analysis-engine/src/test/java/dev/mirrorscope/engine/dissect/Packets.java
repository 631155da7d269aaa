package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.TestCaptures;
import dev.mirrorscope.engine.capture.CaptureReader;
import dev.mirrorscope.engine.capture.CaptureReaders;
import dev.mirrorscope.engine.capture.PacketBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Packets of the test captures as separate byte arrays, with what the capture says about them. */
final class Packets {
    record Packet(FrameInfo info, byte[] bytes) {
    }

    private Packets() {
    }

    static List<Packet> read(Path capture) {
        List<Packet> out = new ArrayList<>();
        PacketBatch batch = new PacketBatch();
        try (CaptureReader reader = CaptureReaders.open(capture)) {
            while (true) {
                batch.clear();
                if (!reader.next(batch)) {
                    return out;
                }
                for (int i = 0; i < batch.count; i++) {
                    byte[] b = Arrays.copyOfRange(batch.data, batch.offset[i], batch.offset[i] + batch.capLen[i]);
                    out.add(new Packet(new FrameInfo(out.size() + 1, batch.tsNs[i], batch.origLen[i], batch.capLen[i],
                            batch.linkType[i], null), b));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Packet fixture(String capture, int number) {
        return read(TestCaptures.fixture(capture)).get(number - 1);
    }
}
