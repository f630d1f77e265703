package dev.heed.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The per-user and per-item indexes of the event log, kept in bulk rather than on every append.
 *
 * <p>With random user and item ids, indexing on append dirties one page of each index per event, so
 * every commit writes several times the data it stores (measured: ingest ran 6x faster without
 * these indexes). Instead the log is appended with its primary key alone, and a background round
 * moves the recent tail into {@code event_user_index} and {@code event_item_index} in key order,
 * many events to a page, then advances {@code indexed_upto} in the same transaction. Scans by user
 * or item read the index up to that watermark and the tail after it.
 *
 * <p>On SQLite the index lives in a database file of its own beside the log ({@code
 * heed.db.index}), so that indexing never holds the log's single write lock and appends are not
 * held up. The index is derived data: a lost or stale index file is rebuilt from the log. On
 * PostgreSQL the tables sit beside the log, and row locks keep indexing and appends apart.
 */
final class EventIndex {
  /** An indexed event's key. */
  record Entry(String userId, String itemId, long seq) {}

  private final DataSource source;
  private final ReentrantLock writeLock = new ReentrantLock();

  EventIndex(DataSource source, Dialect dialect) {
    this.source = source;
    String clustered = dialect == Dialect.SQLITE ? " WITHOUT ROWID" : "";
    try (Connection c = source.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS event_user_index (user_id VARCHAR(128) NOT NULL, seq BIGINT NOT NULL,"
              + " PRIMARY KEY (user_id, seq))"
              + clustered);
      st.execute(
          "CREATE TABLE IF NOT EXISTS event_item_index (item_id VARCHAR(128) NOT NULL, seq BIGINT NOT NULL,"
              + " PRIMARY KEY (item_id, seq))"
              + clustered);
      st.execute(
          "CREATE TABLE IF NOT EXISTS event_index_state (id INTEGER PRIMARY KEY, indexed_upto BIGINT NOT NULL)");
      st.execute(
          "INSERT INTO event_index_state (id, indexed_upto) SELECT 1, 0"
              + " WHERE NOT EXISTS (SELECT 1 FROM event_index_state WHERE id = 1)");
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** The highest seq whose event is in the index. */
  long watermark() {
    try (Connection c = source.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT indexed_upto FROM event_index_state WHERE id = 1")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /**
   * Up to {@code limit} seqs of events by this user ({@code byUser}) or on this item, after {@code
   * afterSeq}.
   */
  List<Long> seqs(boolean byUser, String key, long afterSeq, int limit) {
    String sql =
        byUser
            ? "SELECT seq FROM event_user_index WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?"
            : "SELECT seq FROM event_item_index WHERE item_id = ? AND seq > ? ORDER BY seq LIMIT ?";
    try (Connection c = source.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      ps.setLong(2, afterSeq);
      ps.setInt(3, limit);
      List<Long> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /**
   * Adds events (in seq order, all after the watermark, none missing between) to the index and
   * moves the watermark to {@code upto}, in one transaction.
   */
  void add(List<Entry> entries, long upto) {
    List<Entry> byUser = new ArrayList<>(entries);
    byUser.sort(
        (a, b) ->
            a.userId().equals(b.userId())
                ? Long.compare(a.seq(), b.seq())
                : a.userId().compareTo(b.userId()));
    List<Entry> byItem = new ArrayList<>();
    for (Entry e : entries) {
      if (e.itemId() != null) {
        byItem.add(e);
      }
    }
    byItem.sort(
        (a, b) ->
            a.itemId().equals(b.itemId())
                ? Long.compare(a.seq(), b.seq())
                : a.itemId().compareTo(b.itemId()));
    write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO event_user_index (user_id, seq) VALUES (?, ?)")) {
            for (Entry e : byUser) {
              ps.setString(1, e.userId());
              ps.setLong(2, e.seq());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO event_item_index (item_id, seq) VALUES (?, ?)")) {
            for (Entry e : byItem) {
              ps.setString(1, e.itemId());
              ps.setLong(2, e.seq());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE event_index_state SET indexed_upto = ? WHERE id = 1 AND indexed_upto < ?")) {
            ps.setLong(1, upto);
            ps.setLong(2, upto);
            if (ps.executeUpdate() != 1) {
              throw new SQLException(
                  "the index watermark moved under a concurrent indexer; this round is rolled back");
            }
          }
        });
  }

  /** Removes erased events (and the user's whole entry) from the index. */
  void remove(String userId, List<Entry> erased) {
    write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM event_user_index WHERE user_id = ?")) {
            ps.setString(1, userId);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM event_item_index WHERE item_id = ? AND seq = ?")) {
            for (Entry e : erased) {
              if (e.itemId() != null) {
                ps.setString(1, e.itemId());
                ps.setLong(2, e.seq());
                ps.addBatch();
              }
            }
            ps.executeBatch();
          }
        });
  }

  @FunctionalInterface
  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void write(Work work) {
    Transactions.write(
        source,
        writeLock,
        c -> {
          work.run(c);
          return null;
        });
  }
}
