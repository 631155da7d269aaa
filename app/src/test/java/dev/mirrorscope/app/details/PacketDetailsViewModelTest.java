package dev.mirrorscope.app.details;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.dissect.ProtocolNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The details' state without the toolkit: loading, selection both ways, highlight ranges, stale results. */
class PacketDetailsViewModelTest {
    @Test
    void showingAPacketLoadsItsTreeAndSaysWhatItIs() throws Exception {
        PacketDetailsViewModel m = new PacketDetailsViewModel(TestPackets.loader(), UiTaskExecutor.direct());
        m.show(4);
        assertThat(m.loading().get()).isFalse();
        assertThat(m.dissection().get().frame().number()).isEqualTo(4);
        assertThat(m.dissection().get().roots()).extracting(ProtocolNode::label).contains("Hypertext Transfer Protocol");
        assertThat(m.status().get()).isEqualTo("Packet 4 · 197 bytes captured · 8 layers");
        assertThat(m.highlightStart().get()).isEqualTo(-1);
        assertThat(m.selected().get()).isNull();
    }

    @Test
    void selectingALineHighlightsItsBytesAndItsProtocolsBytes() throws Exception {
        PacketDetailsViewModel m = new PacketDetailsViewModel(TestPackets.loader(), UiTaskExecutor.direct());
        m.show(16);
        ProtocolNode sni = m.dissection().get().find("tls.handshake.extensions_server_name").get(0);
        m.select(sni);
        assertThat(m.highlightStart().get()).isEqualTo(sni.offset());
        assertThat(m.highlightLength().get()).isEqualTo(16);
        assertThat(new String(m.dissection().get().bytes(), sni.offset(), sni.length())).isEqualTo("shop.example.com");
        assertThat(m.highlighted(sni.offset())).isTrue();
        assertThat(m.highlighted(sni.offset() + 16)).isFalse();
        ProtocolNode tls = m.selectedPath().get().get(0);
        assertThat(tls.field()).isEqualTo("tls");
        assertThat(m.protocolStart().get()).isEqualTo(tls.offset());
        assertThat(m.inProtocol(tls.offset())).isTrue();
        assertThat(m.fieldInfo().get()).isEqualTo("tls.handshake.extensions_server_name · 16 bytes at offset "
                + sni.offset() + String.format(" (0x%04x)", sni.offset()));
    }

    @Test
    void clickingAByteSelectsTheDeepestLineOverIt() throws Exception {
        PacketDetailsViewModel m = new PacketDetailsViewModel(TestPackets.loader(), UiTaskExecutor.direct());
        m.show(4);
        ProtocolNode port = m.dissection().get().find("tcp.dstport").get(0);
        m.selectByte(port.offset() + 1);
        assertThat(m.selected().get()).isSameAs(port);
        assertThat(m.selectedPath().get()).extracting(ProtocolNode::field).containsExactly("tcp", "tcp.dstport");
        m.selectByte(100_000);
        assertThat(m.selected().get()).isSameAs(port);
    }

    @Test
    void theFieldSelectedLastIsSelectedAgainInTheNextPacket() throws Exception {
        PacketDetailsViewModel m = new PacketDetailsViewModel(TestPackets.loader(), UiTaskExecutor.direct());
        m.show(4);
        m.select(m.dissection().get().find("tcp.srcport").get(0));
        m.show(5);
        assertThat(m.selected().get().field()).isEqualTo("tcp.srcport");
        assertThat(m.selected().get().value()).isEqualTo("80");
        m.show(87);
        assertThat(m.selected().get()).as("an ICMP error quoting UDP has no TCP port").isNull();
        m.show(6);
        assertThat(m.selected().get().field()).isEqualTo("tcp.srcport");
    }

    @Test
    void aResultThatArrivesAfterANewerRequestIsDropped() throws Exception {
        List<Runnable> background = new ArrayList<>();
        UiTaskExecutor later = new UiTaskExecutor(background::add, Runnable::run);
        PacketDetailsViewModel m = new PacketDetailsViewModel(TestPackets.loader(), later);
        m.show(4);
        m.show(16);
        assertThat(m.loading().get()).isTrue();
        assertThat(m.status().get()).isEqualTo("Reading packet 16…");
        background.get(1).run();
        background.get(0).run();
        assertThat(m.dissection().get().frame().number()).isEqualTo(16);
        assertThat(m.loading().get()).isFalse();
    }

    @Test
    void aPacketThatCannotBeReadSaysWhyAndShowsNothing() throws Exception {
        PacketDetailsViewModel m = new PacketDetailsViewModel(TestPackets.loader(), UiTaskExecutor.direct());
        m.show(4);
        m.show(9999);
        assertThat(m.dissection().get()).isNull();
        assertThat(m.status().get()).isEqualTo("Packet 9999 could not be read: packet 9999 is not in this session");
        m.clear();
        assertThat(m.status().get()).isEqualTo("No packet selected.");
    }

    @Test
    void hexDumpLaysOutSixteenBytesPerRow() {
        byte[] b = new byte[20];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (0x41 + i);
        }
        b[3] = 0;
        String text = HexDump.text(b);
        assertThat(text.lines().toList()).containsExactly(
                "0000  41 42 43 00 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50   ABC.EFGHIJKLMNOP",
                "0010  51 52 53 54                                        QRST");
        assertThat(HexDump.rows(16)).isEqualTo(1);
        assertThat(HexDump.rows(17)).isEqualTo(2);
        assertThat(HexDump.rowOf(31)).isEqualTo(1);
    }
}
