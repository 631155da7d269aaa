package dev.mirrorscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void capturesViewAndScreenshot() throws Exception {
        LaunchOptions o = LaunchOptions.parse("a.pcap", "b.pcapng.gz", "--view", "flows", "--screenshot", "s.png");
        assertThat(o.files()).containsExactly(Path.of("a.pcap"), Path.of("b.pcapng.gz"));
        assertThat(o.session()).isNull();
        assertThat(o.view()).isEqualTo("flows");
        assertThat(o.screenshot()).isEqualTo(Path.of("s.png"));
        assertThat(LaunchOptions.parse().view()).isEqualTo("packets");
        assertThat(o.theme()).isNull();
        assertThat(LaunchOptions.parse("--theme", "dark").theme()).isEqualTo("dark");
    }

    @Test
    void aDirectoryIsASessionOnlyWhenItHoldsOne() throws Exception {
        Path session = Files.createDirectories(tmp.resolve("case-42"));
        assertThatThrownBy(() -> LaunchOptions.parse(session.toString()))
                .isInstanceOf(LaunchOptions.BadInputException.class).hasMessageContaining("no session here");
        Files.createFile(session.resolve("session.mv.db"));
        assertThat(LaunchOptions.parse(session.toString(), "x.pcap").session()).isEqualTo(session);
        assertThat(LaunchOptions.parse("--session", tmp.resolve("new").toString()).session()).isEqualTo(tmp.resolve("new"));
        assertThatThrownBy(() -> LaunchOptions.parse(session.toString(), "--session", tmp.resolve("other").toString()))
                .isInstanceOf(LaunchOptions.BadInputException.class).hasMessageContaining("one session at a time");
    }

    @Test
    void mistakesInTheArgumentsAreUsageErrors() {
        assertThatThrownBy(() -> LaunchOptions.parse("--view", "nonsense"))
                .isInstanceOf(LaunchOptions.UsageException.class).hasMessageContaining("packets");
        assertThatThrownBy(() -> LaunchOptions.parse("--screenshot"))
                .isInstanceOf(LaunchOptions.UsageException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse("--theme", "blue"))
                .isInstanceOf(LaunchOptions.UsageException.class).hasMessageContaining("light or dark");
        assertThatThrownBy(() -> LaunchOptions.parse("--colour"))
                .isInstanceOf(LaunchOptions.UsageException.class).hasMessageContaining("--colour");
    }
}
