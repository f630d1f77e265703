package dev.heed.store.jdbc;

import dev.heed.api.store.AttentionCounts;
import dev.heed.api.store.AttentionStore;
import dev.heed.api.store.RollupKey;
import dev.heed.api.store.RollupKey.Dimension;
import dev.heed.api.store.RollupKey.Granularity;
import dev.heed.api.store.RollupRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * The rollups in {@code attention_rollups} (migrations V3, V5; on SQLite in a file of their own,
 * {@link RollupFile}). A batch is one transaction that first moves the cursor with a
 * compare-and-set UPDATE (which also serialises concurrent rollers on PostgreSQL by its row lock)
 * and then adds the deltas with {@code INSERT ... ON CONFLICT DO UPDATE SET x = x + excluded.x}, so
 * counts only ever add up.
 *
 * <p>The primary key is (dimension, scope, granularity, bucket_start, dim_key): a batch's rows sit
 * in the few buckets its events fall in, so the upserts (made in key order) touch few pages, and a
 * time range of one dimension is one contiguous stretch. One key's series is read by a seek per
 * bucket.
 */
final class JdbcAttentionStore implements AttentionStore {
  private static final List<String> COUNTS =
      List.of("impressions", "clicks", "dwells", "dwell_ms", "completes", "shares", "likes");
  private static final List<String> HIST =
      IntStream.range(0, AttentionCounts.DWELL_BUCKETS)
          .mapToObj(i -> String.format(java.util.Locale.ROOT, "h%02d", i))
          .toList();
  private static final List<String> VALUES = concat(COUNTS, HIST);
  private static final String KEY_COLUMNS = "dimension, scope, granularity, dim_key, bucket_start";

  /** Every column of {@code attention_rollups}, keys first. */
  static final String ALL_COLUMNS = KEY_COLUMNS + ", " + String.join(", ", VALUES);

  private static final String UPSERT = upsert(VALUES);

  /**
   * For a row whose dwell histogram is all zero (no dwell events): the histogram columns keep their
   * value (0 on insert, V5's default), so most rows bind 12 values, not 55.
   */
  private static final String UPSERT_SCALARS = upsert(COUNTS);

  private static String upsert(List<String> columns) {
    return "INSERT INTO attention_rollups ("
        + KEY_COLUMNS
        + ", "
        + String.join(", ", columns)
        + ") VALUES ("
        + String.join(",", java.util.Collections.nCopies(5 + columns.size(), "?"))
        + ") ON CONFLICT ("
        + KEY_COLUMNS
        + ") DO UPDATE SET "
        + columns.stream()
            .map(c -> c + " = attention_rollups." + c + " + excluded." + c)
            .collect(Collectors.joining(", "));
  }

  private static final String SUMS =
      VALUES.stream().map(c -> "SUM(" + c + ")").collect(Collectors.joining(", "));
  private static final String SCALAR_SUMS =
      COUNTS.stream().map(c -> "SUM(" + c + ")").collect(Collectors.joining(", "));

  /** The order of the table's primary key, in which a batch's upserts are made. */
  private static final java.util.Comparator<RollupKey> PRIMARY_KEY_ORDER =
      JdbcAttentionStore::comparePrimaryKeys;

  private static int comparePrimaryKeys(RollupKey a, RollupKey b) {
    int c =
        a.dimension() == b.dimension()
            ? 0
            : a.dimension().wireName().compareTo(b.dimension().wireName());
    if (c == 0) {
      c = a.scope().compareTo(b.scope());
    }
    if (c == 0 && a.granularity() != b.granularity()) {
      c = a.granularity().wireName().compareTo(b.granularity().wireName());
    }
    if (c == 0) {
      c = Long.compare(a.start(), b.start());
    }
    return c != 0 ? c : a.key().compareTo(b.key());
  }

  /** Bound parameters of one statement's IN list (well under SQLite's and PostgreSQL's limits). */
  private static final int MAX_SEEKS = 500;

  private final DataSource source;
  private final Lock writeLock;

  /**
   * @param writeLock the rollup file's writer lock on SQLite (one writer at a time), null on
   *     PostgreSQL
   */
  JdbcAttentionStore(DataSource source, Lock writeLock) {
    this.source = source;
    this.writeLock = writeLock;
  }

