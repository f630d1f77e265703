package dev.heed.core.recommend.ease;

import dev.heed.core.linalg.Cholesky;
import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.RecommenderFactory;
import dev.heed.core.recommend.TrainingListener;

/**
 * EASE (Steck 2019): the closed-form item-item model B = I − P · diag(1 / diag(P)) with P = (XᵀX +
 * λI)⁻¹, diagonal forced to zero. Dense in the number of items: memory 12·n² bytes while fitting (n
 * = 20,000 needs about 4.8 GB), so it is for catalogs up to a few tens of thousands of items.
 */
public final class EaseRecommender implements Recommender {
  private final Params params;
  private final double reg;
  private final int maxItems;
  private final double recencyHalfLife;

  public EaseRecommender(Params params) {
    this.params = params;
    reg = params.getDouble("reg", 250, 1e-9, 1e12);
    maxItems = params.getInt("max_items", 30_000, 1, 46_000);
    recencyHalfLife = params.getDouble("recency_half_life", 5, 0, 1e9);
  }

  @Override
  public String name() {
    return "ease";
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public EaseModel fit(Interactions data, TrainingListener listener) {
    int n = data.items();
    long bytes = 12L * n * n;
    if (n > maxItems) {
      throw new IllegalArgumentException(
          "EASE is dense in the number of items: "
              + n
              + " items exceed max_items="
              + maxItems
              + "; use ials or itemknn for this catalog");
    }
    if (bytes > Runtime.getRuntime().maxMemory()) {
      throw new IllegalArgumentException(
          String.format(
              "EASE needs about %.1f GB for %d items but the heap is %.1f GB (raise -Xmx)",
              bytes / 1e9, n, Runtime.getRuntime().maxMemory() / 1e9));
    }
    double[] g = new double[n * n];
    for (int u = 0; u < data.users(); u++) {
      int from = data.userStart(u);
      int to = data.userEnd(u);
      for (int p = from; p < to; p++) {
        int row = data.userItem(p) * n;
        double v = data.userValue(p);
        for (int q = from; q < to; q++) {
          g[row + data.userItem(q)] += v * data.userValue(q);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      g[i * n + i] += reg;
    }
    listener.progress("gram", 1, 3);
    Cholesky.invertInPlace(g, n);
    listener.progress("inverse", 2, 3);
    float[] b = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i * n + j] = i == j ? 0f : (float) (-g[i * n + j] / g[j * n + j]);
      }
    }
    listener.progress("weights", 3, 3);
    return new EaseModel(n, b, recencyHalfLife);
  }

  /** Registers "ease". */
  public static final class Factory implements RecommenderFactory {
    @Override
    public String name() {
      return "ease";
    }

    @Override
    public String description() {
      return "EASE closed-form item-item model (reg, max_items, recency_half_life)";
    }

    @Override
    public Recommender create(Params params) {
      return new EaseRecommender(params);
    }
  }
}
