-- Session store schema, version 1. One file per migration, applied in order, recorded in schema_version.
CREATE TABLE captures (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    content_hash  VARCHAR(64),
    quick_key     VARCHAR(64)  NOT NULL,
    path          VARCHAR(4096) NOT NULL,
    file_size     BIGINT       NOT NULL,
    format        VARCHAR(16)  NOT NULL,
    gzip          BOOLEAN      NOT NULL,
    link_types    VARCHAR(256) NOT NULL,
    first_no      BIGINT       NOT NULL,
    packets       BIGINT       NOT NULL DEFAULT 0,
    bytes         BIGINT       NOT NULL DEFAULT 0,
    malformed     BIGINT       NOT NULL DEFAULT 0,
    flows         BIGINT       NOT NULL DEFAULT 0,
    first_ts_ns   BIGINT,
    last_ts_ns    BIGINT,
    stop_reason   VARCHAR(1024),
    state         VARCHAR(16)  NOT NULL,
    index_file    VARCHAR(256) NOT NULL,
    data_file     VARCHAR(256),
    ingested_at   TIMESTAMP    NOT NULL
);
CREATE INDEX captures_hash ON captures(content_hash);
CREATE INDEX captures_quick ON captures(quick_key);

-- The packet index proper lives in append-only files (index_file); this catalogues them.
CREATE TABLE packet_index (
    capture_id    BIGINT  NOT NULL PRIMARY KEY REFERENCES captures(id) ON DELETE CASCADE,
    file          VARCHAR(256) NOT NULL,
    record_size   INT     NOT NULL,
    records       BIGINT  NOT NULL
);

-- Flows live in append-only files of fixed records (one per fragment: a flow that left memory and
-- came back has two, merged when read, see FlowStore); this catalogues them.
CREATE TABLE flow_index (
    capture_id    BIGINT  NOT NULL PRIMARY KEY REFERENCES captures(id) ON DELETE CASCADE,
    file          VARCHAR(256) NOT NULL,
    record_size   INT     NOT NULL,
    fragments     BIGINT  NOT NULL,
    flows         BIGINT  NOT NULL
);

-- Per-interval counts behind the charts. dim: total, dir (ab/ba), proto, vni, port, host.
CREATE TABLE rollups (
    capture_id    BIGINT  NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
    interval_ns   BIGINT  NOT NULL,
    start_ns      BIGINT  NOT NULL,
    dim           VARCHAR(8)  NOT NULL,
    dim_key       VARCHAR(64) NOT NULL,
    packets       BIGINT  NOT NULL,
    bytes         BIGINT  NOT NULL,
    PRIMARY KEY (capture_id, interval_ns, start_ns, dim, dim_key)
);

CREATE TABLE anomalies (
    capture_id    BIGINT  NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
    name          VARCHAR(64) NOT NULL,
    packets       BIGINT  NOT NULL,
    first_index   BIGINT  NOT NULL,
    PRIMARY KEY (capture_id, name)
);
