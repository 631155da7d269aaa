package dev.mirrorscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirrorscope.engine.TestCaptures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(k::add);
        return k;
    }

    @Test
    void ingestJsonHasExactlyTheContractFields() throws Exception {
        Run r = run("ingest", TestCaptures.corpus("dns_tcp.pcap").toString(), "--session", tmp.resolve("s").toString(),
                "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = JSON.readTree(r.out());
        assertThat(keys(n)).containsExactly("packets", "bytes", "flows", "malformed", "seconds");
        assertThat(n.get("packets").asLong()).isEqualTo(11);
        assertThat(n.get("flows").asLong()).isEqualTo(1);
        assertThat(r.out().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void packetsAndFlowsJsonlFollowTheContract() throws Exception {
        String s = tmp.resolve("s").toString();
        assertThat(run("ingest", TestCaptures.corpus("vxlan.pcap").toString(), "--session", s).code()).isZero();
        Run p = run("packets", "--session", s, "--format", "jsonl");
        assertThat(p.code()).as(p.err()).isZero();
        List<String> lines = p.out().lines().toList();
        assertThat(lines).hasSize(10);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(keys(first)).startsWith("no", "ts_ns", "frame_len", "cap_len", "tunnel", "vni", "inner_len", "src",
                "dst", "proto", "sport", "dport", "tcp_flags", "info");
        assertThat(first.get("no").asLong()).isEqualTo(1);
        assertThat(first.get("tunnel").asText()).isEqualTo("vxlan");
        assertThat(first.get("vni").asInt()).isEqualTo(100);
        assertThat(first.get("src").asText()).isEqualTo("192.168.203.3");
        assertThat(first.get("proto").asInt()).isEqualTo(1);
        assertThat(first.get("sport").isNull()).isTrue();

        Run limited = run("packets", "--session", s, "--format", "jsonl", "--limit", "3");
        assertThat(limited.out().lines().count()).isEqualTo(3);

        Run f = run("flows", "--session", s, "--format", "jsonl");
        assertThat(f.code()).as(f.err()).isZero();
        JsonNode flow = JSON.readTree(f.out().lines().findFirst().orElseThrow());
        assertThat(keys(flow)).containsExactly("proto", "vni", "a", "a_port", "b", "b_port", "packets_ab", "bytes_ab",
                "packets_ba", "bytes_ba", "first_ts_ns", "last_ts_ns", "tcp_state", "rtt_us", "retransmits");
        assertThat(flow.get("vni").asInt()).isEqualTo(100);
    }

    @Test
    void badInputIsOneLineAndExitOne() throws Exception {
        Path junk = tmp.resolve("random.bin");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
        Path empty = Files.createFile(tmp.resolve("empty.pcap"));
        for (Path bad : List.of(junk, empty, tmp.resolve("missing.pcap"))) {
            Run r = run("ingest", bad.toString(), "--session", tmp.resolve("s").toString());
            assertThat(r.code()).as(bad.toString()).isEqualTo(1);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains(bad.getFileName().toString()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.out()).isEmpty();
            assertThat(tmp.resolve("s")).as("no session is created for bad input").doesNotExist();
        }
    }

    @Test
    void truncatedCaptureExitsOneButKeepsPackets() throws Exception {
        Path cap = TestCaptures.corpus("dns_tcp.pcap");
        Path cut = TestCaptures.truncatedCopy(cap, tmp, Files.size(cap) - 5);
        String s = tmp.resolve("s").toString();
        Run r = run("ingest", cut.toString(), "--session", s, "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("stopped there");
        assertThat(JSON.readTree(r.out()).get("packets").asLong()).isEqualTo(10);
        assertThat(run("packets", "--session", s, "--format", "jsonl").out().lines().count()).isEqualTo(10);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("ingest").code()).isEqualTo(2);
        assertThat(run("packets", "--session", tmp.toString(), "--format", "xml").code()).isEqualTo(2);
        assertThat(run("frobnicate").code()).isEqualTo(2);
        assertThat(run().code()).isEqualTo(2);
    }

    @Test
    void readingAMissingSessionIsAnErrorNotAnEmptySession() {
        Run r = run("flows", "--session", tmp.resolve("nope").toString(), "--format", "jsonl");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no session here");
        assertThat(Files.exists(tmp.resolve("nope"))).isFalse();
    }
}
