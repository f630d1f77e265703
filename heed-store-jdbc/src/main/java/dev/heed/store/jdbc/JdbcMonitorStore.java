package dev.heed.store.jdbc;

import dev.heed.api.store.MonitorAlert;
import dev.heed.api.store.MonitorStore;
import dev.heed.api.store.TopicHour;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import javax.sql.DataSource;

/**
 * The monitor's state in {@code monitor_topic_hours}, {@code monitor_alerts} and {@code
 * monitor_state} (migration V4). Like the attention rollups, counts only ever add up ({@code INSERT
 * ... ON CONFLICT DO UPDATE SET x = x + excluded.x}) and the cursor moves by compare-and-set in the
 * same transaction.
 */
final class JdbcMonitorStore implements MonitorStore {
  private static final String UPSERT =
      "INSERT INTO monitor_topic_hours (topic, hour, documents, negative) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (hour, topic) DO UPDATE SET"
          + " documents = monitor_topic_hours.documents + excluded.documents,"
          + " negative = monitor_topic_hours.negative + excluded.negative";

  private final DataSource source;
  private final Lock writeLock;

  /**
   * @param writeLock the store's writer lock on SQLite (one writer at a time), null on PostgreSQL
   */
  JdbcMonitorStore(DataSource source, Lock writeLock) {
    this.source = source;
    this.writeLock = writeLock;
  }

  @Override
  public long cursor() {
    return Transactions.read(
        source,
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT reviewed_to FROM monitor_state WHERE id = 1");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public boolean apply(List<TopicHour> deltas, long expectedCursor, long newCursor) {
    return Transactions.write(
        source,
        writeLock,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE monitor_state SET reviewed_to = ? WHERE id = 1 AND reviewed_to = ?")) {
            ps.setLong(1, newCursor);
            ps.setLong(2, expectedCursor);
            if (ps.executeUpdate() != 1) {
              return false;
            }
          }
          upsert(c, deltas);
          return true;
        });
  }

  @Override
  public void add(List<TopicHour> deltas) {
    if (deltas.isEmpty()) {
      return;
    }
    Transactions.write(
        source,
        writeLock,
        c -> {
          upsert(c, deltas);
          return null;
        });
  }

  private static void upsert(Connection c, List<TopicHour> deltas) throws SQLException {
    if (deltas.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      for (TopicHour d : deltas) {
        ps.setString(1, d.topic());
        ps.setLong(2, d.hour());
        ps.setLong(3, d.documents());
        ps.setLong(4, d.negative());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public List<TopicHour> hours(long fromHour) {
    return Transactions.read(
        source,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT topic, hour, documents, negative FROM monitor_topic_hours"
                      + " WHERE hour >= ? ORDER BY hour, topic")) {
            ps.setLong(1, fromHour);
            List<TopicHour> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new TopicHour(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public boolean raise(MonitorAlert a) {
    return Transactions.write(
        source,
        writeLock,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO monitor_alerts (topic, kind, hour, value, baseline, threshold,"
                      + " raised_at, delivery) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (topic, kind, hour) DO NOTHING")) {
            ps.setString(1, a.topic());
            ps.setString(2, a.kind());
            ps.setLong(3, a.hour());
            ps.setDouble(4, a.value());
            ps.setDouble(5, a.baseline());
            ps.setDouble(6, a.threshold());
            ps.setLong(7, a.raisedAt().toEpochMilli());
            ps.setString(8, a.delivery());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void delivery(String topic, String kind, long hour, String delivery) {
    Transactions.write(
        source,
        writeLock,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE monitor_alerts SET delivery = ? WHERE topic = ? AND kind = ? AND hour = ?")) {
            ps.setString(1, delivery);
            ps.setString(2, topic);
            ps.setString(3, kind);
            ps.setLong(4, hour);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<MonitorAlert> alerts(int limit) {
    return Transactions.read(
        source,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT topic, kind, hour, value, baseline, threshold, raised_at, delivery"
                      + " FROM monitor_alerts ORDER BY seq DESC LIMIT ?")) {
            ps.setInt(1, limit);
            List<MonitorAlert> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new MonitorAlert(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getDouble(4),
                        rs.getDouble(5),
                        rs.getDouble(6),
                        Instant.ofEpochMilli(rs.getLong(7)),
                        rs.getString(8)));
              }
            }
            return out;
          }
        });
  }
}
