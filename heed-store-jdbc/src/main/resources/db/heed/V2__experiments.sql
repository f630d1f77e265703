-- Experiment definitions (A/B tests). The definition is the JSON of ExperimentCodec (variants,
-- weights, salt, control, metric, guardrails, status, createdAt); created_at repeats createdAt as
-- epoch milliseconds. Plain types only, so SQLite and PostgreSQL run this file unchanged.

CREATE TABLE experiments (
  id         VARCHAR(128) PRIMARY KEY,
  definition TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
