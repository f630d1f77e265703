package dev.heed.eval.split;

import dev.heed.eval.data.InteractionLog;
import java.util.SplittableRandom;

/**
 * Random per-user holdout: for each user with at least {@code minInteractions} distinct items,
 * ceil(fraction · n) of them, drawn uniformly with the seed, are held out.
 */
public record RandomHoldoutSplit(double fraction, int minInteractions, long seed)
    implements Splitter {
  @Override
  public Split split(InteractionLog log, Weighting weighting) {
    Histories h = Histories.of(log);
    boolean[] heldOut = new boolean[h.item.length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int u = 0; u < h.users; u++) {
      int n = h.size(u);
      if (n >= minInteractions) {
        markRandom(heldOut, h.ptr[u], n, (int) Math.ceil(fraction * n), random);
      }
    }
    return Splitter.byMask("random", h, heldOut, weighting);
  }

  /** Marks {@code k} of the {@code n} positions from {@code from} (partial Fisher-Yates). */
  static void markRandom(boolean[] mask, int from, int n, int k, SplittableRandom random) {
    int[] idx = new int[n];
    for (int j = 0; j < n; j++) {
      idx[j] = j;
    }
    for (int j = 0; j < k; j++) {
      int r = j + random.nextInt(n - j);
      int t = idx[j];
      idx[j] = idx[r];
      idx[r] = t;
      mask[from + idx[j]] = true;
    }
  }
}
