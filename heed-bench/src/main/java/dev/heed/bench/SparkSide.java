package dev.heed.bench;

import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.eval.split.Split;
import dev.heed.spark.SparkAlsRecommender;
import dev.heed.spark.SparkRuntime;
import java.util.Map;

/**
 * Spark MLlib's ALS for {@link AlsBench}, in a class of its own so the benchmark's other paths
 * never load Spark (heed-spark is on the class path only when it is built).
 */
final class SparkSide {
  private SparkSide() {}

  /** Whether heed-spark and Spark can be loaded here. */
  static boolean available() {
    try {
      Class.forName("org.apache.spark.sql.SparkSession");
      Class.forName("dev.heed.spark.SparkAlsRecommender");
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** One fit: its model scored by Heed's evaluation, and Spark's per-iteration times. */
  record Run(
      dev.heed.core.recommend.RecommenderModel model,
      double fitSeconds,
      double[] iterationSeconds) {}

  static Run fit(Split split, Map<String, String> params) {
    SparkAlsRecommender r = new SparkAlsRecommender(new Params(params));
    SparkAlsRecommender.Factors f = r.train(split.train(), TrainingListener.NONE);
    return new Run(r.model(f), f.fitSeconds(), f.iterationSeconds());
  }

  static void stop() {
    SparkRuntime.stop();
  }
}
