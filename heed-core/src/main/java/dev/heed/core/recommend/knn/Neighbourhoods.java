package dev.heed.core.recommend.knn;

import dev.heed.core.recommend.TopN;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.Workers;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds an {@link ItemKnnModel} from a sparse item-item similarity computed row by row in
 * parallel, keeping each row's top-k: the part item-kNN and RP3beta share.
 */
final class Neighbourhoods {
  private Neighbourhoods() {}

  /** Row i of a similarity, accumulated sparsely. */
  interface Row {
    /**
     * Adds row {@code i}'s similarities into {@code acc} (all zero on entry) and lists each item it
     * touches once in {@code touched}, using {@code stamp[j] != i + 1} to tell a first touch;
     * returns the number touched. Item i itself must not be touched.
     */
    int accumulate(int i, float[] acc, int[] touched, int[] stamp);
  }

  /**
   * The walk both similarities share: for every user u of item i and every other item j of u, adds
   * {@code byItem[p] * byUser[q]} into {@code acc[j]}, where p is (u, i)'s position in the
   * item-major arrays of {@code data} and q is (u, j)'s in the user-major ones. Lists and counts
   * the items touched as {@link Row#accumulate} asks.
   */
  static int coOccurrences(
      dev.heed.core.recommend.Interactions data,
      int i,
      float[] byItem,
      float[] byUser,
      float[] acc,
      int[] touched,
      int[] stamp) {
    int count = 0;
    for (int p = data.itemStart(i); p < data.itemEnd(i); p++) {
      int u = data.itemUser(p);
      float step = byItem[p];
      for (int q = data.userStart(u); q < data.userEnd(u); q++) {
        int j = data.userItem(q);
        if (j == i) {
          continue;
        }
        if (stamp[j] != i + 1) {
          stamp[j] = i + 1;
          touched[count++] = j;
        }
        acc[j] += step * byUser[q];
      }
    }
    return count;
  }

  static ItemKnnModel build(
      int n,
      int neighbours,
      int threads,
      double recencyHalfLife,
      TrainingListener listener,
      Row row) {
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
            int count = row.accumulate(i, acc, touched, stamp);
            // Top-k among the touched items only (untouched ones have similarity 0 and are not
            // kept); sorted so that ties go to the lower item index.
            Arrays.sort(touched, 0, count);
            float[] candidates = new float[count];
            for (int c = 0; c < count; c++) {
              candidates[c] = acc[touched[c]];
              acc[touched[c]] = 0;
            }
            int[] best = TopN.select(candidates, count, neighbours);
            nbr[i] = new int[best.length];
            sim[i] = new float[best.length];
            for (int b = 0; b < best.length; b++) {
              nbr[i][b] = touched[best[b]];
              sim[i][b] = candidates[best[b]];
            }
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
}
