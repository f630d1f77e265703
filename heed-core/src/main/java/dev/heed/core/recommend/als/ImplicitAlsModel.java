package dev.heed.core.recommend.als;

import dev.heed.core.linalg.Cholesky;
import dev.heed.core.linalg.VectorOps;
import dev.heed.core.recommend.RecommenderModel;
import dev.heed.core.recommend.UserProfile;

/**
 * Trained iALS factors. A user is scored by folding their profile into the item factors in closed
 * form (one exact least-squares solve), so known users, users with new events and brand-new users
 * are all scored the same way, from what they did, without retraining.
 */
public final class ImplicitAlsModel implements RecommenderModel, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int items;
  private final int factors;
  private final float[] itemFactors;
  private final double[] gram;
  private final float alpha;
  private final float reg;
  private final WeightScaling scaling;

  /**
   * Whether λ is scaled by the number of positive interactions of the profile (Zhou et al.'s
   * weighted-λ, Spark MLlib's convention, and Heed's trainer with {@code weighted_reg}); false for
   * a fixed λ, Heed's default. Snapshots written before this field existed read it as false, which
   * is what they were trained with.
   */
  private final boolean regPerPositive;

  /**
   * Half-life of profile values in fold-in, in newer entries ({@link UserProfile#recencyWeighted});
   * 0 (also in snapshots written before this field existed) is off.
   */
  private final double recencyHalfLife;

  ImplicitAlsModel(
      int items,
      int factors,
      float[] itemFactors,
      double[] gram,
      float alpha,
      float reg,
      WeightScaling scaling,
      boolean regPerPositive,
      double recencyHalfLife) {
    this.regPerPositive = regPerPositive;
    this.recencyHalfLife = recencyHalfLife;
    this.items = items;
    this.factors = factors;
    this.itemFactors = itemFactors;
    this.gram = gram;
    this.alpha = alpha;
    this.reg = reg;
    this.scaling = scaling;
  }

  /**
   * A model from item factors trained elsewhere (e.g. Spark MLlib's ALS) with confidence c = 1 +
   * alpha·|r|: fold-in then solves the same normal equations as that trainer's user step, with λ
   * multiplied by the profile's number of positive interactions when {@code regPerPositive}.
   */
  public static ImplicitAlsModel fromItemFactors(
      int items, int factors, float[] itemFactors, float alpha, float reg, boolean regPerPositive) {
    if (itemFactors.length != items * factors) {
      throw new IllegalArgumentException(
          "item factors hold " + itemFactors.length + " floats, not " + items + " x " + factors);
    }
    double[] gram = new double[factors * factors];
    for (int i = 0; i < items; i++) {
      int off = i * factors;
      for (int r = 0; r < factors; r++) {
        double yr = itemFactors[off + r];
        for (int s = 0; s < factors; s++) {
          gram[r * factors + s] += yr * itemFactors[off + s];
        }
      }
    }
    return new ImplicitAlsModel(
        items, factors, itemFactors, gram, alpha, reg, WeightScaling.LINEAR, regPerPositive, 0);
  }

  @Override
  public int items() {
    return items;
  }

  public int factors() {
    return factors;
  }

  /** Item factors, row-major (items x factors). Shared, not copied: do not modify. */
  public float[] itemFactors() {
    return itemFactors;
  }

  /**
   * The user vector for a profile: x = (YᵀY + Yᵀ(C−I)Y + λI)⁻¹ YᵀCp, solved exactly. Items outside
   * the model are ignored; a profile with no known item gives the zero vector.
   */
  public float[] foldIn(UserProfile profile) {
    int k = factors;
    // Σ (c−1) y yᵀ and Σ c·p·y accumulated in float with the vector kernels (one axpy per row of
    // the outer product), then solved in double.
    float[] outer = new float[k * k];
    float[] rhs = new float[k];
    boolean any = false;
    int positives = 0;
    float[] values = profile.recencyWeighted(recencyHalfLife);
    for (int j = 0; j < profile.size(); j++) {
      int i = profile.items()[j];
      if (i < 0 || i >= items) {
        continue;
      }
      any = true;
      float v = values[j];
      float c = (float) (1 + alpha * scaling.apply(Math.abs(v)));
      int off = i * k;
      if (v > 0) { // a dislike has preference 0: it only adds confidence, pushing the user away
        VectorOps.axpy(c, itemFactors, off, rhs, 0, k);
        positives++;
      }
      for (int r = 0; r < k; r++) {
        VectorOps.axpy((c - 1) * itemFactors[off + r], itemFactors, off, outer, r * k, k);
      }
    }
    float[] x = new float[k];
    if (!any) {
      return x;
    }
    double[] b = new double[k];
    for (int r = 0; r < k; r++) {
      b[r] = rhs[r];
    }
    double lambda = regPerPositive ? (double) reg * positives : reg;
    double[] a = system(outer, lambda);
    try {
      Cholesky.factor(a, k);
    } catch (ArithmeticException e) {
      // Only with a tiny reg on degenerate factors: regularize more rather than fail a request.
      a = system(outer, Math.max(1e-3, lambda * 1e3));
      try {
        Cholesky.factor(a, k);
      } catch (ArithmeticException again) {
        return x; // factors beyond repair (NaN): no personal signal rather than an error
      }
    }
    Cholesky.solveFactored(a, k, b);
    for (int r = 0; r < k; r++) {
      x[r] = (float) b[r];
    }
    return x;
  }

  /** YᵀY + λI + the profile's Σ (c−1) y yᵀ, in double. */
  private double[] system(float[] outer, double lambda) {
    int k = factors;
    double[] a = gram.clone();
    for (int r = 0; r < k; r++) {
      a[r * k + r] += lambda;
      for (int s = 0; s < k; s++) {
        a[r * k + s] += outer[r * k + s];
      }
    }
    return a;
  }

  /**
   * Scores every item: the user's folded-in vector times the item factors, read by columns (a copy
   * made on first use, as large as the factors): the product by rows spends most of its time in a
   * horizontal sum per item when there are 32 factors.
   */
  @Override
  public void score(UserProfile profile, float[] scores) {
    VectorOps.gemvTransposed(itemFactorsByColumn(), items, factors, foldIn(profile), scores);
  }

  private transient volatile float[] itemFactorsByColumn;

  private float[] itemFactorsByColumn() {
    float[] t = itemFactorsByColumn;
    if (t == null) { // racing threads make equal copies; either will do
      t = new float[itemFactors.length];
      for (int i = 0; i < items; i++) {
        for (int j = 0; j < factors; j++) {
          t[j * items + i] = itemFactors[i * factors + j];
        }
      }
      itemFactorsByColumn = t;
    }
    return t;
  }

  /** The similarity of two items: cosine of their factor vectors. */
  public float similarity(int a, int b) {
    int k = factors;
    float ab = VectorOps.dot(itemFactors, a * k, itemFactors, b * k, k);
    float aa = VectorOps.dot(itemFactors, a * k, itemFactors, a * k, k);
    float bb = VectorOps.dot(itemFactors, b * k, itemFactors, b * k, k);
    return aa == 0 || bb == 0 ? 0 : (float) (ab / Math.sqrt((double) aa * bb));
  }
}
