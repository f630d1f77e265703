package dev.heed.server.config;

import dev.heed.api.store.StoreSettings;
import dev.heed.core.ingest.IngestLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Heed's whole configuration, loaded by {@link ConfigLoader} from {@code heed.example.yml}'s
 * defaults, a user file and {@code HEED_*} environment variables. The reference file documents
 * every field.
 */
public record HeedConfig(
    String dataDir, String adminKey, Server server, Store store, Ingest ingest) {

  public record Server(String bind, int port, long maxRequestBytes, long maxInflightBytes) {}

  public record Store(String url, String user, String password, int poolSize) {}

  public record Ingest(
      int queueCapacity,
      int maxEventsPerRequest,
      int maxEventsPerCommit,
      Duration maxFutureSkew,
      Instant earliestTimestamp,
      int maxTitleChars,
      int maxBodyChars,
      int maxTextChars,
      int maxContextEntries) {

    public IngestLimits limits() {
      return new IngestLimits(
          maxFutureSkew,
          earliestTimestamp,
          maxTitleChars,
          maxBodyChars,
          maxTextChars,
          maxContextEntries);
    }
  }

  public Path dataPath() {
    return Path.of(dataDir);
  }

  /** The store to open: the configured URL, or SQLite in the data directory. */
  public StoreSettings storeSettings() {
    String url =
        store.url().isBlank() ? "jdbc:sqlite:" + dataPath().resolve("heed.db") : store.url();
    return new StoreSettings(
        url, blankToNull(store.user()), blankToNull(store.password()), store.poolSize());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
