package dev.heed.server;

import dev.heed.api.store.ApiKey;
import dev.heed.api.store.Store;
import dev.heed.core.attention.AttentionRollups;
import dev.heed.core.experiment.bandit.ThompsonSampling;
import dev.heed.core.ingest.IngestQueue;
import dev.heed.core.ingest.Validation;
import dev.heed.core.store.Stores;
import dev.heed.server.auth.ApiKeys;
import dev.heed.server.bandit.BanditEngine;
import dev.heed.server.config.HeedConfig;
import dev.heed.server.feed.FeedEngine;
import dev.heed.server.monitor.MonitorEngine;
import dev.heed.server.text.TextEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.EnumSet;

/**
 * One running engine: the store, the validation rules, the ingest queue and the API keys, opened
 * from a {@link HeedConfig}. The HTTP server and the CLI commands all work through one of these.
 */
public final class Heed implements AutoCloseable {
  private final HeedConfig config;
  private final Store store;
  private final Validation validation;
  private final IngestQueue ingest;
  private final ApiKeys apiKeys;
  private final FeedEngine feeds;
  private final TextEngine text;
  private final AttentionRollups rollups;
  private final MonitorEngine monitor;
  private final BanditEngine bandits;

  private Heed(HeedConfig config, Store store) {
    this.config = config;
    this.store = store;
    this.validation = new Validation(config.ingest().limits());
    this.rollups = new AttentionRollups(store);
    boolean analytics = config.attention().rollups();
    this.text =
        new TextEngine(
            store.items(),
            config.dataPath().resolve("models"),
            config.dataPath().resolve("text-index"));
    this.monitor =
        MonitorEngine.fromEnvironment(text, store, config.monitor().sensitivity(), System.getenv());
    this.bandits = new BanditEngine(store, new ThompsonSampling());
    // The rollups and the monitor's review follower read the log behind their own durable
    // cursors; a commit only wakes them.
    this.ingest =
        new IngestQueue(
            store.events(),
            config.ingest().queueCapacity(),
            config.ingest().maxEventsPerCommit(),
            () -> {
              if (analytics) {
                rollups.nudge();
              }
              monitor.nudge();
              bandits.nudge();
            });
    if (analytics) {
      rollups.start();
    }
    this.apiKeys = new ApiKeys(store.apiKeys(), config.adminKey());
    this.feeds =
        new FeedEngine(
            store, config.recommend(), config.dataPath().resolve("models"), Clock.systemUTC());
    feeds.contentSource(text::similarTo);
    feeds.explorationCounts(bandits::item);
  }

  public static Heed open(HeedConfig config) {
    try {
      Files.createDirectories(config.dataPath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + config.dataPath(), e);
    }
    return new Heed(config, Stores.open(config.storeSettings()));
  }

  public HeedConfig config() {
    return config;
  }

  public Store store() {
    return store;
  }

  public Validation validation() {
    return validation;
  }

  public IngestQueue ingest() {
    return ingest;
  }

  public ApiKeys apiKeys() {
    return apiKeys;
  }

  /** Feeds: snapshots, training, live updates. */
  public FeedEngine feeds() {
    return feeds;
  }

  /** Text analysis: language, keywords, summary, sentiment, topics, entities, embeddings. */
  public TextEngine text() {
    return text;
  }

  /**
   * Starts what a server runs beside its routes: the background analysis of written items (text
   * index), and the followers of the log for review events (monitor) and bandit statistics. CLI
   * commands and benchmarks that open Heed do not, so they load no text models and scan nothing.
   */
  public void startFollowers() {
    text.startIndexing();
    monitor.start();
    bandits.start();
  }

  /** Opinion monitoring: topic series and alerts (in the store), reviews from the log, webhook. */
  public MonitorEngine monitor() {
    return monitor;
  }

  /** Bandits: headline variants and fresh-item counts, rebuilt from the event log. */
  public BanditEngine bandits() {
    return bandits;
  }

  /** Attention rollups: kept up to date when {@code attention.rollups} is on; rebuilt on demand. */
  public AttentionRollups rollups() {
    return rollups;
  }

  /**
   * Makes sure someone can administer this instance: with no admin key configured and none stored,
   * generates one, saves it to {@code <dataDir>/admin.key} (owner-only) and prints it once.
   */
  public void ensureAdminKey(PrintStream out) {
    if (apiKeys.hasConfiguredAdminKey() || apiKeys.anyAdminKeyStored()) {
      return;
    }
    ApiKeys.Issued issued = apiKeys.issue("generated admin key", EnumSet.of(ApiKey.Scope.ADMIN));
    Path file = config.dataPath().resolve("admin.key");
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, issued.token() + "\n");
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalStateException(
          "cannot save the generated admin key to " + file + ": " + e.getMessage(), e);
    }
    out.println("Generated an admin API key (shown once; also saved in " + file + "):");
    out.println("  " + issued.token());
  }

  @Override
  public void close() {
    monitor.close();
    bandits.close();
    text.close();
    feeds.close();
    ingest.close();
    rollups.close();
    store.close();
  }
}
