package dev.mirrorscope.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mirrorscope.engine.query.OutputColumn;
import dev.mirrorscope.engine.query.QueryValues;
import dev.mirrorscope.engine.query.ResultSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The query command's jsonl for machines and aligned table for people (csv: {@link dev.mirrorscope.engine.query.CsvResultSink}). */
final class QueryOutput {
    /** Timestamps as CloudWatch Logs Insights shows them (UTC). */
    static final DateTimeFormatter TIME = QueryValues.TIME;

    private QueryOutput() {
    }

    static String text(Object v) {
        return QueryValues.text(v);
    }

    /** One JSON object per row, keys as the query names its columns; absent values are null. */
    static final class Jsonl implements ResultSink {
        private final JsonGenerator g;
        private List<OutputColumn> columns;

        Jsonl(PrintWriter out) throws IOException {
            this.g = Formats.json(out);
        }

        @Override
        public void columns(List<OutputColumn> columns) {
            this.columns = columns;
        }

        @Override
        public boolean row(Object[] values) throws IOException {
            g.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                g.writeFieldName(columns.get(i).name());
                Object v = values[i];
                if (v == null) {
                    g.writeNull();
                } else if (v instanceof Long l) {
                    g.writeNumber(l);
                } else if (v instanceof BigInteger b) {
                    g.writeNumber(b);
                } else if (v instanceof Double d) {
                    if (d.isNaN() || d.isInfinite()) {
                        g.writeNull();
                    } else {
                        g.writeNumber(d);
                    }
                } else if (v instanceof Boolean b) {
                    g.writeBoolean(b);
                } else {
                    g.writeString(text(v));
                }
            }
            g.writeEndObject();
            g.writeRaw('\n');
            return true;
        }

        void close() throws IOException {
            g.close();
        }
    }

    /**
     * Columns aligned to the widest value among the first rows (capped), later rows cut to fit with an
     * ellipsis; absent values shown as {@code -}.
     */
    static final class Table implements ResultSink {
        private static final int SAMPLE = 1000;
        private static final int MAX_WIDTH = 60;
        private final PrintWriter out;
        private List<OutputColumn> columns;
        private final List<String[]> buffered = new ArrayList<>();
        private int[] widths;

        Table(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void columns(List<OutputColumn> columns) {
            this.columns = columns;
        }

        @Override
        public boolean row(Object[] values) {
            String[] cells = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                String t = text(values[i]);
                cells[i] = t == null ? "-" : t.replace('\n', ' ');
            }
            if (widths == null) {
                buffered.add(cells);
                if (buffered.size() >= SAMPLE) {
                    flush();
                }
            } else {
                print(cells);
            }
            return true;
        }

        void finish() {
            if (widths == null) {
                flush();
            }
        }

        private void flush() {
            widths = new int[columns.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.min(MAX_WIDTH, columns.get(i).name().length());
            }
            for (String[] r : buffered) {
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = Math.min(MAX_WIDTH, Math.max(widths[i], r[i].length()));
                }
            }
            String[] header = new String[columns.size()];
            String[] rule = new String[columns.size()];
            for (int i = 0; i < header.length; i++) {
                header[i] = columns.get(i).name();
                rule[i] = "-".repeat(widths[i]);
            }
            print(header);
            print(rule);
            for (String[] r : buffered) {
                print(r);
            }
            buffered.clear();
        }

        private void print(String[] cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                String c = cells[i];
                if (c.length() > widths[i]) {
                    c = c.substring(0, Math.max(0, widths[i] - 1)) + "…";
                }
                boolean right = columns.get(i).type().name().equals("INTEGER")
                        || columns.get(i).type().name().equals("DOUBLE");
                if (i > 0) {
                    b.append("  ");
                }
                String pad = " ".repeat(widths[i] - c.length());
                b.append(right ? pad + c : (i == cells.length - 1 ? c : c + pad));
            }
            out.println(b);
        }
    }
}
