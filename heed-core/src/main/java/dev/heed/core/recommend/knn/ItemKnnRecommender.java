package dev.heed.core.recommend.knn;

import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.RecommenderFactory;
import dev.heed.core.recommend.TopN;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.Workers;
import java.util.concurrent.atomic.AtomicInteger;

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
    recencyHalfLife = params.getDouble("recency_half_life", 0, 0, 1e9);
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
    float[] norm = new float[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int p = data.itemStart(i); p < data.itemEnd(i); p++) {
        s += (double) data.itemValue(p) * data.itemValue(p);
      }
      norm[i] = (float) Math.sqrt(s);
    }
    int[][] nbr = new int[n][];
    float[][] sim = new float[n][];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Workers.run(
        threads,
        () -> {
          float[] acc = new float[n];
          int[] touched = new int[n];
          int[] stamp = new int[n];
          for (int i; (i = next.getAndIncrement()) < n; ) {
            neighboursOf(data, i, norm, acc, touched, stamp, nbr, sim);
            int d = done.incrementAndGet();
            if (d % 1000 == 0 || d == n) {
              listener.progress("items", d, n);
            }
          }
        });
    int[] ptr = new int[n + 1];
    for (int i = 0; i < n; i++) {
      ptr[i + 1] = ptr[i] + nbr[i].length;
    }
    int[] allNbr = new int[ptr[n]];
    float[] allSim = new float[ptr[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(nbr[i], 0, allNbr, ptr[i], nbr[i].length);
      System.arraycopy(sim[i], 0, allSim, ptr[i], sim[i].length);
    }
    return new ItemKnnModel(n, ptr, allNbr, allSim, recencyHalfLife);
  }

  private void neighboursOf(
      Interactions data,
      int i,
      float[] norm,
      float[] acc,
      int[] touched,
      int[] stamp,
      int[][] nbr,
      float[][] sim) {
    int count = 0;
    for (int p = data.itemStart(i); p < data.itemEnd(i); p++) {
      int u = data.itemUser(p);
      float vi = data.itemValue(p);
      for (int q = data.userStart(u); q < data.userEnd(u); q++) {
        int j = data.userItem(q);
        if (j == i) {
          continue;
        }
        if (stamp[j] != i + 1) {
          stamp[j] = i + 1;
          touched[count++] = j;
        }
        acc[j] += vi * data.userValue(q);
      }
    }
    for (int c = 0; c < count; c++) {
      int j = touched[c];
      acc[j] = acc[j] / (norm[i] * norm[j] + shrink);
    }
    // Top-k among the touched items only (untouched ones have similarity 0 and are not kept);
    // sorted so that ties go to the lower item index.
    java.util.Arrays.sort(touched, 0, count);
    float[] candidates = new float[count];
    for (int c = 0; c < count; c++) {
      candidates[c] = acc[touched[c]];
    }
    int[] best = TopN.select(candidates, count, neighbours);
    nbr[i] = new int[best.length];
    sim[i] = new float[best.length];
    for (int b = 0; b < best.length; b++) {
      nbr[i][b] = touched[best[b]];
      sim[i][b] = candidates[best[b]];
    }
    for (int c = 0; c < count; c++) {
      acc[touched[c]] = 0;
    }
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
