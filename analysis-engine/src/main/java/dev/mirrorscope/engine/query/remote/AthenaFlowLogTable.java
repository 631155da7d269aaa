package dev.mirrorscope.engine.query.remote;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The flow-log table AWS documents for Athena, with partition projection over the S3 export layout
 * {@code AWSLogs/<account>/vpcflowlogs/<region>/yyyy/MM/dd/} (partitions {@code accid}, {@code region},
 * {@code day}); columns of flow-log versions 2 to 5 in the default order of that documentation, with
 * {@code region} a partition rather than a column. Queries prune {@code day} partitions by time range.
 */
public final class AthenaFlowLogTable {
    /** Columns as flow-log field names, in table order, with the Hive type AWS documents for each. */
    public static final List<String[]> COLUMNS = List.of(
            new String[] {"version", "int"}, new String[] {"account-id", "string"},
            new String[] {"interface-id", "string"}, new String[] {"srcaddr", "string"},
            new String[] {"dstaddr", "string"}, new String[] {"srcport", "int"}, new String[] {"dstport", "int"},
            new String[] {"protocol", "bigint"}, new String[] {"packets", "bigint"}, new String[] {"bytes", "bigint"},
            new String[] {"start", "bigint"}, new String[] {"end", "bigint"}, new String[] {"action", "string"},
            new String[] {"log-status", "string"}, new String[] {"vpc-id", "string"},
            new String[] {"subnet-id", "string"}, new String[] {"instance-id", "string"},
            new String[] {"tcp-flags", "int"}, new String[] {"type", "string"}, new String[] {"pkt-srcaddr", "string"},
            new String[] {"pkt-dstaddr", "string"}, new String[] {"az-id", "string"},
            new String[] {"sublocation-type", "string"}, new String[] {"sublocation-id", "string"},
            new String[] {"pkt-src-aws-service", "string"}, new String[] {"pkt-dst-aws-service", "string"},
            new String[] {"flow-direction", "string"}, new String[] {"traffic-path", "int"});

    /** The partition columns of the documented layout; {@code region} is queryable like a field. */
    public static final List<String> PARTITIONS = List.of("accid", "region", "day");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern LOCATION = Pattern.compile("s3://[a-z0-9][a-z0-9.\\-]{1,62}(/[A-Za-z0-9!_.*()/\\-]*)?");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private AthenaFlowLogTable() {
    }

    /** Field names of the table for query translation: its columns and the {@code region} partition. */
    public static List<String> queryFields() {
        List<String> out = new java.util.ArrayList<>();
        for (String[] c : COLUMNS) {
            out.add(c[0]);
        }
        out.add("region");
        return out;
    }

    /**
     * The CREATE TABLE statement with partition projection. Inputs are checked so nothing but names,
     * account ids, regions, a date and an S3 location can reach the statement.
     *
     * @param location  the S3 prefix that holds {@code AWSLogs/}, e.g. {@code s3://my-bucket/flow-logs}
     * @param accounts  account ids to project
     * @param regions   regions to project
     * @param firstDay  first day of the projected range
     */
    public static String ddl(String table, String location, List<String> accounts, List<String> regions,
                             LocalDate firstDay) {
        if (!NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("table name '" + table + "' must be letters, digits and _");
        }
        String loc = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        if (!LOCATION.matcher(loc).matches()) {
            throw new IllegalArgumentException("location '" + location + "' must be an S3 URI like s3://bucket/prefix");
        }
        if (loc.endsWith("/AWSLogs")) {
            loc = loc.substring(0, loc.length() - "/AWSLogs".length());
        }
        if (accounts.isEmpty() || regions.isEmpty()) {
            throw new IllegalArgumentException("give at least one account id and one region to project");
        }
        for (String a : accounts) {
            if (!ACCOUNT.matcher(a).matches()) {
                throw new IllegalArgumentException("'" + a + "' is not a 12-digit account id");
            }
        }
        for (String r : regions) {
            if (!REGION.matcher(r).matches()) {
                throw new IllegalArgumentException("'" + r + "' is not a region name like us-east-1");
            }
        }
        StringBuilder b = new StringBuilder("CREATE EXTERNAL TABLE IF NOT EXISTS `").append(table).append("` (\n");
        for (int i = 0; i < COLUMNS.size(); i++) {
            b.append("  `").append(COLUMNS.get(i)[0].replace('-', '_')).append("` ").append(COLUMNS.get(i)[1])
                    .append(i == COLUMNS.size() - 1 ? "\n" : ",\n");
        }
        b.append(")\nPARTITIONED BY (`accid` string, `region` string, `day` string)\n");
        b.append("ROW FORMAT DELIMITED FIELDS TERMINATED BY ' '\n");
        b.append("LOCATION '").append(loc).append("/AWSLogs/'\n");
        b.append("TBLPROPERTIES (\n");
        b.append("  \"skip.header.line.count\" = \"1\",\n");
        b.append("  \"projection.enabled\" = \"true\",\n");
        b.append("  \"projection.accid.type\" = \"enum\",\n");
        b.append("  \"projection.accid.values\" = \"").append(String.join(",", accounts)).append("\",\n");
        b.append("  \"projection.region.type\" = \"enum\",\n");
        b.append("  \"projection.region.values\" = \"").append(String.join(",", regions)).append("\",\n");
        b.append("  \"projection.day.type\" = \"date\",\n");
        b.append("  \"projection.day.range\" = \"").append(DAY.format(firstDay)).append(",NOW\",\n");
        b.append("  \"projection.day.format\" = \"yyyy/MM/dd\",\n");
        b.append("  \"storage.location.template\" = \"").append(loc)
                .append("/AWSLogs/${accid}/vpcflowlogs/${region}/${day}\"\n");
        b.append(")");
        return b.toString();
    }

    /** The {@code day} partitions covering a time range, as a condition (our own constants only). */
    static String dayCondition(Long startMillis, Long endMillis) {
        StringBuilder b = new StringBuilder();
        if (startMillis != null) {
            b.append("\"day\" >= '").append(DAY.format(java.time.Instant.ofEpochMilli(startMillis)
                    .atZone(java.time.ZoneOffset.UTC))).append("'");
        }
        if (endMillis != null) {
            b.append(b.length() == 0 ? "" : " AND ").append("\"day\" <= '").append(DAY.format(java.time.Instant
                    .ofEpochMilli(endMillis).atZone(java.time.ZoneOffset.UTC))).append("'");
        }
        return b.toString();
    }
}
