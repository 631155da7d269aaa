package dev.mirrorscope.engine.query;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Results as RFC 4180 CSV: a header row of column names, CRLF line ends, absent values as empty fields. */
public final class CsvResultSink implements ResultSink {
    private final Writer out;
    private final StringBuilder line = new StringBuilder();

    public CsvResultSink(Writer out) {
        this.out = out;
    }

    @Override
    public void columns(List<OutputColumn> columns) throws IOException {
        Object[] names = new Object[columns.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = columns.get(i).name();
        }
        write(names);
    }

    @Override
    public boolean row(Object[] values) throws IOException {
        write(values);
        return true;
    }

    private void write(Object[] values) throws IOException {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String s = QueryValues.text(values[i]);
            if (s != null) {
                line.append(QueryValues.csv(s));
            }
        }
        out.append(line.append("\r\n"));
    }
}
