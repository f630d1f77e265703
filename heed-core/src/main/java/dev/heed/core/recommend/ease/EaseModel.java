package dev.heed.core.recommend.ease;

import dev.heed.core.linalg.VectorOps;
import dev.heed.core.recommend.RecommenderModel;
import dev.heed.core.recommend.UserProfile;
import java.util.Arrays;

/**
 * EASE's dense item-item weight matrix B (zero diagonal); a user's scores are x_u B, x_u decayed by
 * recency when the model has a half-life (see {@link UserProfile#recencyWeighted}).
 */
public final class EaseModel implements RecommenderModel, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int items;
  private final float[] weights;
  private final double recencyHalfLife;

  EaseModel(int items, float[] weights, double recencyHalfLife) {
    this.items = items;
    this.weights = weights;
    this.recencyHalfLife = recencyHalfLife;
  }

  @Override
  public int items() {
    return items;
  }

  @Override
  public void score(UserProfile profile, float[] scores) {
    Arrays.fill(scores, 0, items, 0f);
    float[] x = profile.recencyWeighted(recencyHalfLife);
    for (int j = 0; j < profile.size(); j++) {
      int h = profile.items()[j];
      if (h >= 0 && h < items) {
        VectorOps.axpy(x[j], weights, h * items, scores, 0, items);
      }
    }
  }

  /** B[a][b]: how much interacting with a says about b. */
  public float weight(int a, int b) {
    return weights[a * items + b];
  }
}
