-- The rollups clustered by time: the primary key puts bucket_start before dim_key. A roller's
-- round holds events of a few hours, so its upserts land in a few stretches of the key instead of
-- one page per key all over it, and a top list's time range is one contiguous stretch, so the
-- separate time index of V3 goes. A key's series reads its buckets by seeks
-- (dev.heed.store.jdbc.JdbcAttentionStore#series). Histogram columns default to 0, so rows
-- without dwells are upserted with their seven counts only.
--
-- The rows are copied and the cursor stays: nothing is rolled up again. The new table is made
-- under its own name and renamed at the end, so its primary key's name (PostgreSQL) never clashes
-- with the old one's.

CREATE TABLE attention_rollups_v5 (
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

INSERT INTO attention_rollups_v5 (
  dimension, scope, granularity, dim_key, bucket_start, impressions, clicks, dwells, dwell_ms, completes, shares, likes,
  h00, h01, h02, h03, h04, h05, h06, h07, h08, h09, h10, h11,
  h12, h13, h14, h15, h16, h17, h18, h19, h20, h21, h22, h23,
  h24, h25, h26, h27, h28, h29, h30, h31, h32, h33, h34, h35,
  h36, h37, h38, h39, h40, h41, h42, h43, h44, h45, h46, h47)
SELECT
  dimension, scope, granularity, dim_key, bucket_start, impressions, clicks, dwells, dwell_ms, completes, shares, likes,
  h00, h01, h02, h03, h04, h05, h06, h07, h08, h09, h10, h11,
  h12, h13, h14, h15, h16, h17, h18, h19, h20, h21, h22, h23,
  h24, h25, h26, h27, h28, h29, h30, h31, h32, h33, h34, h35,
  h36, h37, h38, h39, h40, h41, h42, h43, h44, h45, h46, h47
FROM attention_rollups;

DROP INDEX attention_rollups_by_time;
DROP TABLE attention_rollups;
ALTER TABLE attention_rollups_v5 RENAME TO attention_rollups;
