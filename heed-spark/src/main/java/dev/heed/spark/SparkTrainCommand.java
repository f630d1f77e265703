package dev.heed.spark;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.api.store.Store;
import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.RecommenderModel;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.feed.FeedSnapshot;
import dev.heed.core.recommend.feed.SnapshotBuilder;
import dev.heed.core.recommend.feed.SnapshotFiles;
import dev.heed.core.store.Stores;
import dev.heed.core.store.memory.MemoryStore;
import dev.heed.eval.RecommendEvaluation;
import dev.heed.eval.data.Datasets;
import dev.heed.eval.data.InteractionLog;
import dev.heed.eval.split.Split;
import dev.heed.server.cli.ConfigOptions;
import dev.heed.server.cli.Progress;
import dev.heed.server.config.ConfigException;
import dev.heed.server.config.HeedConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./heed spark-train}: a feed snapshot whose personalized model is trained on Spark. */
@Command(
    name = "spark-train",
    mixinStandardHelpOptions = true,
    description = {
      "Train implicit ALS on Apache Spark MLlib and write a feed snapshot to"
          + " <data-dir>/models/feed-snapshot.bin, which Heed servers on that directory load within"
          + " seconds (the in-process trainer stays the default: see docs/cli.md).",
      "Reads the catalog and every event from the configured store (weighted as the server"
          + " weighs them), or a data file with --data (every row an interaction, its items the"
          + " catalog)."
    })
public final class SparkTrainCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(
      names = "--master",
      description =
          "Spark master URL: local[*], local[N], spark://HOST:7077, yarn, ... (default ${DEFAULT-VALUE})",
      defaultValue = "local[*]")
  String master;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description =
          "Train on a data file (formats of ./heed eval recommend, or"
              + " synthetic:USERS,ITEMS,INTERACTIONS,SEED) instead of the store")
  String data;

  @Option(
      names = "--format",
      description = "Format of --data (default ${DEFAULT-VALUE})",
      defaultValue = "auto")
  String format;

  @Option(names = "--min-rating", description = "With --data: keep ratings >= this only")
  Double minRating;

  @Option(names = "--rank", description = "Factors (default ${DEFAULT-VALUE})", defaultValue = "32")
  int rank;

  @Option(
      names = "--iters",
      description = "Iterations (default ${DEFAULT-VALUE})",
      defaultValue = "15")
  int iters;

  @Option(
      names = "--reg",
      description =
          "Spark's regParam, multiplied by each row's positives (default ${DEFAULT-VALUE})",
      defaultValue = "0.1")
  double reg;

  @Option(
      names = "--alpha",
      description = "Confidence 1 + alpha·weight (default ${DEFAULT-VALUE})",
      defaultValue = "1.0")
  double alpha;

  @Option(
      names = "--blocks",
      description = "User and item blocks (Spark's partitions, default ${DEFAULT-VALUE})",
      defaultValue = "10")
  int blocks;

  @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE})", defaultValue = "42")
  long seed;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code. */
  public static int execute(String... args) {
    SparkRuntime.quietLogs();
    CommandLine cli = new CommandLine(new SparkTrainCommand());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ConfigException
              || e instanceof IllegalArgumentException
              || e instanceof IOException
              || e instanceof UncheckedIOException) {
            cmd.getErr().println("heed spark-train: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws IOException {
    HeedConfig config = options.load(Map.of());
    Map<String, String> params = new LinkedHashMap<>();
    params.put("master", master);
    params.put("factors", Integer.toString(rank));
    params.put("iterations", Integer.toString(iters));
    params.put("reg", Double.toString(reg));
    params.put("alpha", Double.toString(alpha));
    params.put("blocks", Integer.toString(blocks));
    params.put("seed", Long.toString(seed));
    SnapshotBuilder builder =
        new SnapshotBuilder(
            "spark-als",
            params,
            config.recommend().weights(),
            config.recommend().trendingHalfLife(),
            Clock.systemUTC());
    if (config.recommend().evaluateOnBuild()) {
      builder.withOfflineMetrics(data -> holdoutMetrics(data, params));
    }
    Path models = config.dataPath().resolve("models");
    FeedSnapshot snapshot;
    Progress.Stages progress = new Progress.Stages();
    try (Store store = data == null ? Stores.open(config.storeSettings()) : fromFile()) {
      System.err.println("spark-train: Spark on " + master + ", reading the interactions");
      snapshot = builder.build(store, progress);
    } catch (Exception e) {
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
    } finally {
      progress.close();
      SparkRuntime.stop();
    }
    SnapshotFiles.save(snapshot, models);
    FeedSnapshot.Info info = snapshot.info();
    System.out.printf(
        Locale.ROOT,
        "trained spark-als on %,d events (%,d users, %,d items, %,d interactions) in %.2f s;"
            + " wrote %s%n",
        info.events(),
        info.users(),
        info.items(),
        info.interactions(),
        info.buildSeconds(),
        models.resolve(SnapshotFiles.FILE));
    if (!info.metrics().isEmpty()) {
      System.out.printf(Locale.ROOT, "offline (temporal holdout): %s%n", info.metrics());
    }
    if (info.interactions() == 0) {
      System.out.println("note: no interactions, so the snapshot serves fallbacks only");
    }
    return 0;
  }

  /**
   * What the server measures on its own builds (recommend.evaluateOnBuild), for the figures GET
   * /v1/admin/models shows: a second Spark fit on a temporal holdout of the build's positives.
   */
  private static Map<String, Double> holdoutMetrics(Interactions data, Map<String, String> params) {
    Split split = RecommendEvaluation.resplit(data, "temporal", 42);
    if (split.test().isEmpty()) {
      return Map.of();
    }
    System.err.println(
        "spark-train: a second fit on a temporal holdout (recommend.evaluateOnBuild)");
    RecommenderModel model =
        new SparkAlsRecommender(new Params(params)).fit(split.train(), TrainingListener.NONE);
    Map<String, Double> all = RecommendEvaluation.evaluate(split, model, 1, null).summary();
    Map<String, Double> out = new LinkedHashMap<>();
    for (String k : new String[] {"ndcg@20", "recall@20", "hr@10", "coverage@20"}) {
      out.put(k, all.get(k));
    }
    out.put("holdout_users", (double) split.test().size());
    return out;
  }

  /**
   * The data file as a store: its items become the catalog and each row one click (weight 1 by the
   * default event weights) at the row's time.
   */
  private Store fromFile() {
    InteractionLog log = Datasets.load(data, format, minRating);
    MemoryStore store = new MemoryStore();
    List<Item> items = new ArrayList<>(log.items().size());
    for (int i = 0; i < log.items().size(); i++) {
      String id = log.items().id(i);
      items.add(new Item(id, null, null, null, null, null, null, null, null, null, false, null));
    }
    store.items().upsert(items);
    List<Event> batch = new ArrayList<>(10_000);
    for (int r = 0; r < log.size(); r++) {
      batch.add(
          new Event.Click(
              "row-" + r,
              log.users().id(log.user(r)),
              log.items().id(log.item(r)),
              Instant.ofEpochMilli(log.time(r)),
              Map.of()));
      if (batch.size() == 10_000) {
        store.events().append(batch);
        batch.clear();
      }
    }
    store.events().append(batch);
    return store;
  }
}
