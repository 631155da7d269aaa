package dev.mirrorscope.app.details;

import java.util.Locale;

/** A frame's bytes as Wireshark's bytes pane lays them out: 16 per row, offset, hex in two groups of 8, ASCII. */
public final class HexDump {
    public static final int BYTES_PER_ROW = 16;

    private HexDump() {
    }

    public static int rows(int length) {
        return (length + BYTES_PER_ROW - 1) / BYTES_PER_ROW;
    }

    public static int rowOf(int offset) {
        return offset / BYTES_PER_ROW;
    }

    public static String offset(int row) {
        return String.format(Locale.ROOT, "%04x", row * BYTES_PER_ROW);
    }

    public static String hex(byte b) {
        return String.format(Locale.ROOT, "%02x", b & 0xFF);
    }

    /** The byte as a character, or a dot when it is not printable ASCII. */
    public static char ascii(byte b) {
        int v = b & 0xFF;
        return v >= 0x20 && v < 0x7F ? (char) v : '.';
    }

    /** All rows as text, for copying: "0000  0a 00 …  0a 00 …   ..........". */
    public static String text(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows(bytes.length); r++) {
            sb.append(offset(r)).append("  ");
            StringBuilder ascii = new StringBuilder();
            for (int i = 0; i < BYTES_PER_ROW; i++) {
                int at = r * BYTES_PER_ROW + i;
                if (i == 8) {
                    sb.append(' ');
                }
                if (at < bytes.length) {
                    sb.append(hex(bytes[at])).append(' ');
                    ascii.append(ascii(bytes[at]));
                } else {
                    sb.append("   ");
                }
            }
            sb.append("  ").append(ascii).append('\n');
        }
        return sb.toString();
    }
}
