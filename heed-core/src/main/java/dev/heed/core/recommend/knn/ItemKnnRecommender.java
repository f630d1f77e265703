package dev.heed.core.recommend.knn;

import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.RecommenderFactory;
import dev.heed.core.recommend.TrainingListener;

/**
 * Item-based k-nearest neighbours on the implicit matrix (Deshpande and Karypis 2004): cosine
 * similarity with shrinkage, sim(i, j) = (r_i · r_j) / (‖r_i‖ ‖r_j‖ + shrink), keeping each item's
 * top-k neighbours. Co-occurrences are accumulated sparsely, item by item, in parallel.
 */
public final class ItemKnnRecommender implements Recommender {
  private final Params params;
  private final int neighbours;
  private final float shrink;
  private final int threads;
  private final double recencyHalfLife;

  public ItemKnnRecommender(Params params) {
    this.params = params;
    neighbours = params.getInt("neighbours", 100, 1, 100_000);
    shrink = (float) params.getDouble("shrink", 10, 0, 1e9);
    threads = params.getInt("threads", Runtime.getRuntime().availableProcessors(), 1, 4096);
    recencyHalfLife = params.getDouble("recency_half_life", 5, 0, 1e9);
  }

  @Override
  public String name() {
    return "itemknn";
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public ItemKnnModel fit(Interactions data, TrainingListener listener) {
    int n = data.items();
    float[] byItem = new float[data.nnz()];
    float[] byUser = new float[data.nnz()];
    for (int p = 0; p < byItem.length; p++) {
      byItem[p] = data.itemValue(p);
      byUser[p] = data.userValue(p);
    }
    float[] norm = new float[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int p = data.itemStart(i); p < data.itemEnd(i); p++) {
        s += (double) data.itemValue(p) * data.itemValue(p);
      }
      norm[i] = (float) Math.sqrt(s);
    }
    return Neighbourhoods.build(
        n,
        neighbours,
        threads,
        recencyHalfLife,
        listener,
        (i, acc, touched, stamp) -> {
          int count = Neighbourhoods.coOccurrences(data, i, byItem, byUser, acc, touched, stamp);
          for (int c = 0; c < count; c++) {
            int j = touched[c];
            acc[j] = acc[j] / (norm[i] * norm[j] + shrink);
          }
          return count;
        });
  }

  /** Registers "itemknn". */
  public static final class Factory implements RecommenderFactory {
    @Override
    public String name() {
      return "itemknn";
    }

    @Override
    public String description() {
      return "item-based kNN, cosine with shrinkage (neighbours, shrink, recency_half_life, threads)";
    }

    @Override
    public Recommender create(Params params) {
      return new ItemKnnRecommender(params);
    }
  }
}
