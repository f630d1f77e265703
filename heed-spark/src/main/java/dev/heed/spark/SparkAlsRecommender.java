package dev.heed.spark;

import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.als.ImplicitAlsModel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Implicit ALS trained by Apache Spark MLlib ({@code org.apache.spark.ml.recommendation.ALS} with
 * {@code implicitPrefs}): the interaction matrix goes to Spark as (user, item, weight) rows, and
 * Spark's item factors come back as an {@link ImplicitAlsModel}, so the servers load, fold in and
 * score it like Heed's own iALS. Spark's objective differs from Heed's in one way, kept faithfully:
 * λ is multiplied by the number of positive interactions of each row (weighted-λ), which the model
 * reproduces in fold-in, so folding in a training user gives Spark's own user factors.
 */
public final class SparkAlsRecommender implements Recommender {
  private static final StructType SCHEMA =
      new StructType()
          .add("user", DataTypes.IntegerType, false)
          .add("item", DataTypes.IntegerType, false)
          .add("rating", DataTypes.FloatType, false);

  private final Params params;
  final String master;
  final int factors;
  final int iterations;
  final float reg;
  final float alpha;
  final int blocks;
  final long seed;

  public SparkAlsRecommender(Params params) {
    this.params = params;
    master = params.getString("master", "local[*]");
    factors = params.getInt("factors", 32, 1, 1024);
    iterations = params.getInt("iterations", 15, 0, 1000);
    reg = (float) params.getDouble("reg", 0.1, 0, 1e9);
    alpha = (float) params.getDouble("alpha", 1.0, 0, 1e6);
    blocks = params.getInt("blocks", 10, 1, 100_000);
    seed = params.getLong("seed", 42);
  }

  @Override
  public String name() {
    return "spark-als";
  }

  @Override
  public Params params() {
    return params;
  }

  /** Spark's factors (row-major, zero rows for users or items without interactions) and timing. */
  public record Factors(
      int users,
      int items,
      int rank,
      float[] userFactors,
      float[] itemFactors,
      double fitSeconds,
      double[] iterationSeconds) {}

  @Override
  public ImplicitAlsModel fit(Interactions data, TrainingListener listener) {
    return model(train(data, listener));
  }

  /** The servable model of Spark's item factors. */
  public ImplicitAlsModel model(Factors f) {
    return ImplicitAlsModel.fromItemFactors(f.items(), f.rank(), f.itemFactors(), alpha, reg, true);
  }

  /** Trains on Spark; {@code listener} hears "iteration" steps as Spark's jobs finish. */
  public Factors train(Interactions data, TrainingListener listener) {
    boolean any = false;
    for (int p = 0; p < data.nnz() && !any; p++) {
      any = data.userValue(p) != 0;
    }
    if (!any) { // Spark refuses an empty data set; nothing to learn is all-zero factors
      return new Factors(
          data.users(),
          data.items(),
          factors,
          new float[data.users() * factors],
          new float[data.items() * factors],
          0,
          new double[0]);
    }
    SparkSession spark = SparkRuntime.session(master);
    Dataset<Row> ratings = ratings(spark, data);
    ALS als =
        new ALS()
            .setImplicitPrefs(true)
            .setRank(factors)
            .setMaxIter(iterations)
            .setRegParam(reg)
            .setAlpha(alpha)
            .setNumUserBlocks(blocks)
            .setNumItemBlocks(blocks)
            .setSeed(seed)
            .setUserCol("user")
            .setItemCol("item")
            .setRatingCol("rating");
    AlsJobTimes times = new AlsJobTimes(iterations, listener);
    spark.sparkContext().addSparkListener(times);
    long t0 = System.nanoTime();
    ALSModel model;
    try {
      model = als.fit(ratings);
    } finally {
      awaitBus(times);
      spark.sparkContext().removeSparkListener(times);
    }
    double fitSeconds = (System.nanoTime() - t0) / 1e9;
    float[] user = collect(model.userFactors(), data.users());
    float[] item = collect(model.itemFactors(), data.items());
    return new Factors(
        data.users(), data.items(), factors, user, item, fitSeconds, times.iterationSeconds());
  }

  private static void awaitBus(AlsJobTimes times) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!times.complete() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Spark's (id, features) rows as a dense row-major matrix of {@code rows} rows. */
  private float[] collect(Dataset<Row> factorRows, int rows) {
    float[] out = new float[rows * factors];
    for (Row r : factorRows.collectAsList()) {
      int id = r.getInt(0);
      List<Object> f = r.getList(1);
      for (int j = 0; j < factors; j++) {
        out[id * factors + j] = ((Number) f.get(j)).floatValue();
      }
    }
    return out;
  }

  /**
   * The matrix as a Spark data set, cut into slices on the driver and turned into rows in the tasks
   * (no per-row objects on the driver). Pairs of weight 0 are left out, as Heed's trainer ignores
   * them too.
   */
  static Dataset<Row> ratings(SparkSession spark, Interactions data) {
    int slices = Math.max(1, Math.min(256, data.nnz() / 200_000 + 1));
    int per = (data.nnz() + slices - 1) / slices;
    List<Slice> parts = new ArrayList<>(slices);
    int[] u = new int[per];
    int[] i = new int[per];
    float[] v = new float[per];
    int n = 0;
    for (int user = 0; user < data.users(); user++) {
      for (int p = data.userStart(user); p < data.userEnd(user); p++) {
        if (data.userValue(p) == 0) {
          continue;
        }
        u[n] = user;
        i[n] = data.userItem(p);
        v[n++] = data.userValue(p);
        if (n == per) {
          parts.add(new Slice(u, i, v, n));
          u = new int[per];
          i = new int[per];
          v = new float[per];
          n = 0;
        }
      }
    }
    if (n > 0 || parts.isEmpty()) {
      parts.add(new Slice(u, i, v, n));
    }
    JavaRDD<Row> rows =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(parts, parts.size())
            .flatMap(Slice::rows);
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** A run of (user, item, weight) triples, shipped to a task. */
  record Slice(int[] users, int[] items, float[] weights, int size) implements Serializable {
    Iterator<Row> rows() {
      return new Iterator<>() {
        int j;

        @Override
        public boolean hasNext() {
          return j < size;
        }

        @Override
        public Row next() {
          Row r = RowFactory.create(users[j], items[j], weights[j]);
          j++;
          return r;
        }
      };
    }
  }
}
