package dev.heed.core.recommend.knn;

import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.RecommenderFactory;
import dev.heed.core.recommend.TrainingListener;

/**
 * RP3beta (Paudel et al. 2017): a three-step random walk item → user → item on the interaction
 * graph, sim(i, j) = Σ_u P(u | i)^α · P(j | u)^α / degree(j)^β, where P(u | i) is x_ui over item
 * i's column sum, P(j | u) is x_uj over user u's row sum and degree(j) is j's number of users; β
 * pushes popular items down. Each item keeps its top-k; scored like item-kNN.
 */
public final class Rp3BetaRecommender implements Recommender {
  private final Params params;
  private final int neighbours;
  private final double alpha;
  private final double beta;
  private final int threads;
  private final double recencyHalfLife;

  public Rp3BetaRecommender(Params params) {
    this.params = params;
    neighbours = params.getInt("neighbours", 200, 1, 100_000);
    alpha = params.getDouble("alpha", 0.5, 0, 10);
    beta = params.getDouble("beta", 0.6, 0, 10);
    threads = params.getInt("threads", Runtime.getRuntime().availableProcessors(), 1, 4096);
    recencyHalfLife = params.getDouble("recency_half_life", 5, 0, 1e9);
  }

  @Override
  public String name() {
    return "rp3beta";
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public ItemKnnModel fit(Interactions data, TrainingListener listener) {
    int n = data.items();
    // The two transition probabilities (raised to α) at each stored position of the matrix.
    float[] userToItem = new float[data.nnz()];
    for (int u = 0; u < data.users(); u++) {
      double sum = 0;
      for (int q = data.userStart(u); q < data.userEnd(u); q++) {
        sum += data.userValue(q);
      }
      for (int q = data.userStart(u); q < data.userEnd(u); q++) {
        userToItem[q] = (float) Math.pow(data.userValue(q) / sum, alpha);
      }
    }
    float[] itemToUser = new float[data.nnz()];
    float[] popularity = new float[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int p = data.itemStart(i); p < data.itemEnd(i); p++) {
        sum += data.itemValue(p);
      }
      for (int p = data.itemStart(i); p < data.itemEnd(i); p++) {
        itemToUser[p] = (float) Math.pow(data.itemValue(p) / sum, alpha);
      }
      popularity[i] = (float) Math.pow(Math.max(1, data.itemDegree(i)), -beta);
    }
    return Neighbourhoods.build(
        n,
        neighbours,
        threads,
        recencyHalfLife,
        listener,
        (i, acc, touched, stamp) -> {
          int count =
              Neighbourhoods.coOccurrences(data, i, itemToUser, userToItem, acc, touched, stamp);
          for (int c = 0; c < count; c++) {
            acc[touched[c]] *= popularity[touched[c]];
          }
          return count;
        });
  }

  /** Registers "rp3beta". */
  public static final class Factory implements RecommenderFactory {
    @Override
    public String name() {
      return "rp3beta";
    }

    @Override
    public String description() {
      return "RP3beta graph walk with popularity penalty (neighbours, alpha, beta,"
          + " recency_half_life, threads)";
    }

    @Override
    public Recommender create(Params params) {
      return new Rp3BetaRecommender(params);
    }
  }
}
