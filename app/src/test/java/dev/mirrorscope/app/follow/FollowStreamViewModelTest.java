package dev.mirrorscope.app.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.dissect.Conversation;
import dev.mirrorscope.engine.dissect.FlowKey;
import dev.mirrorscope.engine.dissect.StreamChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Follow Stream's state and text without the toolkit. */
class FollowStreamViewModelTest {
    @TempDir
    Path tmp;

    static Conversation conversation() {
        FlowKey key = new FlowKey(4, 6, 101, 0, 0xCB00716AL, 60321, 0, 0x0A00010AL, 80);
        return new Conversation(key, List.of(
                chunk(FlowKey.A_TO_B, "GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n"),
                chunk(FlowKey.B_TO_A, "HTTP/1.1 200 OK\r\n"),
                new StreamChunk(FlowKey.B_TO_A, 7, 7, new byte[0], 1338),
                chunk(FlowKey.B_TO_A, "Content-Length: 2\r\n\r\nhi\u0001"),
                chunk(FlowKey.A_TO_B, "bye")), 9, false);
    }

    private static StreamChunk chunk(int direction, String text) {
        return new StreamChunk(direction, 1, 1, text.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    private static List<String> texts(List<StreamText.Line> lines) {
        return lines.stream().map(l -> (l.gap() ? "~" : l.direction() == 0 ? ">" : "<") + l.text()).toList();
    }

    @Test
    void asciiShowsBothSidesInTurnWithTheGap() {
        FollowStreamViewModel m = new FollowStreamViewModel(no -> conversation(), UiTaskExecutor.direct());
        m.load(4);
        assertThat(m.title().get()).isEqualTo("Follow TCP Stream · 203.0.113.106:60321 ⇄ 10.0.1.10:80 · VNI 101");
        assertThat(m.summary().get()).isEqualTo("9 packets · 85 bytes · 1,338 bytes missing in capture");
        assertThat(m.showChoices()).containsExactly("Entire conversation (85 bytes)",
                "203.0.113.106:60321 → 10.0.1.10:80 (44 bytes)", "10.0.1.10:80 → 203.0.113.106:60321 (41 bytes)");
        assertThat(texts(m.lines())).containsExactly(">GET / HTTP/1.1", ">Host: www.example.com", ">",
                "<HTTP/1.1 200 OK", "~[1,338 bytes missing in capture]", "<Content-Length: 2", "<", "<hi.", ">bye");
        assertThat(m.loading().get()).isFalse();
    }

    @Test
    void oneSideAndOtherFormats() {
        FollowStreamViewModel m = new FollowStreamViewModel(no -> conversation(), UiTaskExecutor.direct());
        m.load(4);
        m.show().set(StreamText.Show.B_TO_A);
        m.format().set(StreamText.Format.RAW);
        assertThat(texts(m.lines())).containsExactly("<485454502f312e3120323030204f4b0d0a",
                "~[1,338 bytes missing in capture]", "<436f6e74656e742d4c656e6774683a20320d0a0d0a686901");
        m.show().set(StreamText.Show.A_TO_B);
        m.format().set(StreamText.Format.HEX_DUMP);
        assertThat(texts(m.lines())).first().isEqualTo(
                ">00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  GET / HTTP/1.1..");
        // With one side shown, its chunks run on: "bye" follows the request in the same dump.
        assertThat(texts(m.lines())).last().isEqualTo(
                ">00000020  65 2e 63 6f 6d 0d 0a 0d  0a 62 79 65              e.com....bye");
    }

    @Test
    void savingWritesWhatIsShownAndRawWritesThePayload() throws Exception {
        FollowStreamViewModel m = new FollowStreamViewModel(no -> conversation(), UiTaskExecutor.direct());
        m.load(4);
        m.show().set(StreamText.Show.A_TO_B);
        m.format().set(StreamText.Format.RAW);
        Path raw = tmp.resolve("a.bin");
        m.save(raw);
        assertThat(Files.readString(raw, StandardCharsets.ISO_8859_1))
                .isEqualTo("GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\nbye");
        assertThat(m.message().get()).isEqualTo("Saved 44 bytes to " + raw);
        m.show().set(StreamText.Show.ENTIRE);
        m.format().set(StreamText.Format.ASCII);
        Path text = tmp.resolve("all.txt");
        m.save(text);
        assertThat(Files.readAllLines(text)).contains("[1,338 bytes missing in capture]", "HTTP/1.1 200 OK");
        m.save(tmp.resolve("no-such-dir").resolve("x.txt"));
        assertThat(m.error().get()).startsWith(tmp.resolve("no-such-dir").resolve("x.txt") + ": cannot write");
    }

    @Test
    void aPacketWithoutAConversationSaysSo() {
        FollowStreamViewModel m = new FollowStreamViewModel(no -> {
            throw new IllegalArgumentException("packet 155 is not part of a TCP or UDP conversation; there is no"
                    + " stream to follow");
        }, UiTaskExecutor.direct());
        m.load(155);
        assertThat(m.error().get()).contains("no stream to follow");
        assertThat(m.lines()).isEmpty();
        assertThat(m.loading().get()).isFalse();
    }

    @Test
    void longConversationsStopShowingButSaveEverything() {
        byte[] big = new byte[StreamText.RAW_BYTES_PER_LINE * 50];
        Conversation c = new Conversation(conversation().key(),
                List.of(new StreamChunk(FlowKey.A_TO_B, 1, 1, big, 0)), 1, false);
        List<StreamText.Line> lines = StreamText.lines(c, StreamText.Show.ENTIRE, StreamText.Format.RAW, 10);
        assertThat(lines).hasSize(11);
        assertThat(lines.get(10).text()).startsWith("[… the rest is not shown here");
        assertThat(StreamText.export(c, StreamText.Show.ENTIRE, StreamText.Format.RAW)).hasSize(big.length);
    }
}
