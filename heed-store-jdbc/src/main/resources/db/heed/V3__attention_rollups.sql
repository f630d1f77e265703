-- Attention rollups: per dimension value, scope and UTC time bucket, sums of what events did
-- (see dev.heed.core.attention.RollupDeltas). Derived data: kept from the event log behind the
-- cursor in attention_rollup_state, which moves in the same transaction as the sums, and rebuilt
-- from the log by `heed rollups rebuild`.
--
-- dimension: item, creator, category, topic or all; scope: '' (every event) or a category (events
-- on that category's items); granularity: hour or day; bucket_start: epoch ms of the bucket.
-- h00..h47 count dwell events per log-spaced dwell-time bucket (DwellHistogram). The
-- "clustered" placeholder keeps rows in primary-key order on SQLite (WITHOUT ROWID) and is empty on PostgreSQL.

CREATE TABLE attention_rollups (
  dimension    VARCHAR(16) NOT NULL,
  scope        TEXT NOT NULL,
  granularity  VARCHAR(8) NOT NULL,
  dim_key      TEXT NOT NULL,
  bucket_start BIGINT NOT NULL,
  impressions  BIGINT NOT NULL,
  clicks       BIGINT NOT NULL,
  dwells       BIGINT NOT NULL,
  dwell_ms     BIGINT NOT NULL,
  completes    BIGINT NOT NULL,
  shares       BIGINT NOT NULL,
  likes        BIGINT NOT NULL,
  h00 BIGINT NOT NULL,
  h01 BIGINT NOT NULL,
  h02 BIGINT NOT NULL,
  h03 BIGINT NOT NULL,
  h04 BIGINT NOT NULL,
  h05 BIGINT NOT NULL,
  h06 BIGINT NOT NULL,
  h07 BIGINT NOT NULL,
  h08 BIGINT NOT NULL,
  h09 BIGINT NOT NULL,
  h10 BIGINT NOT NULL,
  h11 BIGINT NOT NULL,
  h12 BIGINT NOT NULL,
  h13 BIGINT NOT NULL,
  h14 BIGINT NOT NULL,
  h15 BIGINT NOT NULL,
  h16 BIGINT NOT NULL,
  h17 BIGINT NOT NULL,
  h18 BIGINT NOT NULL,
  h19 BIGINT NOT NULL,
  h20 BIGINT NOT NULL,
  h21 BIGINT NOT NULL,
  h22 BIGINT NOT NULL,
  h23 BIGINT NOT NULL,
  h24 BIGINT NOT NULL,
  h25 BIGINT NOT NULL,
  h26 BIGINT NOT NULL,
  h27 BIGINT NOT NULL,
  h28 BIGINT NOT NULL,
  h29 BIGINT NOT NULL,
  h30 BIGINT NOT NULL,
  h31 BIGINT NOT NULL,
  h32 BIGINT NOT NULL,
  h33 BIGINT NOT NULL,
  h34 BIGINT NOT NULL,
  h35 BIGINT NOT NULL,
  h36 BIGINT NOT NULL,
  h37 BIGINT NOT NULL,
  h38 BIGINT NOT NULL,
  h39 BIGINT NOT NULL,
  h40 BIGINT NOT NULL,
  h41 BIGINT NOT NULL,
  h42 BIGINT NOT NULL,
  h43 BIGINT NOT NULL,
  h44 BIGINT NOT NULL,
  h45 BIGINT NOT NULL,
  h46 BIGINT NOT NULL,
  h47 BIGINT NOT NULL,
  PRIMARY KEY (dimension, scope, granularity, dim_key, bucket_start)
)${clustered};

-- Top lists read one dimension and scope over a time range, for every key.
CREATE INDEX attention_rollups_by_time
  ON attention_rollups (dimension, scope, granularity, bucket_start);

CREATE TABLE attention_rollup_state (
  id           INTEGER PRIMARY KEY,
  rolled_up_to BIGINT NOT NULL
);
INSERT INTO attention_rollup_state (id, rolled_up_to) VALUES (1, 0);
