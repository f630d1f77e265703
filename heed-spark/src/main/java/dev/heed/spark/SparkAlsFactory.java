package dev.heed.spark;

import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.RecommenderFactory;

/** {@code spark-als}: found by name wherever heed-spark is on the class path. */
public final class SparkAlsFactory implements RecommenderFactory {
  @Override
  public String name() {
    return "spark-als";
  }

  @Override
  public String description() {
    return "implicit ALS on Apache Spark MLlib: master (local[*]), factors (32), iterations (15),"
        + " reg (0.1, times each row's positives), alpha (1), blocks (10), seed (42)";
  }

  @Override
  public Recommender create(Params params) {
    return new SparkAlsRecommender(params);
  }
}
