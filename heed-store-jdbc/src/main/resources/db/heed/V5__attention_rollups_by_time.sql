-- The rollups clustered by time: the primary key puts bucket_start before dim_key. A roller's
-- round holds events of a few hours, so its upserts land in a few contiguous stretches of the
-- table instead of one page per key all over it (measured: docs/benchmarks.md), and a top list's
-- time range is one contiguous scan, so the separate time index of V3 goes. A key's series reads
-- its buckets by seeks (dev.heed.store.jdbc.JdbcAttentionStore#series).
--
-- Rollups are derived data: the table is made anew and the cursor set back to 0, so a server
-- rolls the event log up again from the start after this migration (docs/architecture.md).

DROP INDEX attention_rollups_by_time;
DROP TABLE attention_rollups;

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
  h00 BIGINT NOT NULL DEFAULT 0,
  h01 BIGINT NOT NULL DEFAULT 0,
  h02 BIGINT NOT NULL DEFAULT 0,
  h03 BIGINT NOT NULL DEFAULT 0,
  h04 BIGINT NOT NULL DEFAULT 0,
  h05 BIGINT NOT NULL DEFAULT 0,
  h06 BIGINT NOT NULL DEFAULT 0,
  h07 BIGINT NOT NULL DEFAULT 0,
  h08 BIGINT NOT NULL DEFAULT 0,
  h09 BIGINT NOT NULL DEFAULT 0,
  h10 BIGINT NOT NULL DEFAULT 0,
  h11 BIGINT NOT NULL DEFAULT 0,
  h12 BIGINT NOT NULL DEFAULT 0,
  h13 BIGINT NOT NULL DEFAULT 0,
  h14 BIGINT NOT NULL DEFAULT 0,
  h15 BIGINT NOT NULL DEFAULT 0,
  h16 BIGINT NOT NULL DEFAULT 0,
  h17 BIGINT NOT NULL DEFAULT 0,
  h18 BIGINT NOT NULL DEFAULT 0,
  h19 BIGINT NOT NULL DEFAULT 0,
  h20 BIGINT NOT NULL DEFAULT 0,
  h21 BIGINT NOT NULL DEFAULT 0,
  h22 BIGINT NOT NULL DEFAULT 0,
  h23 BIGINT NOT NULL DEFAULT 0,
  h24 BIGINT NOT NULL DEFAULT 0,
  h25 BIGINT NOT NULL DEFAULT 0,
  h26 BIGINT NOT NULL DEFAULT 0,
  h27 BIGINT NOT NULL DEFAULT 0,
  h28 BIGINT NOT NULL DEFAULT 0,
  h29 BIGINT NOT NULL DEFAULT 0,
  h30 BIGINT NOT NULL DEFAULT 0,
  h31 BIGINT NOT NULL DEFAULT 0,
  h32 BIGINT NOT NULL DEFAULT 0,
  h33 BIGINT NOT NULL DEFAULT 0,
  h34 BIGINT NOT NULL DEFAULT 0,
  h35 BIGINT NOT NULL DEFAULT 0,
  h36 BIGINT NOT NULL DEFAULT 0,
  h37 BIGINT NOT NULL DEFAULT 0,
  h38 BIGINT NOT NULL DEFAULT 0,
  h39 BIGINT NOT NULL DEFAULT 0,
  h40 BIGINT NOT NULL DEFAULT 0,
  h41 BIGINT NOT NULL DEFAULT 0,
  h42 BIGINT NOT NULL DEFAULT 0,
  h43 BIGINT NOT NULL DEFAULT 0,
  h44 BIGINT NOT NULL DEFAULT 0,
  h45 BIGINT NOT NULL DEFAULT 0,
  h46 BIGINT NOT NULL DEFAULT 0,
  h47 BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (dimension, scope, granularity, bucket_start, dim_key)
)${clustered};

UPDATE attention_rollup_state SET rolled_up_to = 0 WHERE id = 1;
