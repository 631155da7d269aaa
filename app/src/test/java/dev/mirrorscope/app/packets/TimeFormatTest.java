package dev.mirrorscope.app.packets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeFormatTest {
    private static final long TS = 1_793_610_000_123_456_789L;

    @Test
    void eachFormatReadsAsItSays() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(TimeFormat.RELATIVE.format(TS, 2_500_000_001L, 7, berlin)).isEqualTo("2.500000001");
        assertThat(TimeFormat.DELTA.format(TS, 2_500_000_001L, 7, berlin)).isEqualTo("0.000000007");
        assertThat(TimeFormat.DELTA.format(TS, 0, -1_000, berlin)).isEqualTo("-0.000001000");
        assertThat(TimeFormat.UTC.format(TS, 0, 0, berlin)).isEqualTo("2026-11-02 09:00:00.123456789");
        assertThat(TimeFormat.ABSOLUTE.format(TS, 0, 0, berlin)).isEqualTo("2026-11-02 10:00:00.123456789");
    }

    @Test
    void storedNamesParseAndTheShortcutCycles() {
        assertThat(TimeFormat.parse("delta")).isEqualTo(TimeFormat.DELTA);
        assertThat(TimeFormat.parse("garbage")).isEqualTo(TimeFormat.RELATIVE);
        assertThat(TimeFormat.UTC.next()).isEqualTo(TimeFormat.RELATIVE);
    }
}
