package dev.mirrorscope.app.details;

import dev.mirrorscope.engine.capture.CaptureReader;
import dev.mirrorscope.engine.capture.CaptureReaders;
import dev.mirrorscope.engine.capture.PacketBatch;
import dev.mirrorscope.engine.decode.DecodeOptions;
import dev.mirrorscope.engine.dissect.FrameInfo;
import dev.mirrorscope.engine.dissect.PacketDissector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The app's test capture as a details loader, without a session: packets are dissected straight from the file. */
public final class TestPackets {
    private TestPackets() {
    }

    public static Path capture() throws Exception {
        return Path.of(TestPackets.class.getResource("/mirror-mixed.pcap").toURI());
    }

    public static PacketDetailsLoader loader() throws Exception {
        List<FrameInfo> infos = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        PacketBatch batch = new PacketBatch();
        try (CaptureReader r = CaptureReaders.open(capture())) {
            while (true) {
                batch.clear();
                if (!r.next(batch)) {
                    break;
                }
                for (int i = 0; i < batch.count; i++) {
                    infos.add(new FrameInfo(infos.size() + 1, batch.tsNs[i], batch.origLen[i], batch.capLen[i],
                            batch.linkType[i], null));
                    frames.add(Arrays.copyOfRange(batch.data, batch.offset[i], batch.offset[i] + batch.capLen[i]));
                }
            }
        }
        PacketDissector dissector = new PacketDissector(DecodeOptions.defaults());
        return no -> {
            if (no < 1 || no > frames.size()) {
                throw new IllegalArgumentException("packet " + no + " is not in this session");
            }
            return dissector.dissect(infos.get((int) no - 1), frames.get((int) no - 1), 0);
        };
    }
}
