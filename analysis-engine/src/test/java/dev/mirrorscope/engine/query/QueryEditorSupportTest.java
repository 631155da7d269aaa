package dev.mirrorscope.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.query.QueryHighlighter.Span;
import dev.mirrorscope.engine.query.QueryHighlighter.Style;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryEditorSupportTest {
    private static String styled(String text) {
        StringBuilder b = new StringBuilder();
        for (Span s : QueryHighlighter.spans(text)) {
            b.append(s.style()).append('[').append(text, s.start(), s.end()).append("] ");
        }
        return b.toString().strip();
    }

    @Test
    void highlightsEveryKindOfToken() {
        assertThat(styled("fields abs(bytes) as b # note\n| filter srcAddr like /10\\.0/ and x = \"a\" | stats"
                + " count(*) by bin(5m) | parse @message /(?<a>x)/"))
                .isEqualTo("COMMAND[fields] FUNCTION[abs] OPERATOR[(] FIELD[bytes] OPERATOR[)] KEYWORD[as] FIELD[b]"
                        + " COMMENT[# note] OPERATOR[|] COMMAND[filter] FIELD[srcAddr] KEYWORD[like] REGEX[/10\\.0/]"
                        + " KEYWORD[and] FIELD[x] OPERATOR[=] STRING[\"a\"] OPERATOR[|] COMMAND[stats] FUNCTION[count]"
                        + " OPERATOR[(] OPERATOR[*] OPERATOR[)] KEYWORD[by] FUNCTION[bin] OPERATOR[(] PERIOD[5m]"
                        + " OPERATOR[)] OPERATOR[|] COMMAND[parse] FIELD[@message] REGEX[/(?<a>x)/]");
        assertThat(styled("fields a / b")).isEqualTo("COMMAND[fields] FIELD[a] OPERATOR[/] FIELD[b]");
    }

    @Test
    void unfinishedTextEndsInOneErrorSpan() {
        List<Span> spans = QueryHighlighter.spans("filter a = \"unclosed");
        assertThat(spans.get(spans.size() - 1)).isEqualTo(new Span(11, 20, Style.ERROR));
        assertThat(QueryHighlighter.spans("")).isEmpty();
    }

    @Test
    void completesCommandsWhereACommandStarts() {
        assertThat(QueryCompletion.at("fi", 2, List.of("srcAddr"))).extracting(QueryCompletion.Candidate::text)
                .containsExactly("fields", "filter");
        assertThat(QueryCompletion.at("fields a | s", 12, List.of())).extracting(QueryCompletion.Candidate::text)
                .containsExactly("stats", "sort");
    }

    @Test
    void completesFieldsFunctionsAndAliases() {
        List<QueryCompletion.Candidate> c = QueryCompletion.at("fields bytes as total | filter sr", 33,
                List.of("srcAddr", "srcPort", "dstAddr", "foo-bar"));
        assertThat(c).extracting(QueryCompletion.Candidate::text).containsExactly("srcAddr", "srcPort");
        assertThat(c.get(0).replaceStart()).isEqualTo(31);
        assertThat(QueryCompletion.at("fields bytes as total | sort to", 31, List.of()))
                .extracting(QueryCompletion.Candidate::text).containsExactly("total", "toupper(", "tolower(",
                        "toMillis(");
        assertThat(QueryCompletion.at("fields f", 8, List.of("foo-bar"))).extracting(QueryCompletion.Candidate::text)
                .contains("`foo-bar`", "floor(", "fromMillis(");
        assertThat(QueryCompletion.at("filter a = \"sr", 14, List.of("srcAddr"))).isEmpty();
        assertThat(QueryCompletion.at("filter a a", 10, List.of())).extracting(QueryCompletion.Candidate::text)
                .contains("and", "as", "abs(", "asc");
    }
}
