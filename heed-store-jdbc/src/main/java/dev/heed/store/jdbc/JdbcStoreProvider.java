package dev.heed.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.heed.api.store.Store;
import dev.heed.api.store.StoreProvider;
import dev.heed.api.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens {@link JdbcStore} for {@code jdbc:sqlite:FILE} and {@code jdbc:postgresql://HOST/DB}.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}: every commit syncs the WAL to disk
 * before it returns, so an acknowledged write survives a killed process and, as far as the disk
 * honours fsync, a power loss. Writers begin {@code IMMEDIATE} transactions and wait up to 30 s for
 * a lock held by another process (an import running beside the server).
 */
public final class JdbcStoreProvider implements StoreProvider {
  @Override
  public boolean accepts(String url) {
    return url.startsWith("jdbc:sqlite:") || url.startsWith("jdbc:postgresql:");
  }

  @Override
  public Store open(StoreSettings settings) {
    Dialect dialect = Dialect.of(settings.url());
    HikariDataSource main;
    HikariDataSource index;
    HikariDataSource rollups;
    switch (dialect) {
      case SQLITE -> {
        String file = settings.url().substring("jdbc:sqlite:".length());
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
          throw new IllegalArgumentException(
              "jdbc:sqlite: needs a file path (use the store URL memory: for a store in memory), was "
                  + settings.url());
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
          Files.createDirectories(parent);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create the directory of " + file, e);
        }
        main = sqlite(settings.url(), settings.poolSize(), true, "log");
        index = sqlite(settings.url() + ".index", 2, false, "index");
        rollups = sqlite(settings.url() + ".rollups", 2, false, "rollups");
      }
      case POSTGRESQL -> {
        // At least 4: migrating with a pool of 2 timed out waiting for a connection (Flyway holds
        // more than one while it migrates PostgreSQL; RollupMigrationTest).
        HikariConfig hc = pool("postgresql", Math.max(4, settings.poolSize()));
        hc.setJdbcUrl(settings.url());
        if (settings.user() != null) {
          hc.setUsername(settings.user());
        }
        if (settings.password() != null) {
          hc.setPassword(settings.password());
        }
        main = new HikariDataSource(hc);
        index = main;
        rollups = main;
      }
      default -> throw new IllegalStateException();
    }
    try {
      return new JdbcStore(main, dialect, index, rollups);
    } catch (RuntimeException e) {
      if (index != main) {
        index.close();
      }
      if (rollups != main) {
        rollups.close();
      }
      main.close();
      throw e;
    }
  }

  private static HikariConfig pool(String name, int size) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("heed-" + name);
    hc.setMaximumPoolSize(Math.max(2, size));
    return hc;
  }

  /**
   * A pool on one SQLite file. The log ({@code log=true}) syncs every commit and leaves WAL
   * checkpoints to JdbcStore's background thread; the event index is derived data, rebuilt from the
   * log if lost, so it syncs only at checkpoints (NORMAL) and checkpoints as it commits.
   */
  private static HikariDataSource sqlite(String url, int poolSize, boolean log, String name) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(
        log ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(30_000);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    // Page cache a connection (SQLite's default is 2 MiB): 64 MiB for the log, 128 MiB for the
    // index, whose inserts land all over its two trees, and for the rollups.
    config.setCacheSize(log ? -65_536 : -131_072);
    if (log) {
      // Commits do not checkpoint; JdbcStore checkpoints from a background thread instead, so a
      // commit's latency is the WAL append and its fsync alone.
      config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0");
    }
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl(url);
    HikariConfig hc = pool("sqlite-" + name, poolSize);
    hc.setDataSource(ds);
    return new HikariDataSource(hc);
  }
}
