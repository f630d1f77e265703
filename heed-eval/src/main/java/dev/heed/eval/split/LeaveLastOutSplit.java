package dev.heed.eval.split;

import dev.heed.eval.data.InteractionLog;

/**
 * Leave-last-one-out: each user with at least {@code minInteractions} distinct items has their last
 * one by (timestamp, item) held out.
 */
public record LeaveLastOutSplit(int minInteractions) implements Splitter {
  @Override
  public Split split(InteractionLog log, Weighting weighting) {
    Histories h = Histories.of(log);
    h.requireTimes("loo");
    boolean[] heldOut = new boolean[h.item.length];
    for (int u = 0; u < h.users; u++) {
      if (h.size(u) >= minInteractions) {
        heldOut[h.ptr[u + 1] - 1] = true;
      }
    }
    return Splitter.byMask("loo", h, heldOut, weighting);
  }
}
