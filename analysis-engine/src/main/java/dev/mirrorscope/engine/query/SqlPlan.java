package dev.mirrorscope.engine.query;

import java.util.List;

/**
 * A query translated to SQL: the statement, its bound parameters in order ({@code $1}, {@code $2}, ...;
 * empty for dialects that take none), the result columns, and the regular expressions it uses with
 * their position in the query (so an engine that rejects one can say where it was written).
 */
public record SqlPlan(String sql, List<Object> parameters, List<OutputColumn> columns, List<RegexUse> regexes) {
    public record RegexUse(String pattern, int position) {
    }

    public SqlPlan {
        parameters = List.copyOf(parameters);
        columns = List.copyOf(columns);
        regexes = List.copyOf(regexes);
    }
}
