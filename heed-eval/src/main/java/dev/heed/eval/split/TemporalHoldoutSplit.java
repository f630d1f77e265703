package dev.heed.eval.split;

import dev.heed.eval.data.InteractionLog;

/**
 * Temporal per-user holdout: for each user with at least {@code minInteractions} distinct items
 * (repeats collapsed to their latest timestamp), the last ceil(fraction · n) by (timestamp, item)
 * are held out. Users with fewer stay in training and are not evaluated.
 */
public record TemporalHoldoutSplit(double fraction, int minInteractions) implements Splitter {
  @Override
  public Split split(InteractionLog log, Weighting weighting) {
    Histories h = Histories.of(log);
    h.requireTimes("temporal");
    boolean[] heldOut = new boolean[h.item.length];
    for (int u = 0; u < h.users; u++) {
      int n = h.size(u);
      if (n >= minInteractions) {
        int k = (int) Math.ceil(fraction * n);
        for (int p = h.ptr[u + 1] - k; p < h.ptr[u + 1]; p++) {
          heldOut[p] = true;
        }
      }
    }
    return Splitter.byMask("temporal", h, heldOut, weighting);
  }
}
