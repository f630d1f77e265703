package dev.heed.core.recommend.als;

import dev.heed.core.linalg.Cholesky;
import dev.heed.core.linalg.VectorOps;
import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.RecommenderFactory;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.Workers;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Implicit-feedback ALS (Hu, Koren and Volinsky 2008): minimizes Σ c_ui (p_ui − x_uᵀy_i)² +
 * λ(Σ‖x_u‖² + Σ‖y_i‖²) over all user-item pairs, with p = 1 and c = 1 + α·f(r) on observed pairs
 * and p = 0, c = 1 elsewhere. Each half-iteration computes the Gram matrix YᵀY once, then solves
 * every row by a few conjugate-gradient steps warm-started from the previous factors (Takács,
 * Pilászy and Tikk 2011), in parallel on a bounded pool of platform threads.
 */
public final class ImplicitAlsRecommender implements Recommender {
  private final Params params;
  final int factors;
  final int iterations;
  final float alpha;
  final float reg;
  final int cgSteps;
  final boolean exact;
  final long seed;
  final int threads;
  final WeightScaling scaling;
  final boolean weightedReg;
  final double recencyHalfLife;

  public ImplicitAlsRecommender(Params params) {
    this.params = params;
    factors = params.getInt("factors", 32, 1, 1024);
    iterations = params.getInt("iterations", 15, 0, 1000);
    alpha = (float) params.getDouble("alpha", 2.0, 0, 1e6);
    reg = (float) params.getDouble("reg", 1.0, 1e-9, 1e9);
    cgSteps = params.getInt("cg_steps", 3, 1, 1024);
    exact =
        switch (params.getString("solver", "cg")) {
          case "cg" -> false;
          case "cholesky" -> true;
          default ->
              throw new IllegalArgumentException("parameter solver is not one of cg, cholesky");
        };
    seed = params.getLong("seed", 42);
    threads = params.getInt("threads", Runtime.getRuntime().availableProcessors(), 1, 4096);
    scaling =
        WeightScaling.parse(
            params.getString("scaling", "linear"), params.getDouble("epsilon", 1.0, 1e-9, 1e9));
    weightedReg =
        switch (params.getString("weighted_reg", "false")) {
          case "false" -> false;
          case "true" -> true;
          default ->
              throw new IllegalArgumentException(
                  "parameter weighted_reg is not one of true, false");
        };
    recencyHalfLife = params.getDouble("recency_half_life", 5, 0, 1e9);
  }

