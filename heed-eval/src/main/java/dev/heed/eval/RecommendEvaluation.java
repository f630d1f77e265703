package dev.heed.eval;

import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.RecommenderModel;
import dev.heed.core.recommend.TopN;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.Workers;
import dev.heed.eval.data.IdIndex;
import dev.heed.eval.data.InteractionLog;
import dev.heed.eval.metrics.RankingMetrics;
import dev.heed.eval.split.Split;
import dev.heed.eval.split.Splitter;
import dev.heed.eval.split.TestUser;
import dev.heed.eval.split.Weighting;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Offline evaluation of a recommender on a split: fit on the training matrix, then rank every item
 * for each test user except the items in their profile (no sampled negatives) and score the ranking
 * against the held-out items.
 */
public final class RecommendEvaluation {
  private RecommendEvaluation() {}

  /** The outcome of one fit-and-evaluate run. */
  public record Result(
      String algorithm,
      Map<String, Object> params,
      double fitSeconds,
      double evalSeconds,
      int evaluatedUsers,
      Map<String, Double> metrics) {}

  public static Result run(
      Split split,
      Recommender recommender,
      int threads,
      TrainingListener training,
      IntConsumer usersDone) {
    long t0 = System.nanoTime();
    RecommenderModel model = recommender.fit(split.train(), training);
    double fit = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    RankingMetrics metrics = evaluate(split, model, threads, usersDone);
    double eval = (System.nanoTime() - t1) / 1e9;
    return new Result(
        recommender.name(),
        Map.copyOf(recommender.params().effective()),
        fit,
        eval,
        metrics.users(),
        metrics.summary());
  }

  /**
   * Splits an interaction matrix (its positive pairs, values and times kept) by {@code protocol}:
   * how validation data is carved from training data, and how a live build measures itself.
   */
  public static Split resplit(Interactions matrix, String protocol, long seed) {
    InteractionLog log = new InteractionLog(indices(matrix.users()), indices(matrix.items()));
    for (int u = 0; u < matrix.users(); u++) {
      for (int p = matrix.userStart(u); p < matrix.userEnd(u); p++) {
        if (matrix.userValue(p) > 0) {
          log.add(u, matrix.userItem(p), matrix.userValue(p), matrix.userTime(p));
        }
      }
    }
    return Splitter.named(protocol, seed).split(log, Weighting.RAW);
  }

  private static IdIndex indices(int n) {
    IdIndex index = new IdIndex();
    for (int i = 0; i < n; i++) {
      index.intern(Integer.toString(i));
    }
    return index;
  }

  /** Scores every test user of {@code split} with {@code model}, in parallel. */
  public static RankingMetrics evaluate(
      Split split, RecommenderModel model, int threads, IntConsumer usersDone) {
    List<TestUser> test = split.test();
    RankingMetrics metrics = new RankingMetrics(split.train(), test.size());
    int items = split.train().items();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Workers.run(
        threads,
        () -> {
          float[] scores = new float[items];
          for (int j; (j = next.getAndIncrement()) < test.size(); ) {
            TestUser user = test.get(j);
            model.score(user.profile(), scores);
            int[] seen = user.profile().items().clone();
            Arrays.sort(seen);
            int[] ranking =
                TopN.select(
                    scores,
                    items,
                    RankingMetrics.depth(),
                    0,
                    i -> Arrays.binarySearch(seen, i) < 0);
            metrics.add(ranking, user.heldOut(), j);
            int d = done.incrementAndGet();
            if (usersDone != null && (d % 500 == 0 || d == test.size())) {
              usersDone.accept(d);
            }
          }
        });
    return metrics;
  }
}
