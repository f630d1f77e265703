-- Opinion monitor (dev.heed.server.monitor.MonitorEngine): hourly document and negative counts per
-- topic, the alerts raised (one per topic, kind and hour), and the cursor of the review events
-- already counted, which moves in the same transaction as their counts.
--
-- hour: hours since the epoch, UTC. raised_at: epoch ms. seq orders alerts by raising.

CREATE TABLE monitor_topic_hours (
  topic     TEXT NOT NULL,
  hour      BIGINT NOT NULL,
  documents BIGINT NOT NULL,
  negative  BIGINT NOT NULL,
  PRIMARY KEY (hour, topic)
)${clustered};

CREATE TABLE monitor_alerts (
  seq       ${seq_pk},
  topic     TEXT NOT NULL,
  kind      VARCHAR(32) NOT NULL,
  hour      BIGINT NOT NULL,
  value     DOUBLE PRECISION NOT NULL,
  baseline  DOUBLE PRECISION NOT NULL,
  threshold DOUBLE PRECISION NOT NULL,
  raised_at BIGINT NOT NULL,
  delivery  VARCHAR(16) NOT NULL,
  UNIQUE (topic, kind, hour)
);

CREATE TABLE monitor_state (
  id          INTEGER PRIMARY KEY,
  reviewed_to BIGINT NOT NULL
);
INSERT INTO monitor_state (id, reviewed_to) VALUES (1, 0);
