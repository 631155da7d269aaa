package dev.mirrorscope.engine.query;

import java.util.List;

/** An expression of the query language, with its [start, end) range in the query text. */
public sealed interface Expr {
    int start();

    int end();

    /** A field (log field, alias or generated field such as {@code @timestamp}). */
    record Field(String name, int start, int end) implements Expr {
    }

    /** A number literal; {@code integral} when written without fraction or exponent and fits a long. */
    record NumberLit(double value, long longValue, boolean integral, int start, int end) implements Expr {
    }

    record StringLit(String value, int start, int end) implements Expr {
    }

    /** A {@code /regular expression/} as written between the slashes ({@code \/} already unescaped). */
    record RegexLit(String pattern, int start, int end) implements Expr {
    }

    record PeriodLit(Period period, int start, int end) implements Expr {
    }

    /** The {@code *} of {@code count(*)}. */
    record Star(int start, int end) implements Expr {
    }

    /** A function call; {@code function} is the catalogue entry, {@code args} as written. */
    record Call(Functions.Function function, List<Expr> args, int start, int end) implements Expr {
    }

    record Unary(UnaryOp op, Expr operand, int start, int end) implements Expr {
    }

    record Binary(BinaryOp op, Expr left, Expr right, int start, int end) implements Expr {
    }

    /** {@code like} / {@code =~}: a substring when {@code pattern} is a string, else a regular expression. */
    record Match(Expr subject, Expr pattern, boolean negated, int start, int end) implements Expr {
    }

    /** {@code in [..]} and {@code not in [..]}: whole-value membership. */
    record In(Expr subject, List<Expr> values, boolean negated, int start, int end) implements Expr {
    }

    enum UnaryOp { NEGATE, NOT }

    enum BinaryOp {
        OR("or"), AND("and"), EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), POW("^");

        final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        boolean comparison() {
            return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
        }

        boolean arithmetic() {
            return this == ADD || this == SUB || this == MUL || this == DIV || this == MOD || this == POW;
        }
    }
}
