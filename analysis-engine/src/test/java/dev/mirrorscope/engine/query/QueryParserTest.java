package dev.mirrorscope.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mirrorscope.engine.query.Expr.BinaryOp;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParserTest {
    private static Query parse(String q) throws QuerySyntaxException {
        return QueryParser.parse(q);
    }

    private static QuerySyntaxException error(String q) {
        return catchThrowableOfType(() -> QueryParser.parse(q), QuerySyntaxException.class);
    }

    @Test
    void fieldsWithAliasesBackticksAndExpressions() throws Exception {
        Query q = parse("fields srcAddr, `foo-bar`, bytes / packets as avgSize, abs(f3 - f4)");
        Command.Fields f = (Command.Fields) q.commands().get(0);
        assertThat(f.items()).extracting(Command.Item::name)
                .containsExactly("srcAddr", "foo-bar", "avgSize", "abs(f3 - f4)");
        assertThat(f.items().get(2).aliased()).isTrue();
        Expr.Binary div = (Expr.Binary) f.items().get(2).expr();
        assertThat(div.op()).isEqualTo(BinaryOp.DIV);
        assertThat(((Expr.Field) f.items().get(1).expr()).name()).isEqualTo("foo-bar");
    }

    @Test
    void everyCommandParses() throws Exception {
        Query q = parse("fields @timestamp, @message\n"
                + "| filter action = \"REJECT\" and dstPort in [22, 3389]\n"
                + "| parse @message \"* * *\" as a, b, c\n"
                + "| parse interfaceId /eni-(?<suffix>[0-9a-f]+)/\n"
                + "| stats count(*) as n, sum(bytes) by srcAddr, bin(5m)\n"
                + "| sort n desc, srcAddr\n"
                + "| display srcAddr, n\n"
                + "| dedup srcAddr\n"
                + "| limit 5");
        assertThat(q.commands()).hasExactlyElementsOfTypes(Command.Fields.class, Command.Filter.class,
                Command.Parse.class, Command.Parse.class, Command.Stats.class, Command.Sort.class,
                Command.Display.class, Command.Dedup.class, Command.Limit.class);
        Command.Parse glob = (Command.Parse) q.commands().get(2);
        assertThat(glob.glob()).isTrue();
        assertThat(glob.names()).containsExactly("a", "b", "c");
        assertThat(glob.regex()).isEqualTo("(.*?) (.*?) (.*)");
        Command.Parse re = (Command.Parse) q.commands().get(3);
        assertThat(re.glob()).isFalse();
        assertThat(((Expr.Field) re.source()).name()).isEqualTo("interfaceId");
        assertThat(re.names()).containsExactly("suffix");
        Command.Stats st = (Command.Stats) q.commands().get(4);
        assertThat(st.aggregates()).extracting(Command.Item::name).containsExactly("n", "sum(bytes)");
        assertThat(st.groups()).extracting(Command.Item::name).containsExactly("srcAddr", "bin(5m)");
        Command.Sort sort = (Command.Sort) q.commands().get(5);
        assertThat(sort.keys()).extracting(Command.SortKey::descending).containsExactly(true, false);
        assertThat(((Command.Limit) q.commands().get(8)).count()).isEqualTo(5);
    }

    @Test
    void parseWithoutSourceReadsMessage() throws Exception {
        Command.Parse p = (Command.Parse) parse("parse \"user=*\" as user").commands().get(0);
        assertThat(((Expr.Field) p.source()).name()).isEqualTo("@message");
        Command.Parse r = (Command.Parse) parse("parse /(?<x>\\d+)\\/(?<y>\\d+)/").commands().get(0);
        assertThat(r.names()).containsExactly("x", "y");
        assertThat(r.pattern()).isEqualTo("(?<x>\\d+)/(?<y>\\d+)");
    }

    @Test
    void commentsAndCaseInsensitiveKeywords() throws Exception {
        Query q = parse("# leading comment\nFIELDS srcAddr # why\n  # | filter x = 1\n| LIMIT 3 # done");
        assertThat(q.commands()).hasSize(2);
        assertThat(parse("filter a = 1 AND NOT b = 2 Or c LIKE 'x'").commands()).hasSize(1);
    }

    @Test
    void precedence() throws Exception {
        Expr e = ((Command.Filter) parse("filter a = 1 or b = 2 and not c > 3 + 4 * 5 ^ 2").commands().get(0))
                .condition();
        Expr.Binary or = (Expr.Binary) e;
        assertThat(or.op()).isEqualTo(BinaryOp.OR);
        Expr.Binary and = (Expr.Binary) or.right();
        assertThat(and.op()).isEqualTo(BinaryOp.AND);
        Expr.Unary not = (Expr.Unary) and.right();
        Expr.Binary gt = (Expr.Binary) not.operand();
        assertThat(gt.op()).isEqualTo(BinaryOp.GT);
        Expr.Binary plus = (Expr.Binary) gt.right();
        assertThat(plus.op()).isEqualTo(BinaryOp.ADD);
        Expr.Binary times = (Expr.Binary) plus.right();
        assertThat(times.op()).isEqualTo(BinaryOp.MUL);
        assertThat(((Expr.Binary) times.right()).op()).isEqualTo(BinaryOp.POW);
        Expr neg = ((Command.Fields) parse("fields -2 ^ 2 as x").commands().get(0)).items().get(0).expr();
        assertThat(((Expr.Unary) neg).op()).isEqualTo(Expr.UnaryOp.NEGATE);
        assertThat(((Expr.Binary) ((Expr.Unary) neg).operand()).op()).isEqualTo(BinaryOp.POW);
        Expr lit = ((Command.Fields) parse("fields -2 as x").commands().get(0)).items().get(0).expr();
        assertThat(((Expr.NumberLit) lit).longValue()).isEqualTo(-2);
    }

    @Test
    void matchInAndNegations() throws Exception {
        Expr.Binary e = (Expr.Binary) ((Command.Filter) parse("filter f1 like /Ex\\/c/ and f2 =~ \"sub\" and f3 not"
                + " like 'z' and f4 not in [\"a\", 1] and f5 in [2]").commands().get(0)).condition();
        Expr.Binary left = (Expr.Binary) ((Expr.Binary) ((Expr.Binary) e.left()).left()).left();
        Expr.Match like = (Expr.Match) left.left();
        assertThat(((Expr.RegexLit) like.pattern()).pattern()).isEqualTo("Ex/c");
        Expr.Match sub = (Expr.Match) left.right();
        assertThat(((Expr.StringLit) sub.pattern()).value()).isEqualTo("sub");
        Expr.Match notLike = (Expr.Match) ((Expr.Binary) ((Expr.Binary) e.left()).left()).right();
        assertThat(notLike.negated()).isTrue();
        Expr.In notIn = (Expr.In) ((Expr.Binary) e.left()).right();
        assertThat(notIn.negated()).isTrue();
        assertThat(notIn.values()).hasSize(2);
    }

    @Test
    void everyFunctionOfTheCatalogueParses() throws Exception {
        for (Functions.Function f : Functions.all()) {
            StringBuilder args = new StringBuilder();
            for (int i = 0; i < Math.max(1, f.minArgs()); i++) {
                args.append(i == 0 ? "" : ", ").append(f.name().equals("bin") ? "5m" : "x");
            }
            String call = f.name() + "(" + (f.minArgs() == 0 ? "*" : args) + ")";
            String q = f.aggregate() ? "stats " + call : "fields " + call;
            Query parsed = parse(q);
            Expr e = f.aggregate() ? ((Command.Stats) parsed.commands().get(0)).aggregates().get(0).expr()
                    : ((Command.Fields) parsed.commands().get(0)).items().get(0).expr();
            assertThat(((Expr.Call) e).function()).as(q).isEqualTo(f);
        }
        assertThat(((Expr.Call) ((Command.Fields) parse("fields ISVALIDIPV4(x)").commands().get(0)).items().get(0)
                .expr()).function().name()).isEqualTo("isValidIpV4");
    }

    @Test
    void periodsAndNumbers() throws Exception {
        Expr.Call bin = (Expr.Call) ((Command.Stats) parse("stats count() by bin(90s)").commands().get(0)).groups()
                .get(0).expr();
        Period p = ((Expr.PeriodLit) bin.args().get(0)).period();
        assertThat(p.millis()).isEqualTo(90_000);
        assertThat(Period.parse("1mo").fixed()).isFalse();
        Expr.NumberLit n = (Expr.NumberLit) ((Command.Fields) parse("fields 2.5e3 as x").commands().get(0)).items()
                .get(0).expr();
        assertThat(n.value()).isEqualTo(2500.0);
        assertThat(n.integral()).isFalse();
    }

    @Test
    void namesOfComputedColumnsFollowTheText() throws Exception {
        Command.Stats s = (Command.Stats) parse("stats avg (f1), count( * ),  pct(bytes,  95) by bin(5m)")
                .commands().get(0);
        assertThat(s.aggregates()).extracting(Command.Item::name).containsExactly("avg(f1)", "count(*)",
                "pct(bytes, 95)");
        Command.Fields f = (Command.Fields) parse("fields a * (b + c), concat(x, \"a  b\")").commands().get(0);
        assertThat(f.items()).extracting(Command.Item::name).containsExactly("a * (b + c)", "concat(x, \"a  b\")");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " ;; ", value = {
        "'' ;; 1 ;; 1 ;; the query is empty",
        "fields ;; 1 ;; 7 ;; expected a value",
        "filed srcAddr ;; 1 ;; 1 ;; unknown command 'filed'; did you mean fields or filter?",
        "fields a |\\n sort ;; 2 ;; 6 ;; expected a value",
        "filter a like /x ;; 1 ;; 15 ;; no closing /",
        "fields `abc ;; 1 ;; 8 ;; no closing backtick",
        "fields a b ;; 1 ;; 10 ;; expected | or the end of the query",
        "fields coutn(*) ;; 1 ;; 8 ;; unknown function 'coutn'; did you mean count",
        "fields abs(1, 2) ;; 1 ;; 8 ;; abs takes 1 argument, not 2",
        "stats pct(x) ;; 1 ;; 7 ;; pct takes 2 arguments, not 1",
        "limit 0 ;; 1 ;; 7 ;; limit must be at least 1",
        "limit x ;; 1 ;; 7 ;; expected a whole number after limit",
        "limit 2.5 ;; 1 ;; 7 ;; expected a whole number after limit",
        "parse @message '* *' as a ;; 1 ;; 22 ;; has 2 * but 1 name follows as",
        "parse @message 'abc' as a ;; 1 ;; 16 ;; no * to capture",
        "parse @message /abc/ ;; 1 ;; 16 ;; needs at least one named group",
        "filter x like /a(b/ ;; 1 ;; 19 ;; invalid regular expression",
        "dedup a | sort b ;; 1 ;; 11 ;; only limit may follow dedup",
        "filter a ! b ;; 1 ;; 10 ;; use != or not",
        "stats count(*) by bin(5x) ;; 1 ;; 23 ;; is neither a number nor a time period",
        "filter a in 1 ;; 1 ;; 13 ;; expected [",
        "filter a in [] ;; 1 ;; 13 ;; the list after in is empty",
        "pattern @message ;; 1 ;; 1 ;; the pattern command is not supported here",
        "fields a = /x/ ;; 1 ;; 12 ;; can only follow like or =~",
        "fields x / /y/ ;; 1 ;; 12 ;; can only follow like or =~",
        "display abs(x) ;; 1 ;; 12 ;; takes field names only",
        "fields 1abc ;; 1 ;; 8 ;; a name starting with a digit needs backticks",
        "filter and ;; 1 ;; 8 ;; keyword and",
        "stats count(*) by bin(1.5m) ;; 1 ;; 23 ;; needs a whole number",
    })
    void errorsSayWhereAndWhy(String query, int line, int column, String reason) {
        QuerySyntaxException e = error(query.replace("\\n", "\n"));
        assertThat(e).as(query).isNotNull();
        assertThat(e.line()).as("[" + query + "] " + e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("[" + query + "] " + e.getMessage()).isEqualTo(column);
        assertThat(e.reason()).contains(reason);
        assertThat(e.getMessage()).startsWith("query line " + line + ", column " + column + ": ");
    }

    @Test
    void positionsCountLinesAndColumns() {
        QuerySyntaxException e = error("fields a\n| filter b = \n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.position()).isEqualTo(23);
        QuerySyntaxException s = error("fields a\n| filter a = \"x");
        assertThat(s.line()).isEqualTo(2);
        assertThat(s.column()).isEqualTo(14);
        assertThat(s.reason()).contains("no closing \"");
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        String q = "fields " + "(".repeat(5000) + "1" + ")".repeat(5000);
        assertThat(error(q).reason()).contains("nests deeper than");
        assertThat(error("filter " + "not ".repeat(5000) + "x").reason()).contains("nests deeper than");
        assertThat(error("fields " + "-".repeat(5000) + "x").reason()).contains("nests deeper than");
    }

    @Test
    void randomInputParsesOrFailsCleanly() {
        Random r = new Random(7);
        String alphabet = "fieldsfilterstats sort limit parse display dedup by as and or not in like =~ != <= >= "
                + "()[],|*+-/^%\"'`#@.\n\t0123456789abcxyz_";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(60);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            try {
                QueryParser.parse(b.toString());
            } catch (QuerySyntaxException e) {
                assertThat(e.position()).isBetween(0, b.length());
            }
        }
    }

    @Test
    void globToRegexQuotesLiterals() {
        assertThat(QueryParser.globToRegex("[*] (*) a.b*")).isEqualTo("\\[(.*?)\\] \\((.*?)\\) a\\.b(.*)");
    }

    @Test
    void suggestionsRankCloseNames() {
        assertThat(Suggestions.closest("srcaddr", java.util.List.of("srcAddr", "dstAddr", "pktSrcAddr", "bytes"), 3))
                .startsWith("srcAddr");
        assertThat(Suggestions.closest("zzzzzz", java.util.List.of("srcAddr"), 3)).isEmpty();
    }

    @Test
    void queryHelpers() throws Exception {
        assertThat(parse("stats count(*) by bin(1h)").statsByBin()).isTrue();
        assertThat(parse("stats count(*) by srcAddr").statsByBin()).isFalse();
        assertThat(parse("fields a | limit 3 | limit 7").limit()).isEqualTo(7);
        assertThatThrownBy(() -> parse(null)).isInstanceOf(QuerySyntaxException.class);
    }
}
