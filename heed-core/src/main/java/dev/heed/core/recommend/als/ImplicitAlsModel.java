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

  ImplicitAlsModel(
      int items,
      int factors,
      float[] itemFactors,
      double[] gram,
      float alpha,
      float reg,
      WeightScaling scaling) {
    this.items = items;
    this.factors = factors;
    this.itemFactors = itemFactors;
    this.gram = gram;
    this.alpha = alpha;
    this.reg = reg;
    this.scaling = scaling;
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
    double[] a = gram.clone();
    double[] b = new double[k];
    for (int d = 0; d < k; d++) {
      a[d * k + d] += reg;
    }
    boolean any = false;
    for (int j = 0; j < profile.size(); j++) {
      int i = profile.items()[j];
      if (i < 0 || i >= items) {
        continue;
      }
      any = true;
      float v = profile.values()[j];
      double c = 1 + alpha * scaling.apply(Math.abs(v));
      double cp = v > 0 ? c : 0; // a dislike: preference 0, pushing the user away
      int off = i * k;
      for (int r = 0; r < k; r++) {
        double yr = itemFactors[off + r];
        b[r] += cp * yr;
        double w = (c - 1) * yr;
        int row = r * k;
        for (int s = 0; s <= r; s++) {
          a[row + s] += w * itemFactors[off + s];
        }
      }
    }
    float[] x = new float[k];
    if (!any) {
      return x;
    }
    for (int r = 0; r < k; r++) {
      for (int s = r + 1; s < k; s++) {
        a[r * k + s] = a[s * k + r];
      }
    }
    Cholesky.factor(a, k);
    Cholesky.solveFactored(a, k, b);
    for (int r = 0; r < k; r++) {
      x[r] = (float) b[r];
    }
    return x;
  }

  @Override
  public void score(UserProfile profile, float[] scores) {
    VectorOps.gemv(itemFactors, items, factors, foldIn(profile), scores);
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
