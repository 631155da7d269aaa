package dev.mirrorscope.engine.decode;

import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.x start line: a request line (method, target, version) with its Host header, or a status
 * line. Recognised by content on any TCP port; only the first {@link DecodeLimits#MAX_HTTP_HEADER_SCAN}
 * bytes are searched. A start line that is cut by the capture is not an anomaly; one that is complete
 * but does not parse is.
 */
final class HttpDecoder {
    private static final byte[][] METHODS = {
        ascii("GET "), ascii("POST "), ascii("PUT "), ascii("HEAD "), ascii("DELETE "), ascii("OPTIONS "),
        ascii("PATCH "), ascii("CONNECT "), ascii("TRACE ")
    };
    private static final byte[] HTTP1 = ascii("HTTP/1.");
    private static final byte[] HOST = ascii("host:");

    private HttpDecoder() {
    }

    static boolean looksLikeHttp(byte[] b, int pos, int limit) {
        if (startsWith(b, pos, limit, HTTP1)) {
            return true;
        }
        for (byte[] m : METHODS) {
            if (startsWith(b, pos, limit, m)) {
                return true;
            }
        }
        return false;
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int scanEnd = Math.min(limit, pos + DecodeLimits.MAX_HTTP_HEADER_SCAN);
        int lineEnd = indexOf(b, pos, scanEnd, (byte) '\n');
        boolean complete = lineEnd >= 0;
        if (!complete) {
            lineEnd = scanEnd;
        }
        int contentEnd = lineEnd > pos && b[lineEnd - 1] == '\r' && complete ? lineEnd - 1 : lineEnd;
        out.app = Layer.HTTP;
        out.appOffset = pos - out.base;
        out.appLength = limit - pos;
        out.layerAt(Layer.HTTP, pos, limit - pos);
        if (out.listening() && complete) {
            reportHeaders(b, lineEnd + 1, scanEnd, out);
        }
        if (startsWith(b, pos, limit, HTTP1)) {
            statusLine(b, pos, contentEnd, complete, out);
            return;
        }
        int method = indexOf(b, pos, contentEnd, (byte) ' ');
        if (method < 0) {
            return;
        }
        int target = method + 1;
        int targetEnd = indexOf(b, target, contentEnd, (byte) ' ');
        if (targetEnd < 0) {
            if (complete) {
                out.anomalyAt(Anomaly.BAD_HTTP_REQUEST, pos);
            }
            return;
        }
        out.httpMethodLength = method - pos;
        out.httpTargetOffset = target - out.base;
        out.httpTargetLength = targetEnd - target;
        out.httpVersionOffset = targetEnd + 1 - out.base;
        out.httpVersionLength = contentEnd - targetEnd - 1;
        if (complete && !startsWith(b, targetEnd + 1, contentEnd, HTTP1)) {
            out.anomalyAt(Anomaly.BAD_HTTP_REQUEST, pos);
        }
        if (complete) {
            host(b, lineEnd + 1, scanEnd, out);
        }
    }

    private static void statusLine(byte[] b, int pos, int contentEnd, boolean complete, DecodedPacket out) {
        out.httpLineLength = contentEnd - pos;
        int code = indexOf(b, pos, contentEnd, (byte) ' ') + 1;
        if (code > 0 && contentEnd - code >= 3) {
            int status = 0;
            for (int i = 0; i < 3; i++) {
                int d = b[code + i] - '0';
                if (d < 0 || d > 9) {
                    status = -1;
                    break;
                }
                status = status * 10 + d;
            }
            if (status >= 0) {
                out.httpStatus = status;
                return;
            }
        }
        if (complete) {
            out.anomalyAt(Anomaly.BAD_HTTP_REQUEST, pos);
        }
    }

    /** Finds the Host header among the header lines in [p, end); stops at the empty line. */
    private static void host(byte[] b, int p, int end, DecodedPacket out) {
        while (p < end) {
            int lineEnd = indexOf(b, p, end, (byte) '\n');
            if (lineEnd < 0) {
                return;
            }
            int contentEnd = lineEnd > p && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == p) {
                return;
            }
            if (startsWithIgnoreCase(b, p, contentEnd, HOST)) {
                int v = p + HOST.length;
                while (v < contentEnd && (b[v] == ' ' || b[v] == '\t')) {
                    v++;
                }
                int e = contentEnd;
                while (e > v && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
                    e--;
                }
                out.httpHostOffset = v - out.base;
                out.httpHostLength = e - v;
                return;
            }
            p = lineEnd + 1;
        }
    }

    /** Reports the header lines in [p, end) and the empty line that ends them, if it is there. */
    private static void reportHeaders(byte[] b, int p, int end, DecodedPacket out) {
        while (p < end) {
            int lineEnd = indexOf(b, p, end, (byte) '\n');
            if (lineEnd < 0) {
                return;
            }
            boolean empty = lineEnd == p || (lineEnd == p + 1 && b[p] == '\r');
            if (empty) {
                out.partAt(Part.HTTP_HEADER_END, p, lineEnd + 1 - p);
                return;
            }
            if (indexOf(b, p, lineEnd, (byte) ':') < 0) {
                out.listenerAnomalyAt(Anomaly.BAD_HTTP_HEADER, p);
            }
            out.partAt(Part.HTTP_HEADER, p, lineEnd + 1 - p);
            p = lineEnd + 1;
        }
    }

    private static int indexOf(byte[] b, int from, int end, byte c) {
        for (int i = from; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int pos, int limit, byte[] prefix) {
        if (limit - pos < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(byte[] b, int pos, int limit, byte[] lowerPrefix) {
        if (limit - pos < lowerPrefix.length) {
            return false;
        }
        for (int i = 0; i < lowerPrefix.length; i++) {
            int c = b[pos + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerPrefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
