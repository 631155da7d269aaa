package dev.mirrorscope.app.common;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Comma-separated values as RFC 4180 has them: CRLF line ends, fields quoted when they must be. */
public final class Csv {
    private Csv() {
    }

    public static void row(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String field(String s) {
        if (s == null) {
            return "";
        }
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || !s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ');
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
