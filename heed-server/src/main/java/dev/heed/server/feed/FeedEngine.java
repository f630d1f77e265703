package dev.heed.server.feed;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.Store;
import dev.heed.core.experiment.bandit.ThompsonSampling;
import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommenders;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.feed.ContentCandidates;
import dev.heed.core.recommend.feed.FeedService;
import dev.heed.core.recommend.feed.FeedSnapshot;
import dev.heed.core.recommend.feed.LiveUpdates;
import dev.heed.core.recommend.feed.SnapshotBuilder;
import dev.heed.core.recommend.feed.SnapshotFiles;
import dev.heed.core.store.memory.MemoryStore;
import dev.heed.eval.RecommendEvaluation;
import dev.heed.server.config.HeedConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.simple.RandomSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds inside a running Heed: the {@link FeedService} requests read, the snapshot on disk under
 * {@code <dataDir>/models}, and one trainer thread that builds new snapshots when enough events
 * arrived, when the interval passed, or when asked. Builds never block requests: the new snapshot
 * replaces the old one in one reference swap. A snapshot written to disk by another process (`heed
 * train`, another replica) is picked up within seconds.
 */
public final class FeedEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedEngine.class);
  private static final long CHECK_MILLIS = 5_000;
  private static final long SUPERSEDED_GRACE_MILLIS = 2_000;

  private final Store store;
  private final HeedConfig.Recommend config;
  private final Path dir;
  private final Clock clock;
  private volatile FeedService service;
  private final ExecutorService trainer =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("heed-trainer").daemon().factory());
  private ScheduledExecutorService scheduler;
  private CompletableFuture<FeedSnapshot.Info> running;
  private volatile long fileModified = -1;
  private volatile String lastError;
  private volatile long lastSwapMillis;

  private volatile ContentCandidates content;
  private volatile FeedService.ShownCounts shown;

  /**
   * Sets where fresh-item exploration reads how often items were shown and clicked (before the
   * first request; the bandit engine provides it).
   */
  public void explorationCounts(FeedService.ShownCounts counts) {
    this.shown = counts;
  }

  /**
   * Sets the content-based candidate source (before the first request; the text engine provides
   * it).
   */
  public void contentSource(ContentCandidates source) {
    this.content = source;
  }

  public FeedEngine(Store store, HeedConfig.Recommend config, Path dir, Clock clock) {
    this.store = store;
    this.config = config;
    this.dir = dir;
    this.clock = clock;
  }

  /** The snapshot on disk, or an empty one; loaded on first use (CLI imports never pay for it). */
  private FeedService load() {
    FeedSnapshot snapshot;
    try {
      snapshot = SnapshotFiles.load(dir);
      fileModified = SnapshotFiles.modified(dir);
    } catch (IOException e) {
      log.warn(
          "ignoring the snapshot in {} ({}); serving fallbacks until the next build",
          dir,
          e.getMessage());
      snapshot = null;
    }
    if (snapshot == null) {
      snapshot = builder().build(new MemoryStore(), TrainingListener.NONE);
    }
    FeedService loaded = new FeedService(snapshot, new LiveUpdates(), clock, config.excludeSeen());
    if (content != null && config.contentShare() > 0) {
      loaded.useContent(content, config.contentShare());
    }
    if (shown != null && config.explorationShare() > 0) {
      loaded.useExploration(
          shown,
          config.explorationShare(),
          config.freshImpressions(),
          new ThompsonSampling(),
          RandomSource.XO_RO_SHI_RO_128_PP::create);
    }
    catchUp(loaded, snapshot.info().lastEventSeq());
    return loaded;
  }

  /**
   * Replays into the live updates what the store holds beyond the snapshot: events appended after
   * it (so personalization and the retraining count resume where they were) and catalog changes.
   */
  private void catchUp(FeedService feeds, long afterSeq) {
    if (feeds.snapshot().info().items() > 0) { // an empty model could not use them anyway
      store
          .events()
          .forEach(
              EventQuery.all(10_000).after(afterSeq),
              stored ->
                  feeds.live().observe(stored.event(), config.weights().weight(stored.event())));
    }
    feeds.reconcile(store.items().all());
  }

  private SnapshotBuilder builder() {
    SnapshotBuilder b =
        new SnapshotBuilder(
            config.algorithm(),
            config.paramMap(),
            config.weights(),
            config.trendingHalfLife(),
            clock);
    return config.evaluateOnBuild() ? b.withOfflineMetrics(this::holdoutMetrics) : b;
  }

  /**
   * NDCG/recall/coverage of the configured algorithm on a temporal holdout of the build's own
   * positive interactions (the figures GET /v1/admin/models shows).
   */
  private Map<String, Double> holdoutMetrics(Interactions data) {
    try {
      var split = RecommendEvaluation.resplit(data, "temporal", 42);
      if (split.test().isEmpty()) {
        return Map.of();
      }
      var model =
          Recommenders.create(config.algorithm(), new Params(config.paramMap()))
              .fit(split.train(), TrainingListener.NONE);
      var all = RecommendEvaluation.evaluate(split, model, 1, null).summary();
      Map<String, Double> out = new LinkedHashMap<>();
      for (String k : new String[] {"ndcg@20", "recall@20", "hr@10", "coverage@20"}) {
        out.put(k, all.get(k));
      }
      out.put("holdout_users", (double) split.test().size());
      return out;
    } catch (RuntimeException e) {
      log.warn("offline evaluation of the build failed: {}", e.toString());
      return Map.of();
    }
  }

  public FeedService service() {
    FeedService s = service;
    if (s == null) {
      synchronized (this) {
        if (service == null) {
          service = load();
        }
        s = service;
      }
    }
    return s;
  }

  /**
   * Loads the snapshot and starts the schedule: retrain on enough new events or time, reload
   * snapshots from disk. With no snapshot yet but events in the store, a first build starts now.
   */
  public synchronized void start() {
    start(CHECK_MILLIS);
  }

  /** {@link #start()} checking every {@code checkMillis} (tests use a short interval). */
  synchronized void start(long checkMillis) {
    if (scheduler != null) {
      return;
    }
    if (service().snapshot().info().events() == 0 && store.events().count() > 0) {
      train(TrainingListener.NONE);
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("heed-train-schedule").daemon().factory());
    scheduler.scheduleWithFixedDelay(this::tick, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      long modified = SnapshotFiles.modified(dir);
      if (modified > fileModified && !building()) {
        fileModified = modified;
        FeedSnapshot loaded = SnapshotFiles.load(dir);
        if (loaded != null
            && loaded.info().builtAtMillis() > service().snapshot().info().builtAtMillis()) {
          // Which live updates the file's build holds is unknown here: keep them all.
          service().swap(loaded, Long.MIN_VALUE);
          lastSwapMillis = clock.millis();
          log.info("loaded a newer snapshot from {}", dir);
        }
      }
      if (clock.millis() - lastSwapMillis > SUPERSEDED_GRACE_MILLIS) {
        service().dropSuperseded(); // no request still reads the snapshot before the last swap
      }
      long events = service().live().eventsSinceBuild();
      boolean byCount = config.retrainEvents() > 0 && events >= config.retrainEvents();
      // Live updates are bounded; when they are full, build now so new events reach feeds again.
      boolean bySize = service().live().full();
      boolean byTime =
          !config.retrainInterval().isZero()
              && events > 0
              && clock.millis() - service().snapshot().info().builtAtMillis()
                  >= config.retrainInterval().toMillis();
      if (byCount || byTime || bySize) {
        train(TrainingListener.NONE);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("training schedule: {}", e.toString());
    }
  }

  public synchronized boolean building() {
    return running != null && !running.isDone();
  }

  /**
   * Builds a snapshot on the trainer thread (or joins the build already running), saves it and puts
   * it live.
   */
  public synchronized CompletableFuture<FeedSnapshot.Info> train(TrainingListener listener) {
    if (building()) {
      return running;
    }
    running = CompletableFuture.supplyAsync(() -> buildAndSwap(listener), trainer);
    return running;
  }

  private FeedSnapshot.Info buildAndSwap(TrainingListener listener) {
    LiveUpdates live = service().live();
    long counted = live.eventsSinceBuild();
    long mark = live.mark();
    try {
      FeedSnapshot next = builder().build(store, listener);
      lastError = null;
      try {
        if (live.anyErasedSince(mark)) {
          // A user was erased while this build read the store: it may hold their data, so it is
          // served (the erasure masks them) but not saved; the build that follows saves.
          SnapshotFiles.delete(dir);
        } else {
          SnapshotFiles.save(next, dir);
          fileModified = SnapshotFiles.modified(dir);
        }
      } catch (IOException e) {
        // Serve the new snapshot anyway; only a restart would fall back to the old file.
        lastError = "saving the snapshot to " + dir + " failed: " + e;
        log.warn(lastError);
      }
      service().swap(next, mark);
      lastSwapMillis = clock.millis();
      live.discount(counted);
      log.info(
          "built a {} snapshot from {} events in {} s",
          next.info().algorithm(),
          next.info().events(),
          String.format("%.2f", next.info().buildSeconds()));
      return next.info();
    } catch (RuntimeException e) {
      lastError = e.toString();
      throw e;
    }
  }

  /** The error of the last failed build, or null. */
  public String lastError() {
    return lastError;
  }

  public HeedConfig.Recommend config() {
    return config;
  }

  /** Hooks for the write paths: called after a write is durable. */
  public void observe(Event event) {
    service().live().observe(event, config.weights().weight(event));
  }

  public void observe(Item item) {
    service().live().observe(item);
  }

  public void observeDeleted(String itemId) {
    service().live().observeDeleted(itemId);
  }

  /**
   * The user's data stops being used at once; the snapshot file that holds it is deleted (a restart
   * before the next build starts from scratch rather than from their data), and a build without it
   * starts.
   */
  public void observeErased(String userId) {
    service().live().observeErased(userId);
    try {
      SnapshotFiles.delete(dir);
    } catch (IOException e) {
      log.warn("could not delete the snapshot in {} after an erasure: {}", dir, e.toString());
    }
    boolean wasBuilding = building();
    var build = train(TrainingListener.NONE);
    if (wasBuilding) {
      // The running build may have read the user's events before the erasure: build again.
      build.whenComplete((info, error) -> train(TrainingListener.NONE));
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    trainer.shutdownNow();
  }
}
