package dev.heed.server.config;

import dev.heed.api.store.StoreSettings;
import dev.heed.core.ingest.IngestLimits;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.feed.InteractionWeights;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * Heed's whole configuration, loaded by {@link ConfigLoader} from {@code heed.example.yml}'s
 * defaults, a user file and {@code HEED_*} environment variables. The reference file documents
 * every field.
 */
public record HeedConfig(
    String dataDir,
    String adminKey,
    Server server,
    Store store,
    Ingest ingest,
    Recommend recommend,
    Attention attention,
    Monitor monitor) {

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

  /** Feeds: the algorithm, how events weigh, when to retrain. */
  public record Recommend(
      String algorithm,
      String params,
      long retrainEvents,
      Duration retrainInterval,
      boolean excludeSeen,
      Duration trendingHalfLife,
      boolean evaluateOnBuild,
      double contentShare,
      double explorationShare,
      long freshImpressions,
      InteractionWeights weights) {

    /** {@link #params} ("key=value key=value") as a map. */
    public Map<String, String> paramMap() {
      String trimmed = params.trim();
      return trimmed.isEmpty() ? Map.of() : Params.pairs(Arrays.asList(trimmed.split("\\s+")));
    }
  }

  /**
   * Attention analytics: whether rollups are kept up to date as events arrive (off: the metrics
   * routes answer 409 and ingest does no analytics work; turned on again, they catch up from the
   * log).
   */
  public record Attention(boolean rollups) {}

  /** Opinion monitoring: how far above its baseline an hour must be to alert (k, in MADs). */
  public record Monitor(double sensitivity) {}

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
