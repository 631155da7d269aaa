package dev.mirrorscope.engine.decode;

/**
 * Walks DNS names with compression pointers, safely: at most {@link DecodeLimits#MAX_DNS_POINTER_HOPS}
 * jumps (a pointer to itself or a cycle ends there), at most 255 name bytes, labels only of the plain
 * and pointer kinds. {@link #skip} validates without allocating; {@link #append} builds the text.
 */
public final class DnsNames {
    static final int TRUNCATED = -1;
    static final int LOOP = -2;
    static final int BAD_NAME = -3;

    private DnsNames() {
    }

    /**
     * Returns the position after the name as it sits in the message at {@code p} (after its first
     * pointer if it has one), or TRUNCATED, LOOP or BAD_NAME. {@code message} is where pointers count from.
     */
    public static int skip(byte[] b, int message, int p, int limit) {
        return walk(b, message, p, limit, null);
    }

    /** Appends the name in presentation form ("<Root>" for the root); returns what {@link #skip} returns. */
    public static int append(byte[] b, int message, int p, int limit, StringBuilder sb) {
        return walk(b, message, p, limit, sb);
    }

    public static Anomaly failure(int code) {
        switch (code) {
            case LOOP:
                return Anomaly.DNS_POINTER_LOOP;
            case BAD_NAME:
                return Anomaly.BAD_DNS_NAME;
            default:
                return Anomaly.TRUNCATED_DNS;
        }
    }

    private static int walk(byte[] b, int message, int p, int limit, StringBuilder sb) {
        int end = -1;
        int hops = 0;
        int nameLength = 1;
        int start = sb == null ? 0 : sb.length();
        while (true) {
            if (p >= limit) {
                return TRUNCATED;
            }
            int length = Bytes.u8(b, p);
            if (length == 0) {
                if (sb != null && sb.length() == start) {
                    sb.append("<Root>");
                }
                return end >= 0 ? end : p + 1;
            }
            switch (length & 0xC0) {
                case 0xC0: {
                    if (limit - p < 2) {
                        return TRUNCATED;
                    }
                    int target = message + ((length & 0x3F) << 8 | Bytes.u8(b, p + 1));
                    if (end < 0) {
                        end = p + 2;
                    }
                    if (target == p || ++hops > DecodeLimits.MAX_DNS_POINTER_HOPS) {
                        return LOOP;
                    }
                    if (target >= limit) {
                        return BAD_NAME;
                    }
                    p = target;
                    break;
                }
                case 0x00: {
                    nameLength += length + 1;
                    if (nameLength > DecodeLimits.MAX_DNS_NAME_LENGTH) {
                        return BAD_NAME;
                    }
                    if (limit - p - 1 < length) {
                        return TRUNCATED;
                    }
                    if (sb != null) {
                        appendLabel(b, p + 1, length, sb, sb.length() > start);
                    }
                    p += 1 + length;
                    break;
                }
                default:
                    // 0x40 and 0x80 label types (RFC 6891 obsoleted the extended ones): not a valid name.
                    return BAD_NAME;
            }
        }
    }

    private static void appendLabel(byte[] b, int p, int length, StringBuilder sb, boolean dot) {
        if (dot) {
            sb.append('.');
        }
        for (int i = 0; i < length; i++) {
            int c = Bytes.u8(b, p + i);
            if (c == '.' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c > 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                // RFC 1035 presentation: \DDD for bytes that are not printable.
                sb.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                        .append((char) ('0' + c % 10));
            }
        }
    }
}
