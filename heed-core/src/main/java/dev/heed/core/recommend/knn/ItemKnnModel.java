package dev.heed.core.recommend.knn;

import dev.heed.core.recommend.RecommenderModel;
import dev.heed.core.recommend.UserProfile;
import java.util.Arrays;

/**
 * Each item's top-k most similar items (compressed rows); a user's score for item j is the sum,
 * over the items h in their profile, of sim(h, j) times the profile weight of h (decayed by recency
 * when the model has a half-life, see {@link UserProfile#recencyWeighted}).
 */
public final class ItemKnnModel implements RecommenderModel, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int items;
  private final int[] ptr;
  private final int[] neighbours;
  private final float[] similarities;
  private final double recencyHalfLife;

  ItemKnnModel(
      int items, int[] ptr, int[] neighbours, float[] similarities, double recencyHalfLife) {
    this.items = items;
    this.ptr = ptr;
    this.neighbours = neighbours;
    this.similarities = similarities;
    this.recencyHalfLife = recencyHalfLife;
  }

  @Override
  public int items() {
    return items;
  }

  @Override
  public void score(UserProfile profile, float[] scores) {
    Arrays.fill(scores, 0, items, 0f);
    float[] weights = profile.recencyWeighted(recencyHalfLife);
    for (int j = 0; j < profile.size(); j++) {
      int h = profile.items()[j];
      if (h < 0 || h >= items) {
        continue;
      }
      float w = weights[j];
      for (int p = ptr[h]; p < ptr[h + 1]; p++) {
        scores[neighbours[p]] += w * similarities[p];
      }
    }
  }

  /** Item {@code i}'s neighbours, most similar first. */
  public int[] neighbours(int i) {
    return Arrays.copyOfRange(neighbours, ptr[i], ptr[i + 1]);
  }

  /** Similarities matching {@link #neighbours(int)}. */
  public float[] similarities(int i) {
    return Arrays.copyOfRange(similarities, ptr[i], ptr[i + 1]);
  }
}
