package dev.heed.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.RecommenderModel;
import dev.heed.core.recommend.Recommenders;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.als.ImplicitAlsModel;
import dev.heed.core.recommend.feed.FeedItem;
import dev.heed.core.recommend.feed.FeedRequest;
import dev.heed.core.recommend.feed.FeedService;
import dev.heed.core.recommend.feed.FeedSnapshot;
import dev.heed.core.recommend.feed.InteractionWeights;
import dev.heed.core.recommend.feed.LiveUpdates;
import dev.heed.core.recommend.feed.SnapshotBuilder;
import dev.heed.core.recommend.feed.SnapshotFiles;
import dev.heed.core.store.memory.MemoryStore;
import dev.heed.eval.RecommendEvaluation;
import dev.heed.eval.data.Datasets;
import dev.heed.eval.split.Split;
import dev.heed.eval.split.TemporalHoldoutSplit;
import dev.heed.eval.split.Weighting;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Spark (local[1]) on small seeded data: no mock of Spark anywhere. */
class SparkAlsTest {
  private static final String FIXTURE = "synthetic:2000,800,60000,7";
  private static Split split;
  private static SparkAlsRecommender spark;
  private static SparkAlsRecommender.Factors factors;

  @BeforeAll
  static void train() {
    split =
        new TemporalHoldoutSplit(0.2, 5)
            .split(Datasets.load(FIXTURE, "auto", null), Weighting.BINARY);
    spark =
        new SparkAlsRecommender(
            new Params(
                Map.of(
                    "master", "local[1]",
                    "factors", "16",
                    "iterations", "8",
                    "reg", "0.05",
                    "alpha", "5",
                    "blocks", "2")));
    factors = spark.train(split.train(), TrainingListener.NONE);
  }

  @AfterAll
  static void stop() {
    SparkRuntime.stop();
  }

  @Test
  void foldingInATrainingUserGivesSparksOwnUserFactors() {
    ImplicitAlsModel model = spark.model(factors);
    Interactions train = split.train();
    int checked = 0;
    for (int u = 0; u < train.users(); u += 37) {
      if (train.userDegree(u) == 0) {
        continue;
      }
      float[] folded = model.foldIn(train.profile(u));
      double diff = 0;
      double norm = 0;
      for (int r = 0; r < 16; r++) {
        float s = factors.userFactors()[u * 16 + r];
        diff += (folded[r] - s) * (folded[r] - s);
        norm += s * s;
      }
      assertThat(Math.sqrt(diff)).as("user %d", u).isLessThan(1e-3 * Math.sqrt(norm) + 1e-5);
      checked++;
    }
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void iterationTimesComeFromSparksJobs() {
    assertThat(factors.iterationSeconds()).hasSize(8);
    for (double s : factors.iterationSeconds()) {
      assertThat(s).isPositive();
    }
    assertThat(factors.fitSeconds()).isPositive();
  }

  @Test
  void qualityOnTheFixtureIsInItsBand() {
    double ndcg =
        RecommendEvaluation.evaluate(split, spark.model(factors), 1, null).summary().get("ndcg@20");
    RecommenderModel popular =
        Recommenders.create("popular", Params.none()).fit(split.train(), TrainingListener.NONE);
    double popularNdcg =
        RecommendEvaluation.evaluate(split, popular, 1, null).summary().get("ndcg@20");
    System.out.printf("spark-als NDCG@20 %.4f, popular %.4f%n", ndcg, popularNdcg);
    // Measured 2026-12-01: spark-als 0.487, popular 0.182 (Heed's iALS defaults: 0.399).
    assertThat(ndcg).isBetween(0.42, 0.55).isGreaterThan(popularNdcg * 2);
  }

  @Test
  void aSnapshotTrainedOnSparkIsWrittenAndServedByHeed(@TempDir Path dir) throws Exception {
    MemoryStore store = new MemoryStore();
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      items.add(
          new Item(
              "i" + i,
              "item " + i,
              null,
              "en",
              List.of(i < 20 ? "left" : "right"),
              null,
              null,
              null,
              null,
              null,
              false,
              null));
    }
    store.items().upsert(items);
    // Two communities: even users click items 0-19, odd users items 20-39.
    List<Event> events = new ArrayList<>();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    java.util.Random random = new java.util.Random(3);
    for (int u = 0; u < 60; u++) {
      int base = u % 2 == 0 ? 0 : 20;
      for (int k = 0; k < 8; k++) {
        int i = base + random.nextInt(20);
        events.add(
            new Event.Click(
                "e" + u + "-" + k, "u" + u, "i" + i, t.plusSeconds(u * 10L + k), Map.of()));
      }
    }
    store.events().append(events);
    SnapshotBuilder builder =
        new SnapshotBuilder(
            "spark-als",
            Map.of("master", "local[1]", "factors", "8", "iterations", "6", "blocks", "2"),
            InteractionWeights.DEFAULTS,
            Duration.ofDays(7),
            Clock.systemUTC());
    FeedSnapshot built = builder.build(store, TrainingListener.NONE);
    SnapshotFiles.save(built, dir);

    FeedSnapshot loaded = SnapshotFiles.load(dir);
    assertThat(loaded.info().algorithm()).isEqualTo("spark-als");
    assertThat(loaded.info().params()).containsEntry("master", "local[1]");
    FeedService feeds = new FeedService(loaded, new LiveUpdates(), Clock.systemUTC(), true);
    Set<String> seen = new HashSet<>();
    for (Event e : events) {
      if (e.userId().equals("u0")) {
        seen.add(e.itemId());
      }
    }
    List<FeedItem> page = feeds.recommend("u0", FeedRequest.of(5));
    assertThat(page).hasSize(5);
    assertThat(page)
        .extracting(FeedItem::id)
        .doesNotHaveDuplicates()
        .doesNotContainAnyElementsOf(seen);
    // u0 reads the left half: Spark's factors put the unread left items first.
    long left =
        page.stream()
            .filter(f -> f.source().equals("personalized"))
            .filter(f -> Integer.parseInt(f.id().substring(1)) < 20)
            .count();
    assertThat(left).isGreaterThanOrEqualTo(4);
  }
}
