package dev.heed.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.api.store.Store;
import dev.heed.api.store.StoreSettings;
import dev.heed.core.store.Stores;
import dev.heed.testing.StoreConformanceSuite;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreConformanceSuite {
  @TempDir Path dir;

  @Override
  protected Store openEmptyStore() {
    return Stores.open(
        new StoreSettings("jdbc:sqlite:" + dir.resolve("sub/heed.db"), null, null, 4));
  }

  @Test
  void runsInWalModeWithFullSync() throws Exception {
    store.events().append(gen.events(1, 1, 1));
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/heed.db"));
        ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
  }

  @Test
  void reopeningKeepsDataAndDoesNotMigrateAgain() {
    store.events().append(gen.events(10, 2, 2));
    store.close();
    store = openEmptyStore();
    assertThat(store.events().count()).isEqualTo(10);
  }
}
