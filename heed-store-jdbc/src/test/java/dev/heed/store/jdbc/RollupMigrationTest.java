package dev.heed.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.heed.api.store.AttentionCounts;
import dev.heed.api.store.RollupKey.Dimension;
import dev.heed.api.store.RollupKey.Granularity;
import dev.heed.api.store.Store;
import dev.heed.api.store.StoreSettings;
import dev.heed.core.store.Stores;
import dev.heed.testing.PostgresFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V5 lays the rollups out anew: a store with rollup rows from before it keeps every row and its
 * cursor, on SQLite and on PostgreSQL. On SQLite they then move into a file of their own ({@link
 * RollupFile}), once, with nothing counted twice.
 */
class RollupMigrationTest {
  private static final long H0 = 1_772_323_200_000L; // 2026-03-01T00:00:00Z

  @TempDir Path dir;

  @Test
  void sqliteKeepsRowsAndCursor() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("heed.db");
    migrateToV4AndRollUp(url, null, null, Dialect.SQLITE);
    try (Store store = Stores.open(new StoreSettings(url, null, null, 2))) {
      check(store);
    }
    assertThat(logRowsAndCursor(url)).containsExactly(0L, 0L); // moved out of the log's file
    assertThat(Path.of(dir.resolve("heed.db") + ".rollups")).exists();
    try (Store store = Stores.open(new StoreSettings(url, null, null, 2))) {
      assertMovedOnce(store);
    }
    // A crash after the copy committed and before the log's rows were cleared: the next start
    // clears them and copies nothing again.
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "INSERT INTO attention_rollups (dimension, scope, granularity, dim_key, bucket_start,"
              + " impressions, clicks, dwells, dwell_ms, completes, shares, likes)"
              + " VALUES ('item', '', 'hour', 'a', "
              + H0
              + ", 10, 3, 2, 5000, 1, 0, 1)");
      st.executeUpdate("UPDATE attention_rollup_state SET rolled_up_to = 42 WHERE id = 1");
    }
    try (Store store = Stores.open(new StoreSettings(url, null, null, 2))) {
      assertMovedOnce(store);
    }
    assertThat(logRowsAndCursor(url)).containsExactly(0L, 0L);
  }

  private static void assertMovedOnce(Store store) {
    assertThat(store.attention().cursor()).isEqualTo(43);
    var rows =
        store.attention().series(Dimension.ITEM, "", "a", Granularity.HOUR, H0, H0 + 3_600_000L);
    assertThat(rows.getFirst().counts().impressions()).isEqualTo(15);
  }

  private static java.util.List<Long> logRowsAndCursor(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT (SELECT COUNT(*) FROM attention_rollups),"
                    + " (SELECT rolled_up_to FROM attention_rollup_state)")) {
      rs.next();
      return java.util.List.of(rs.getLong(1), rs.getLong(2));
    }
  }

  @Test
  void postgresqlKeepsRowsAndCursor() throws Exception {
    assumeTrue(
        PostgresFixture.server().isPresent(),
        () -> "PostgreSQL tests skipped: " + PostgresFixture.whyUnavailable());
    PostgresFixture.Target t = PostgresFixture.newSchema();
    migrateToV4AndRollUp(t.url(), t.user(), t.password(), Dialect.POSTGRESQL);
    try (Store store = Stores.open(new StoreSettings(t.url(), t.user(), t.password(), 2))) {
      check(store);
    }
  }

  /** The schema as it was before V5, with two rows and the cursor at 42. */
  private static void migrateToV4AndRollUp(
      String url, String user, String password, Dialect dialect) throws Exception {
    Flyway.configure()
        .dataSource(url, user, password)
        .locations("classpath:db/heed")
        .placeholders(Map.of("seq_pk", dialect.seqPrimaryKey, "clustered", dialect.clustered))
        .target("4")
        .load()
        .migrate();
    StringBuilder hist = new StringBuilder();
    StringBuilder zeros = new StringBuilder();
    for (int b = 0; b < AttentionCounts.DWELL_BUCKETS; b++) {
      hist.append(String.format(java.util.Locale.ROOT, ", h%02d", b));
      zeros.append(b == 7 ? ", 2" : ", 0");
    }
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement st = c.createStatement()) {
      for (int hour = 0; hour < 2; hour++) {
        st.executeUpdate(
            "INSERT INTO attention_rollups (dimension, scope, granularity, dim_key, bucket_start,"
                + " impressions, clicks, dwells, dwell_ms, completes, shares, likes"
                + hist
                + ") VALUES ('item', '', 'hour', 'a', "
                + (H0 + hour * 3_600_000L)
                + ", "
                + (10 + hour)
                + ", 3, 2, 5000, 1, 0, 1"
                + zeros
                + ")");
      }
      st.executeUpdate("UPDATE attention_rollup_state SET rolled_up_to = 42 WHERE id = 1");
    }
  }

  private static void check(Store store) {
    assertThat(store.attention().cursor()).isEqualTo(42);
    var rows =
        store
            .attention()
            .series(Dimension.ITEM, "", "a", Granularity.HOUR, H0, H0 + 2 * 3_600_000L);
    assertThat(rows).extracting(r -> r.counts().impressions()).containsExactly(10L, 11L);
    assertThat(rows.get(0).counts().dwellBucket(7)).isEqualTo(2);
    assertThat(rows.get(0).counts().dwellMs()).isEqualTo(5000);
    // The new table takes upserts: rows without dwells bind their counts only.
    long[] none = new long[AttentionCounts.DWELL_BUCKETS];
    assertThat(
            store
                .attention()
                .apply(
                    Map.of(
                        new dev.heed.api.store.RollupKey(
                            Dimension.ITEM, "", "a", Granularity.HOUR, H0),
                        new AttentionCounts(5, 0, 0, 0, 0, 0, 0, none)),
                    42,
                    43))
        .isTrue();
    var after =
        store.attention().series(Dimension.ITEM, "", "a", Granularity.HOUR, H0, H0 + 3_600_000L);
    assertThat(after.getFirst().counts().impressions()).isEqualTo(15);
    assertThat(after.getFirst().counts().dwellBucket(7)).isEqualTo(2);
  }
}
