package dev.mirrorscope.engine.query;

import dev.mirrorscope.engine.query.Command.Item;
import dev.mirrorscope.engine.query.Expr.BinaryOp;
import dev.mirrorscope.engine.query.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive-descent parser for CloudWatch Logs Insights queries: commands joined by {@code |},
 * {@code #} comments, backticked names, {@code as} aliases. Checks syntax, function names and arity;
 * fields are checked later against the data ({@link SqlTranslator}).
 *
 * <p>Operator precedence, loosest first: {@code or}, {@code and}, {@code not}, comparisons
 * ({@code = != < <= > >= like =~ in, not in, not like}), {@code + -}, {@code * / %}, unary minus,
 * {@code ^} (right-associative).
 */
public final class QueryParser {
    /** Deeper nesting than this is refused rather than risking the stack on hostile input. */
    static final int MAX_DEPTH = 200;

    static final List<String> COMMANDS = List.of("fields", "filter", "stats", "sort", "limit", "parse", "display",
            "dedup");
    private static final List<String> UNSUPPORTED = List.of("pattern", "diff", "anomaly", "unmask", "filterIndex",
            "unnest", "lookup", "join", "addtotals", "source", "head", "tail");

    private final String text;
    private final QueryLexer lexer;
    private int depth;

    private QueryParser(String text) throws QuerySyntaxException {
        this.text = text;
        this.lexer = new QueryLexer(text);
    }

    public static Query parse(String text) throws QuerySyntaxException {
        if (text == null) {
            text = "";
        }
        QueryParser p = new QueryParser(text);
        return new Query(text, p.query());
    }

    private QuerySyntaxException error(int pos, String reason) {
        return new QuerySyntaxException(text, pos, reason);
    }

    private QuerySyntaxException unexpected(Token t, String expected) {
        return error(t.start(), "expected " + expected + " but found " + t.describe());
    }

    private List<Command> query() throws QuerySyntaxException {
        List<Command> commands = new ArrayList<>();
        if (lexer.peek().kind() == Kind.EOF) {
            throw error(0, "the query is empty; start with a command such as fields, filter or stats");
        }
        while (true) {
            Command c = command();
            if (!commands.isEmpty() && commands.get(commands.size() - 1) instanceof Command.Dedup
                    && !(c instanceof Command.Limit)) {
                throw error(c.start(), "only limit may follow dedup");
            }
            commands.add(c);
            Token t = lexer.next();
            if (t.kind() == Kind.EOF) {
                return commands;
            }
            if (t.kind() != Kind.PIPE) {
                throw unexpected(t, "| or the end of the query");
            }
        }
    }

    private Command command() throws QuerySyntaxException {
        Token t = lexer.next();
        if (t.kind() != Kind.IDENT) {
            throw unexpected(t, "a command (" + String.join(", ", COMMANDS) + ")");
        }
        String word = t.value().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "fields" -> new Command.Fields(items(t, false), t.start(), lastEnd);
            case "display" -> display(t);
            case "filter" -> {
                Expr e = expr();
                yield new Command.Filter(e, t.start(), e.end());
            }
            case "stats" -> stats(t);
            case "sort" -> sort(t);
            case "limit" -> limit(t);
            case "parse" -> parseCommand(t);
            case "dedup" -> dedup(t);
            default -> {
                for (String u : UNSUPPORTED) {
                    if (u.equalsIgnoreCase(word)) {
                        throw error(t.start(), "the " + u + " command is not supported here; supported commands are "
                                + String.join(", ", COMMANDS));
                    }
                }
                throw error(t.start(), "unknown command '" + t.value() + "'" + Suggestions.didYouMean(t.value(),
                        COMMANDS));
            }
        };
    }

    private int lastEnd;

    private List<Item> items(Token command, boolean forStats) throws QuerySyntaxException {
        List<Item> items = new ArrayList<>();
        do {
            Expr e = expr();
            int end = e.end();
            String name;
            boolean aliased = false;
            if (lexer.peek().isWord("as")) {
                lexer.next();
                Token n = name("a name after as");
                name = n.value();
                end = n.end();
                aliased = true;
            } else if (e instanceof Expr.Field f) {
                name = f.name();
            } else {
                name = normalizedText(e.start(), e.end());
            }
            items.add(new Item(e, name, aliased, e.start(), end));
            lastEnd = end;
        } while (acceptComma() && !(forStats && lexer.peek().isWord("by")));
        if (items.isEmpty()) {
            throw unexpected(lexer.peek(), "an expression after " + command.value());
        }
        return items;
    }

    private boolean acceptComma() throws QuerySyntaxException {
        if (lexer.peek().kind() == Kind.COMMA) {
            lexer.next();
            return true;
        }
        return false;
    }

    private Token name(String what) throws QuerySyntaxException {
        Token t = lexer.next();
        if (t.kind() != Kind.IDENT && t.kind() != Kind.QUOTED_IDENT) {
            throw unexpected(t, what);
        }
        return t;
    }

    private Command display(Token t) throws QuerySyntaxException {
        List<Expr.Field> fields = fieldList("a field name after display");
        return new Command.Display(fields, t.start(), fields.get(fields.size() - 1).end());
    }

    private Command dedup(Token t) throws QuerySyntaxException {
        List<Expr.Field> fields = fieldList("a field name after dedup");
        return new Command.Dedup(fields, t.start(), fields.get(fields.size() - 1).end());
    }

    private List<Expr.Field> fieldList(String what) throws QuerySyntaxException {
        List<Expr.Field> fields = new ArrayList<>();
        do {
            Token n = name(what);
            if (lexer.peek().kind() == Kind.LPAREN || lexer.peek().isWord("as")) {
                throw error(lexer.peek().start(), "this command takes field names only; compute values with"
                        + " fields ... as name first");
            }
            fields.add(new Expr.Field(n.value(), n.start(), n.end()));
        } while (acceptComma());
        return fields;
    }

    private Command stats(Token t) throws QuerySyntaxException {
        List<Item> aggregates = items(t, true);
        List<Item> groups = List.of();
        int end = lastEnd;
        if (lexer.peek().isWord("by")) {
            lexer.next();
            groups = items(t, false);
            end = lastEnd;
        }
        return new Command.Stats(aggregates, groups, t.start(), end);
    }

    private Command sort(Token t) throws QuerySyntaxException {
        List<Command.SortKey> keys = new ArrayList<>();
        int end;
        do {
            Expr e = expr();
            boolean desc = false;
            end = e.end();
            Token d = lexer.peek();
            if (d.isWord("desc") || d.isWord("asc")) {
                lexer.next();
                desc = d.isWord("desc");
                end = d.end();
            }
            keys.add(new Command.SortKey(e, desc, e.start(), end));
        } while (acceptComma());
        return new Command.Sort(keys, t.start(), end);
    }

    private Command limit(Token t) throws QuerySyntaxException {
        Token n = lexer.next();
        if (n.kind() != Kind.NUMBER || n.value().contains(".") || n.value().toLowerCase(Locale.ROOT).contains("e")) {
            throw unexpected(n, "a whole number after limit");
        }
        long count;
        try {
            count = Long.parseLong(n.value());
        } catch (NumberFormatException e) {
            throw error(n.start(), "the limit " + n.value() + " is too large");
        }
        if (count < 1) {
            throw error(n.start(), "limit must be at least 1");
        }
        return new Command.Limit(count, t.start(), n.end());
    }

    private Command parseCommand(Token t) throws QuerySyntaxException {
        Token next = lexer.peek();
        Expr source;
        if (next.kind() == Kind.STRING || next.kind() == Kind.SLASH) {
            source = new Expr.Field("@message", t.start(), t.end());
        } else {
            Token n = name("a field to parse, or the pattern");
            source = new Expr.Field(n.value(), n.start(), n.end());
        }
        Token p = lexer.next();
        if (p.kind() == Kind.SLASH) {
            p = lexer.regexAt(p);
            checkRegex(p);
            List<RegexGroups.Named> named = RegexGroups.named(p.value());
            if (named.isEmpty()) {
                throw error(p.start(), "the regular expression needs at least one named group such as (?<name>...)"
                        + " to create fields");
            }
            List<String> names = new ArrayList<>();
            for (RegexGroups.Named g : named) {
                if (names.contains(g.name())) {
                    throw error(p.start(), "the group name " + g.name() + " appears twice");
                }
                names.add(g.name());
            }
            return new Command.Parse(source, false, p.value(), p.value(), names, p.start(), t.start(), p.end());
        }
        if (p.kind() != Kind.STRING) {
            throw unexpected(p, "a glob pattern in quotes or a /regular expression/");
        }
        int stars = 0;
        for (int i = 0; i < p.value().length(); i++) {
            if (p.value().charAt(i) == '*') {
                stars++;
            }
        }
        if (stars == 0) {
            throw error(p.start(), "the glob pattern has no * to capture");
        }
        Token as = lexer.next();
        if (!as.isWord("as")) {
            throw unexpected(as, "as and " + stars + " field name" + (stars == 1 ? "" : "s"));
        }
        List<String> names = new ArrayList<>();
        int end;
        do {
            Token n = name("a field name");
            names.add(n.value());
            end = n.end();
        } while (acceptComma());
        if (names.size() != stars) {
            throw error(as.start(), "the glob pattern has " + stars + " * but " + names.size() + " name"
                    + (names.size() == 1 ? " follows" : "s follow") + " as");
        }
        return new Command.Parse(source, true, p.value(), globToRegex(p.value()), names, p.start(), t.start(), end);
    }

    /** Literal text matched as is; each {@code *} captures as little as possible, the last one the rest. */
    static String globToRegex(String glob) {
        StringBuilder b = new StringBuilder();
        int last = glob.lastIndexOf('*');
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                b.append(i == last ? "(.*)" : "(.*?)");
            } else if (Character.isLetterOrDigit(c) || c == ' ' || c > 127) {
                b.append(c);
            } else {
                b.append('\\').append(c);
            }
        }
        return b.toString();
    }

    private void checkRegex(Token t) throws QuerySyntaxException {
        PatternSyntaxException e = RegexGroups.check(t.value());
        if (e != null) {
            int at = t.start() + 1 + Math.max(0, Math.min(e.getIndex(), t.value().length()));
            throw error(at, "invalid regular expression: " + e.getDescription());
        }
    }

    // Expressions

    private Expr expr() throws QuerySyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error(lexer.peek().start(), "the expression nests deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return or();
        } finally {
            depth--;
        }
    }

    private Expr or() throws QuerySyntaxException {
        Expr left = and();
        while (lexer.peek().isWord("or")) {
            lexer.next();
            Expr right = and();
            left = new Expr.Binary(BinaryOp.OR, left, right, left.start(), right.end());
        }
        return left;
    }

    private Expr and() throws QuerySyntaxException {
        Expr left = not();
        while (lexer.peek().isWord("and")) {
            lexer.next();
            Expr right = not();
            left = new Expr.Binary(BinaryOp.AND, left, right, left.start(), right.end());
        }
        return left;
    }

    private Expr not() throws QuerySyntaxException {
        Token t = lexer.peek();
        if (t.isWord("not")) {
            lexer.next();
            if (++depth > MAX_DEPTH) {
                throw error(t.start(), "the expression nests deeper than " + MAX_DEPTH + " levels");
            }
            try {
                Expr operand = not();
                return new Expr.Unary(Expr.UnaryOp.NOT, operand, t.start(), operand.end());
            } finally {
                depth--;
            }
        }
        return comparison();
    }

    private Expr comparison() throws QuerySyntaxException {
        Expr left = additive();
        Token t = lexer.peek();
        BinaryOp op = switch (t.kind()) {
            case EQ -> BinaryOp.EQ;
            case NE -> BinaryOp.NE;
            case LT -> BinaryOp.LT;
            case LE -> BinaryOp.LE;
            case GT -> BinaryOp.GT;
            case GE -> BinaryOp.GE;
            default -> null;
        };
        if (op != null) {
            lexer.next();
            Expr right = additive();
            return new Expr.Binary(op, left, right, left.start(), right.end());
        }
        if (t.kind() == Kind.MATCH || t.isWord("like")) {
            lexer.next();
            return match(left, false);
        }
        if (t.isWord("in")) {
            lexer.next();
            return in(left, false);
        }
        if (t.isWord("not")) {
            lexer.next();
            Token n = lexer.next();
            if (n.isWord("like")) {
                return match(left, true);
            }
            if (n.isWord("in")) {
                return in(left, true);
            }
            throw unexpected(n, "like or in after not");
        }
        return left;
    }

    private Expr match(Expr subject, boolean negated) throws QuerySyntaxException {
        Token t = lexer.next();
        Expr pattern;
        if (t.kind() == Kind.SLASH) {
            t = lexer.regexAt(t);
            checkRegex(t);
            pattern = new Expr.RegexLit(t.value(), t.start(), t.end());
        } else if (t.kind() == Kind.STRING) {
            pattern = new Expr.StringLit(t.value(), t.start(), t.end());
        } else {
            throw unexpected(t, "a \"substring\" or a /regular expression/");
        }
        return new Expr.Match(subject, pattern, negated, subject.start(), pattern.end());
    }

    private Expr in(Expr subject, boolean negated) throws QuerySyntaxException {
        Token open = lexer.next();
        if (open.kind() != Kind.LBRACKET) {
            throw unexpected(open, "[ to start the list of values");
        }
        List<Expr> values = new ArrayList<>();
        if (lexer.peek().kind() != Kind.RBRACKET) {
            do {
                values.add(additive());
            } while (acceptComma());
        }
        Token close = lexer.next();
        if (close.kind() != Kind.RBRACKET) {
            throw unexpected(close, ", or ] in the list");
        }
        if (values.isEmpty()) {
            throw error(open.start(), "the list after in is empty");
        }
        return new Expr.In(subject, values, negated, subject.start(), close.end());
    }

    private Expr additive() throws QuerySyntaxException {
        Expr left = multiplicative();
        while (true) {
            Token t = lexer.peek();
            BinaryOp op = t.kind() == Kind.PLUS ? BinaryOp.ADD : t.kind() == Kind.MINUS ? BinaryOp.SUB : null;
            if (op == null) {
                return left;
            }
            lexer.next();
            Expr right = multiplicative();
            left = new Expr.Binary(op, left, right, left.start(), right.end());
        }
    }

    private Expr multiplicative() throws QuerySyntaxException {
        Expr left = unary();
        while (true) {
            Token t = lexer.peek();
            BinaryOp op = switch (t.kind()) {
                case STAR -> BinaryOp.MUL;
                case SLASH -> BinaryOp.DIV;
                case PERCENT -> BinaryOp.MOD;
                default -> null;
            };
            if (op == null) {
                return left;
            }
            lexer.next();
            Expr right = unary();
            left = new Expr.Binary(op, left, right, left.start(), right.end());
        }
    }

    private Expr unary() throws QuerySyntaxException {
        Token t = lexer.peek();
        if (t.kind() == Kind.MINUS) {
            lexer.next();
            if (++depth > MAX_DEPTH) {
                throw error(t.start(), "the expression nests deeper than " + MAX_DEPTH + " levels");
            }
            try {
                Expr operand = unary();
                if (operand instanceof Expr.NumberLit n) {
                    return new Expr.NumberLit(-n.value(), -n.longValue(), n.integral(), t.start(), n.end());
                }
                return new Expr.Unary(Expr.UnaryOp.NEGATE, operand, t.start(), operand.end());
            } finally {
                depth--;
            }
        }
        return power();
    }

    private Expr power() throws QuerySyntaxException {
        Expr base = primary();
        if (lexer.peek().kind() == Kind.CARET) {
            lexer.next();
            Expr exponent = unary();
            return new Expr.Binary(BinaryOp.POW, base, exponent, base.start(), exponent.end());
        }
        return base;
    }

    private Expr primary() throws QuerySyntaxException {
        Token t = lexer.next();
        switch (t.kind()) {
            case NUMBER:
                return number(t);
            case STRING:
                return new Expr.StringLit(t.value(), t.start(), t.end());
            case PERIOD:
                return new Expr.PeriodLit(Period.parse(t.value()), t.start(), t.end());
            case QUOTED_IDENT:
                return new Expr.Field(t.value(), t.start(), t.end());
            case LPAREN: {
                Expr inner = expr();
                Token close = lexer.next();
                if (close.kind() != Kind.RPAREN) {
                    throw unexpected(close, ")");
                }
                return withRange(inner, t.start(), close.end());
            }
            case SLASH:
                throw error(t.start(), "a /regular expression/ can only follow like or =~");
            case IDENT:
                if (lexer.peek().kind() == Kind.LPAREN) {
                    return call(t);
                }
                for (String kw : List.of("and", "or", "not", "in", "like", "as", "by", "asc", "desc")) {
                    if (t.isWord(kw)) {
                        throw error(t.start(), "expected a value but found the keyword " + t.value()
                                + " (put a field of that name in backticks)");
                    }
                }
                return new Expr.Field(t.value(), t.start(), t.end());
            default:
                throw unexpected(t, "a value, field or function");
        }
    }

    /** The same expression spanning its parentheses, so names and positions cover what was written. */
    private static Expr withRange(Expr e, int start, int end) {
        if (e instanceof Expr.Field f) {
            return new Expr.Field(f.name(), start, end);
        } else if (e instanceof Expr.NumberLit n) {
            return new Expr.NumberLit(n.value(), n.longValue(), n.integral(), start, end);
        } else if (e instanceof Expr.StringLit s) {
            return new Expr.StringLit(s.value(), start, end);
        } else if (e instanceof Expr.RegexLit r) {
            return new Expr.RegexLit(r.pattern(), start, end);
        } else if (e instanceof Expr.PeriodLit p) {
            return new Expr.PeriodLit(p.period(), start, end);
        } else if (e instanceof Expr.Star) {
            return new Expr.Star(start, end);
        } else if (e instanceof Expr.Call c) {
            return new Expr.Call(c.function(), c.args(), start, end);
        } else if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), u.operand(), start, end);
        } else if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), b.left(), b.right(), start, end);
        } else if (e instanceof Expr.Match m) {
            return new Expr.Match(m.subject(), m.pattern(), m.negated(), start, end);
        }
        Expr.In in = (Expr.In) e;
        return new Expr.In(in.subject(), in.values(), in.negated(), start, end);
    }

    private Expr number(Token t) throws QuerySyntaxException {
        String s = t.value();
        boolean integral = !s.contains(".") && !s.toLowerCase(Locale.ROOT).contains("e");
        if (integral) {
            try {
                long v = Long.parseLong(s);
                return new Expr.NumberLit(v, v, true, t.start(), t.end());
            } catch (NumberFormatException e) {
                integral = false;
            }
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw error(t.start(), "the number " + s + " is too large");
        }
        return new Expr.NumberLit(d, (long) d, false, t.start(), t.end());
    }

    private Expr call(Token name) throws QuerySyntaxException {
        Functions.Function f = Functions.find(name.value());
        if (f == null) {
            throw error(name.start(), "unknown function '" + name.value() + "'"
                    + Suggestions.didYouMean(name.value(), Functions.names()));
        }
        lexer.next();
        List<Expr> args = new ArrayList<>();
        Token close;
        if (lexer.peek().kind() == Kind.RPAREN) {
            close = lexer.next();
        } else if (f.name().equals("count") && lexer.peek().kind() == Kind.STAR) {
            Token star = lexer.next();
            args.add(new Expr.Star(star.start(), star.end()));
            close = lexer.next();
        } else {
            do {
                args.add(expr());
            } while (acceptComma());
            close = lexer.next();
        }
        if (close.kind() != Kind.RPAREN) {
            throw unexpected(close, ", or ) in the call of " + f.name());
        }
        if (args.size() < f.minArgs() || (f.maxArgs() >= 0 && args.size() > f.maxArgs())) {
            throw error(name.start(), f.name() + " takes " + arity(f) + ", not " + args.size() + ": " + f.signature());
        }
        return new Expr.Call(f, args, name.start(), close.end());
    }

    private static String arity(Functions.Function f) {
        if (f.maxArgs() < 0) {
            return "at least " + f.minArgs() + " argument" + (f.minArgs() == 1 ? "" : "s");
        }
        if (f.minArgs() == f.maxArgs()) {
            return f.minArgs() + " argument" + (f.minArgs() == 1 ? "" : "s");
        }
        return f.minArgs() + " to " + f.maxArgs() + " arguments";
    }

    /**
     * The expression's text as its column name: comments dropped, white space collapsed, and none
     * just inside parentheses or before an opening one ({@code avg (x)} is named {@code avg(x)}).
     */
    String normalizedText(int start, int end) {
        return normalize(text, start, end);
    }

    /** {@link #normalizedText} of any query text. */
    static String normalize(String text, int start, int end) {
        StringBuilder b = new StringBuilder();
        boolean space = false;
        char quote = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                b.append(c);
                if (c == '\\' && i + 1 < end) {
                    b.append(text.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                if (space && b.length() > 0 && b.charAt(b.length() - 1) != '(') {
                    b.append(' ');
                }
                space = false;
                quote = c;
                b.append(c);
                continue;
            }
            if (c == '#') {
                while (i + 1 < end && text.charAt(i + 1) != '\n') {
                    i++;
                }
                space = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && b.length() > 0 && c != ')' && c != ',' && b.charAt(b.length() - 1) != '('
                    && !(c == '(' && QueryLexer.isIdentPart(b.charAt(b.length() - 1)))) {
                b.append(' ');
            }
            space = false;
            b.append(c);
        }
        return b.toString();
    }
}