  @Override
  public String name() {
    return "ials";
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public ImplicitAlsModel fit(Interactions data, TrainingListener listener) {
    return fit(data, null, listener);
  }

  /**
   * Trains, starting from {@code warmItemFactors} when given (items x factors, e.g. the previous
   * snapshot's factors on the same catalog) instead of random ones.
   */
  public ImplicitAlsModel fit(
      Interactions data, float[] warmItemFactors, TrainingListener listener) {
    int k = factors;
    Random random = new Random(seed);
    float[] x = randomFactors(data.users(), k, random);
    float[] y =
        warmItemFactors != null && warmItemFactors.length == data.items() * k
            ? warmItemFactors.clone()
            : randomFactors(data.items(), k, random);
    Interactions.Rows byUser = data.byUser();
    Interactions.Rows byItem = data.byItem();
    try (ExecutorService pool = Workers.newPool(threads)) {
      for (int it = 0; it < iterations; it++) {
        halfStep(pool, byUser, x, y);
        halfStep(pool, byItem, y, x);
        listener.progress("iteration", it + 1, iterations);
      }
      double[] gram = gram(pool, y, data.items());
      return new ImplicitAlsModel(
          data.items(), k, y, gram, alpha, reg, scaling, weightedReg, recencyHalfLife);
    }
  }

  private static float[] randomFactors(int rows, int k, Random random) {
    float[] f = new float[rows * k];
    for (int j = 0; j < f.length; j++) {
      f[j] = (float) (random.nextGaussian() * 0.01);
    }
    return f;
  }

  /** Solves every row of {@code target} given the fixed factors {@code other}. */
  void halfStep(ExecutorService pool, Interactions.Rows rows, float[] target, float[] other) {
    int k = factors;
    int otherRows = other.length / k;
    double[] gramD = gram(pool, other, otherRows);
    float[] gram = new float[k * k];
    for (int j = 0; j < gram.length; j++) {
      gram[j] = (float) gramD[j];
    }
    AtomicInteger next = new AtomicInteger();
    int chunk = 64;
    runParallel(
        pool,
        () -> {
          Scratch s = new Scratch(k);
          for (int start; (start = next.getAndAdd(chunk)) < rows.count(); ) {
            int end = Math.min(rows.count(), start + chunk);
            for (int r = start; r < end; r++) {
              if (exact) {
                solveRowExact(rows, r, target, other, gramD, s);
              } else {
                solveRowCg(rows, r, target, other, gram, s);
              }
            }
          }
        });
  }

  /** YᵀY for the row-major factors {@code f} (rows x factors), summed in parallel. */
  double[] gram(ExecutorService pool, float[] f, int rows) {
    int k = factors;
    double[] total = new double[k * k];
    AtomicInteger next = new AtomicInteger();
    int chunk = 1024;
    runParallel(
        pool,
        () -> {
          float[] part = new float[k * k];
          double[] sum = new double[k * k];
          for (int start; (start = next.getAndAdd(chunk)) < rows; ) {
            int end = Math.min(rows, start + chunk);
            java.util.Arrays.fill(part, 0);
            for (int i = start; i < end; i++) {
              int off = i * k;
              for (int r = 0; r < k; r++) {
                VectorOps.axpy(f[off + r], f, off, part, r * k, k);
              }
            }
            for (int j = 0; j < part.length; j++) {
              sum[j] += part[j];
            }
          }
          synchronized (total) {
            for (int j = 0; j < sum.length; j++) {
              total[j] += sum[j];
            }
          }
        });
    return total;
  }

  /** Per-thread work arrays for the row solvers. */
  static final class Scratch {
    final float[] r;
    final float[] p;
    final float[] ap;
    final float[] gx;

    Scratch(int k) {
      r = new float[k];
      p = new float[k];
      ap = new float[k];
      gx = new float[k];
    }
  }

  /**
   * A few conjugate-gradient steps on (G + λI + Σ (c−1) y yᵀ) x = Σ c y for row {@code row} (λ per
   * row with {@code weighted_reg}), starting from the row's current value in {@code target}.
   */
  void solveRowCg(
      Interactions.Rows rows, int row, float[] target, float[] other, float[] gram, Scratch s) {
    int k = factors;
    int xo = row * k;
    int from = rows.ptr()[row];
    int to = rows.ptr()[row + 1];
    float[] r = s.r;
    float[] p = s.p;
    float[] ap = s.ap;
    float lambda = lambda(rows, row);
    // r = b − A x
    multiply(gram, target, xo, s.gx);
    for (int d = 0; d < k; d++) {
      r[d] = -s.gx[d] - lambda * target[xo + d];
    }
    for (int q = from; q < to; q++) {
      int yo = rows.index()[q] * k;
      float v = rows.values()[q];
      float c = confidence(v);
      float yx = VectorOps.dot(other, yo, target, xo, k);
      VectorOps.axpy((v > 0 ? c : 0) - (c - 1) * yx, other, yo, r, 0, k);
    }
    System.arraycopy(r, 0, p, 0, k);
    float rsOld = VectorOps.dot(r, r, k);
    for (int step = 0; step < cgSteps && rsOld > 1e-20f; step++) {
      multiply(gram, p, 0, ap);
      VectorOps.axpy(lambda, p, 0, ap, 0, k);
      for (int q = from; q < to; q++) {
        int yo = rows.index()[q] * k;
        float c = confidence(rows.values()[q]);
        VectorOps.axpy((c - 1) * VectorOps.dot(other, yo, p, 0, k), other, yo, ap, 0, k);
      }
      float pap = VectorOps.dot(p, ap, k);
      if (!(pap > 0)) {
        break;
      }
      float a = rsOld / pap;
      VectorOps.axpy(a, p, 0, target, xo, k);
      VectorOps.axpy(-a, ap, 0, r, 0, k);
      float rsNew = VectorOps.dot(r, r, k);
      float beta = rsNew / rsOld;
      for (int d = 0; d < k; d++) {
        p[d] = r[d] + beta * p[d];
      }
      rsOld = rsNew;
    }
  }

  /** The exact least-squares solution for one row (dense Cholesky): the oracle for CG. */
  void solveRowExact(
      Interactions.Rows rows, int row, float[] target, float[] other, double[] gram, Scratch s) {
    int k = factors;
    double[] a = gram.clone();
    double[] b = new double[k];
    float lambda = lambda(rows, row);
    for (int d = 0; d < k; d++) {
      a[d * k + d] += lambda;
    }
    for (int q = rows.ptr()[row]; q < rows.ptr()[row + 1]; q++) {
      int yo = rows.index()[q] * k;
      float v = rows.values()[q];
      double c = confidence(v);
      double cp = v > 0 ? c : 0;
      for (int u = 0; u < k; u++) {
        b[u] += cp * other[yo + u];
        for (int w = 0; w < k; w++) {
          a[u * k + w] += (c - 1) * other[yo + u] * other[yo + w];
        }
      }
    }
    double[] sol = Cholesky.solve(a, k, b);
    for (int d = 0; d < k; d++) {
      target[row * k + d] = (float) sol[d];
    }
  }

  /** λ for a row: fixed, or with {@code weighted_reg} times the row's positive interactions. */
  private float lambda(Interactions.Rows rows, int row) {
    if (!weightedReg) {
      return reg;
    }
    int positives = 0;
    for (int q = rows.ptr()[row]; q < rows.ptr()[row + 1]; q++) {
      if (rows.values()[q] > 0) {
        positives++;
      }
    }
    return reg * positives;
  }

  /** c = 1 + α·f(|r|); a negative weight (a dislike) means preference 0 with that confidence. */
  private float confidence(float value) {
    return (float) (1 + alpha * scaling.apply(Math.abs(value)));
  }

  private void multiply(float[] gram, float[] x, int xo, float[] out) {
    int k = factors;
    for (int d = 0; d < k; d++) {
      out[d] = VectorOps.dot(gram, d * k, x, xo, k);
    }
  }

  private void runParallel(ExecutorService pool, Runnable task) {
    Workers.run(pool, threads, task);
  }

  /** Registers "ials". */
  public static final class Factory implements RecommenderFactory {
    @Override
    public String name() {
      return "ials";
    }

    @Override
    public String description() {
      return "implicit ALS with CG (factors, iterations, alpha, reg, weighted_reg=false|true,"
          + " cg_steps, solver=cg|cholesky, scaling=linear|log, epsilon, recency_half_life, seed,"
          + " threads)";
    }

    @Override
    public Recommender create(Params params) {
      return new ImplicitAlsRecommender(params);
    }
  }
}
