package dev.mirrorscope.engine;

import dev.mirrorscope.engine.capture.PcapngWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/** Writes packets of a session to a capture file as they were captured (bytes, lengths, times, link types). */
public final class PacketExport {
    /** Progress is reported after this many packets. */
    private static final int PROGRESS_EVERY = 4096;

    private PacketExport() {
    }

    /**
     * Writes {@code numbers} to {@code out} as pcapng, one interface per link type. The file appears
     * only when complete (written beside it, then moved). Returns the packets written, or -1 when
     * {@code cancelled} said stop (nothing is left behind then).
     */
    public static long toPcapng(Session session, PacketNumbers numbers, Path out, BooleanSupplier cancelled,
                                LongConsumer progress) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".part");
        boolean done = false;
        try (PacketReader reader = session.packetReader();
             OutputStream os = Files.newOutputStream(tmp);
             PcapngWriter w = new PcapngWriter(os, "Mirrorscope")) {
            Map<Integer, Integer> interfaces = new HashMap<>();
            long n = numbers.size();
            for (long i = 0; i < n; i++) {
                if (i % PROGRESS_EVERY == 0) {
                    if (cancelled.getAsBoolean()) {
                        return -1;
                    }
                    progress.accept(i);
                }
                PacketReader.RawPacket p = reader.raw(numbers.get(i));
                Integer iface = interfaces.get(p.linkType());
                if (iface == null) {
                    iface = w.addInterface(p.linkType(), "link type " + p.linkType());
                    interfaces.put(p.linkType(), iface);
                }
                w.write(iface, p.tsNs(), p.data(), 0, p.capLen(), p.origLen(), null);
            }
            progress.accept(n);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return numbers.size();
    }
}
