package dev.heed.store.jdbc;

/** What differs between the SQL databases Heed runs on; everything else is shared. */
enum Dialect {
  SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", " WITHOUT ROWID"),
  POSTGRESQL("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "");

  /** The column type of an auto-incrementing key that never reuses a value. */
  final String seqPrimaryKey;

  /** What follows CREATE TABLE (...) to store a table's rows in primary-key order. */
  final String clustered;

  Dialect(String seqPrimaryKey, String clustered) {
    this.seqPrimaryKey = seqPrimaryKey;
    this.clustered = clustered;
  }

  static Dialect of(String url) {
    if (url.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("not a SQLite or PostgreSQL JDBC URL: " + url);
  }
}
