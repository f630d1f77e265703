package dev.heed.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;

/**
 * On SQLite the attention rollups live in a database file of their own ({@code heed.db.rollups}
 * beside {@code heed.db}, migrations in {@code db/rollups}). SQLite has one writer per file, and
 * while the rollups shared the log's file, a roller's transactions (thousands of upserts each) held
 * that lock between ingest commits: a single event's commit could wait behind a whole round.
 *
 * <p>The rollups are derived from the log, so their file syncs at checkpoints only, like the event
 * index's. Their cursor moves in the same transaction as their sums, so after a crash the file is
 * still consistent and the roller redoes what was lost. (A lost or deleted file is rebuilt from the
 * log from the start.)
 */
final class RollupFile {
  private RollupFile() {}

  /**
   * Migrates the rollups' file and moves into it any rollups that versions before it kept in the
   * log's file ({@code log}), cursor included, so nothing is rolled up twice or lost. Safe to
   * repeat after a crash at any point: the copy and its cursor commit together, and the log's old
   * rows are cleared only once the copy is committed.
   */
  static void prepare(DataSource rollups, DataSource log) {
    Flyway.configure().dataSource(rollups).locations("classpath:db/rollups").load().migrate();
    try {
      long logCursor = cursor(log);
      if (logCursor == 0) {
        return;
      }
      if (cursor(rollups) == 0) {
        copyFromLog(rollups, log, logCursor);
      }
      try (Connection c = log.getConnection();
          Statement st = c.createStatement()) {
        c.setAutoCommit(false);
        st.executeUpdate("DELETE FROM attention_rollups");
        st.executeUpdate("UPDATE attention_rollup_state SET rolled_up_to = 0 WHERE id = 1");
        c.commit();
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  private static void copyFromLog(DataSource rollups, DataSource log, long logCursor)
      throws SQLException {
    String file;
    try (Connection c = log.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT file FROM pragma_database_list WHERE name = 'main'")) {
      rs.next();
      file = rs.getString(1);
    }
    LoggerFactory.getLogger(RollupFile.class)
        .info("moving the attention rollups from {} into their own file", file);
    try (Connection c = rollups.getConnection();
        Statement st = c.createStatement()) {
      st.execute("ATTACH DATABASE '" + file.replace("'", "''") + "' AS log");
      try {
        c.setAutoCommit(false);
        st.executeUpdate(
            "INSERT INTO main.attention_rollups ("
                + JdbcAttentionStore.ALL_COLUMNS
                + ") SELECT "
                + JdbcAttentionStore.ALL_COLUMNS
                + " FROM log.attention_rollups");
        st.executeUpdate(
            "UPDATE main.attention_rollup_state SET rolled_up_to = " + logCursor + " WHERE id = 1");
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
        st.execute("DETACH DATABASE log");
      }
    }
  }

  private static long cursor(DataSource source) throws SQLException {
    try (Connection c = source.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT rolled_up_to FROM attention_rollup_state")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