  @Override
  public long cursor() {
    return Transactions.read(
        source,
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT rolled_up_to FROM attention_rollup_state WHERE id = 1");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public boolean apply(
      Map<RollupKey, AttentionCounts> deltas, long expectedCursor, long newCursor) {
    return Transactions.write(
        source,
        writeLock,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE attention_rollup_state SET rolled_up_to = ? WHERE id = 1 AND rolled_up_to = ?")) {
            ps.setLong(1, newCursor);
            ps.setLong(2, expectedCursor);
            if (ps.executeUpdate() != 1) {
              return false; // nothing written yet; the commit is empty
            }
          }
          try (PreparedStatement full = c.prepareStatement(UPSERT);
              PreparedStatement scalars = c.prepareStatement(UPSERT_SCALARS)) {
            List<Map.Entry<RollupKey, AttentionCounts>> sorted = new ArrayList<>(deltas.entrySet());
            sorted.sort(Map.Entry.comparingByKey(PRIMARY_KEY_ORDER));
            for (var e : sorted) {
              RollupKey k = e.getKey();
              AttentionCounts n = e.getValue();
              PreparedStatement ps = histogramIsZero(n) ? scalars : full;
              ps.setString(1, k.dimension().wireName());
              ps.setString(2, k.scope());
              ps.setString(3, k.granularity().wireName());
              ps.setString(4, k.key());
              ps.setLong(5, k.start());
              ps.setLong(6, n.impressions());
              ps.setLong(7, n.clicks());
              ps.setLong(8, n.dwells());
              ps.setLong(9, n.dwellMs());
              ps.setLong(10, n.completes());
              ps.setLong(11, n.shares());
              ps.setLong(12, n.likes());
              if (ps == full) {
                for (int b = 0; b < AttentionCounts.DWELL_BUCKETS; b++) {
                  ps.setLong(13 + b, n.dwellBucket(b));
                }
              }
              ps.addBatch();
            }
            scalars.executeBatch();
            full.executeBatch();
          }
          return true;
        });
  }

  @Override
  public List<RollupRow> series(
      Dimension dimension, String scope, String key, Granularity granularity, long from, long to) {
    long first =
        granularity.floor(from) == from ? from : granularity.floor(from) + granularity.millis();
    long buckets = to <= first ? 0 : (to - first + granularity.millis() - 1) / granularity.millis();
    if (buckets > MAX_SEEKS) {
      // A long range: one scan of the range with the key as a filter, instead of a seek a bucket.
      return query(
          "SELECT bucket_start, "
              + String.join(", ", VALUES)
              + " FROM attention_rollups WHERE dimension = ? AND scope = ? AND granularity = ?"
              + " AND bucket_start >= ? AND bucket_start < ? AND dim_key = ? ORDER BY bucket_start",
          List.of(dimension.wireName(), scope, granularity.wireName(), from, to, key),
          rs -> rowOf(dimension, scope, key, granularity, rs));
    }
    // Rows start on bucket boundaries (RollupKey checks): one seek per bucket start in [from, to).
    List<Object> starts = new ArrayList<>();
    for (long t = first; t < to; t += granularity.millis()) {
      starts.add(t);
    }
    List<Object> params =
        new ArrayList<>(List.of(dimension.wireName(), scope, granularity.wireName()));
    params.addAll(starts);
    params.add(key);
    return query(
        "SELECT bucket_start, "
            + String.join(", ", VALUES)
            + " FROM attention_rollups WHERE dimension = ? AND scope = ? AND granularity = ?"
            + " AND bucket_start IN ("
            + String.join(",", java.util.Collections.nCopies(starts.size(), "?"))
            + ") AND dim_key = ? ORDER BY bucket_start",
        params,
        rs -> rowOf(dimension, scope, key, granularity, rs));
  }

  private static RollupRow rowOf(
      Dimension dimension, String scope, String key, Granularity granularity, ResultSet rs)
      throws SQLException {
    return new RollupRow(
        new RollupKey(dimension, scope, key, granularity, rs.getLong(1)), counts(rs, 2));
  }

  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, List<Object> params, RowReader<T> reader) {
    return Transactions.read(
        source,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int p = 0; p < params.size(); p++) {
              ps.setObject(p + 1, params.get(p));
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(reader.read(rs));
              }
            }
            return out;
          }
        });
  }

  @Override
  public Map<String, AttentionCounts> totals(
      Dimension dimension, String scope, Granularity granularity, long from, long to) {
    return sums(dimension, scope, granularity, from, to, SUMS, true);
  }

  @Override
  public Map<String, AttentionCounts> scalarTotals(
      Dimension dimension, String scope, Granularity granularity, long from, long to) {
    return sums(dimension, scope, granularity, from, to, SCALAR_SUMS, false);
  }

  private Map<String, AttentionCounts> sums(
      Dimension dimension,
      String scope,
      Granularity granularity,
      long from,
      long to,
      String sums,
      boolean histogram) {
    return Transactions.read(
        source,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT dim_key, "
                      + sums
                      + " FROM attention_rollups WHERE dimension = ? AND scope = ? AND granularity = ?"
                      + " AND bucket_start >= ? AND bucket_start < ? GROUP BY dim_key")) {
            ps.setString(1, dimension.wireName());
            ps.setString(2, scope);
            ps.setString(3, granularity.wireName());
            ps.setLong(4, from);
            ps.setLong(5, to);
            Map<String, AttentionCounts> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getString(1), counts(rs, 2, histogram));
              }
            }
            return out;
          }
        });
  }

  @Override
  public Map<String, AttentionCounts> totals(
      Dimension dimension,
      String scope,
      Granularity granularity,
      long from,
      long to,
      java.util.Collection<String> keys) {
    Map<String, AttentionCounts> out = new HashMap<>();
    // A top list's keys: the range the ranking scanned, filtered to them, 500 keys a statement.
    List<String> all = List.copyOf(new java.util.TreeSet<>(keys));
    for (int k = 0; k < all.size(); k += MAX_SEEKS) {
      List<String> chunk = all.subList(k, Math.min(all.size(), k + MAX_SEEKS));
      List<Object> params =
          new ArrayList<>(List.of(dimension.wireName(), scope, granularity.wireName(), from, to));
      params.addAll(chunk);
      for (var e :
          query(
              "SELECT dim_key, "
                  + SUMS
                  + " FROM attention_rollups WHERE dimension = ? AND scope = ? AND granularity = ?"
                  + " AND bucket_start >= ? AND bucket_start < ? AND dim_key IN ("
                  + String.join(",", java.util.Collections.nCopies(chunk.size(), "?"))
                  + ") GROUP BY dim_key",
              params,
              rs -> Map.entry(rs.getString(1), counts(rs, 2)))) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  @Override
  public void clear() {
    Transactions.write(
        source,
        writeLock,
        c -> {
          try (var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM attention_rollups");
            st.executeUpdate("UPDATE attention_rollup_state SET rolled_up_to = 0 WHERE id = 1");
          }
          return null;
        });
  }

  @Override
  public void forEach(Consumer<RollupRow> action) {
    // Streamed inside one read: the rows of a large store do not fit in memory (10M events made
    // tens of millions of rows).
    Transactions.read(
        source,
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + KEY_COLUMNS
                          + ", "
                          + String.join(", ", VALUES)
                          + " FROM attention_rollups");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              action.accept(
                  new RollupRow(
                      new RollupKey(
                          Dimension.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)),
                          rs.getString(2),
                          rs.getString(4),
                          Granularity.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                          rs.getLong(5)),
                      counts(rs, 6)));
            }
          }
          return null;
        });
  }

  private static AttentionCounts counts(ResultSet rs, int first) throws SQLException {
    return counts(rs, first, true);
  }

  /** The counts from column {@code first} on; the histogram all zero without {@code histogram}. */
  private static AttentionCounts counts(ResultSet rs, int first, boolean histogram)
      throws SQLException {
    long[] h = new long[AttentionCounts.DWELL_BUCKETS];
    for (int b = 0; histogram && b < h.length; b++) {
      h[b] = rs.getLong(first + COUNTS.size() + b);
    }
    return new AttentionCounts(
        rs.getLong(first),
        rs.getLong(first + 1),
        rs.getLong(first + 2),
        rs.getLong(first + 3),
        rs.getLong(first + 4),
        rs.getLong(first + 5),
        rs.getLong(first + 6),
        h);
  }

  private static boolean histogramIsZero(AttentionCounts n) {
    for (int b = 0; b < AttentionCounts.DWELL_BUCKETS; b++) {
      if (n.dwellBucket(b) != 0) {
        return false;
      }
    }
    return true;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }
}
