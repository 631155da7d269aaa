package dev.mirrorscope.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void fieldsAreQuotedOnlyWhenTheyMustBe() throws Exception {
        StringWriter w = new StringWriter();
        Csv.row(w, Arrays.asList("1", "GET /a?b=c,d HTTP/1.1", "say \"hi\"", "", null, " padded", "two\nlines"));
        Csv.row(w, Arrays.asList("2", "plain"));
        assertThat(w.toString()).isEqualTo("1,\"GET /a?b=c,d HTTP/1.1\",\"say \"\"hi\"\"\",,,\" padded\",\"two\nlines\"\r\n"
                + "2,plain\r\n");
    }
}
