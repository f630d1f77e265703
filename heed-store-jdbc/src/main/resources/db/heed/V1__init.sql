-- Heed's schema, shared by SQLite and PostgreSQL. ${seq_pk} is the one difference: an
-- auto-incrementing primary key that never reuses a value (event cursors rely on that).
-- Instants are epoch milliseconds; lists and maps are JSON text. An event's payload holds what
-- its columns do not (kind-specific fields, context) as JSON, or NULL when there is nothing.

CREATE TABLE items (
  id           VARCHAR(128) PRIMARY KEY,
  title        TEXT,
  body         TEXT,
  language     VARCHAR(32),
  categories   TEXT NOT NULL,
  tags         TEXT NOT NULL,
  author       TEXT,
  created_at   BIGINT,
  published_at BIGINT,
  expires_at   BIGINT,
  hidden       BOOLEAN NOT NULL,
  attributes   TEXT NOT NULL,
  updated_at   BIGINT NOT NULL
);

CREATE TABLE users (
  id         VARCHAR(128) PRIMARY KEY,
  attributes TEXT NOT NULL,
  consent    TEXT NOT NULL,
  created_at BIGINT,
  updated_at BIGINT NOT NULL
);

CREATE TABLE events (
  seq     ${seq_pk},
  id      VARCHAR(128) NOT NULL UNIQUE,
  kind    VARCHAR(16) NOT NULL,
  user_id VARCHAR(128) NOT NULL,
  item_id VARCHAR(128),
  ts      BIGINT NOT NULL,
  payload TEXT
);
CREATE INDEX events_by_time ON events (ts, seq);

-- Scans by user and item go through the bulk-maintained EventIndex (see EventIndex.java),
-- not through indexes on this table, which would make every append several times dearer.

CREATE TABLE api_keys (
  id          VARCHAR(64) PRIMARY KEY,
  name        TEXT NOT NULL,
  secret_hash VARCHAR(64) NOT NULL,
  scopes      TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
