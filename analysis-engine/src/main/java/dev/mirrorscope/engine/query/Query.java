package dev.mirrorscope.engine.query;

import java.util.List;

/** A parsed query: its text and its commands in order. */
public record Query(String text, List<Command> commands) {
    public Query {
        commands = List.copyOf(commands);
    }

    /** Parses {@code text}; see {@link QueryParser}. */
    public static Query parse(String text) throws QuerySyntaxException {
        return QueryParser.parse(text);
    }

    /** True when the query's last {@code stats} groups by a {@code bin(...)} (its results are a time series). */
    public boolean statsByBin() {
        Command.Stats last = null;
        for (Command c : commands) {
            if (c instanceof Command.Stats s) {
                last = s;
            }
        }
        if (last == null) {
            return false;
        }
        for (Command.Item g : last.groups()) {
            if (g.expr() instanceof Expr.Call call && call.function().name().equals("bin")) {
                return true;
            }
        }
        return false;
    }

    /** The limit of the last {@code limit} command, or -1. */
    public long limit() {
        long n = -1;
        for (Command c : commands) {
            if (c instanceof Command.Limit l) {
                n = l.count();
            }
        }
        return n;
    }
}
