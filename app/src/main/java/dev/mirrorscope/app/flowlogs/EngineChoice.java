package dev.mirrorscope.app.flowlogs;

/** Where the console runs a query. */
public enum EngineChoice {
    /** This machine, over the session's flow logs (DuckDB), without a row cap. */
    LOCAL,
    /** CloudWatch Logs Insights over the chosen log groups and time range (at most 10,000 rows). */
    CLOUDWATCH,
    /** Athena over the documented flow-log table. */
    ATHENA
}
