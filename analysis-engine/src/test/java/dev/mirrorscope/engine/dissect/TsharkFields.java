package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.capture.CaptureReader;
import dev.mirrorscope.engine.capture.CaptureReaders;
import dev.mirrorscope.engine.capture.PacketBatch;
import dev.mirrorscope.engine.decode.DecodeOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;

/** tshark's fields of a capture as scripts/regenerate-dissect-expectations.sh stored them, and the capture's packets. */
final class TsharkFields {
    /** One field of one packet: name, position and size in the frame, and tshark's shown value. */
    record Field(String name, int pos, int size, String show) {
        String key() {
            return name + "@" + pos;
        }
    }

    private TsharkFields() {
    }

    /** Fields per packet, index 0 for frame 1. */
    static List<List<Field>> read(Path gz) throws IOException {
        List<List<Field>> packets = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String[] c = line.split("\t", -1);
                int frame = Integer.parseInt(c[0]);
                while (packets.size() < frame) {
                    packets.add(new ArrayList<>());
                }
                packets.get(frame - 1).add(new Field(c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]), unescape(c[4])));
            }
        }
        return packets;
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                sb.append(e == 't' ? '\t' : e == 'r' ? '\r' : e == 'n' ? '\n' : e);
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Dissects every packet of the capture (at most {@code limit}) and hands each to {@code sink} with its number. */
    static void dissectAll(Path capture, int limit, BiConsumer<Integer, Dissection> sink) throws IOException {
        PacketDissector dissector = new PacketDissector(DecodeOptions.defaults());
        PacketBatch batch = new PacketBatch();
        int n = 0;
        try (CaptureReader reader = CaptureReaders.open(capture)) {
            while (n < limit) {
                batch.clear();
                if (!reader.next(batch)) {
                    break;
                }
                for (int i = 0; i < batch.count && n < limit; i++) {
                    n++;
                    FrameInfo info = new FrameInfo(n, batch.tsNs[i], batch.origLen[i], batch.capLen[i], batch.linkType[i],
                            null);
                    sink.accept(n, dissector.dissect(info, batch.data, batch.offset[i]));
                }
            }
        }
    }
}
