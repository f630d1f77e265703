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
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("heed-" + dialect.name().toLowerCase(java.util.Locale.ROOT));
    hc.setMaximumPoolSize(Math.max(2, settings.poolSize()));
    switch (dialect) {
      case SQLITE -> {
        String file = settings.url().substring("jdbc:sqlite:".length());
        if (!file.isEmpty() && !file.startsWith(":memory:") && !file.startsWith("file:")) {
          Path parent = Path.of(file).toAbsolutePath().getParent();
          try {
            Files.createDirectories(parent);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
          }
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(30_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // 64 MiB of page cache a connection (SQLite's default is 2 MiB): the event indexes outgrow
        // the default within a few million rows and every insert then waits on reads.
        config.setCacheSize(-65_536);
        // Commits do not checkpoint; JdbcStore checkpoints from a background thread instead, so a
        // commit's latency is the WAL append and its fsync alone.
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0");
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(settings.url());
        hc.setDataSource(ds);
      }
      case POSTGRESQL -> {
        hc.setJdbcUrl(settings.url());
        if (settings.user() != null) {
          hc.setUsername(settings.user());
        }
        if (settings.password() != null) {
          hc.setPassword(settings.password());
        }
      }
    }
    HikariDataSource dataSource = new HikariDataSource(hc);
    try {
      return new JdbcStore(dataSource, dialect);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }
}
