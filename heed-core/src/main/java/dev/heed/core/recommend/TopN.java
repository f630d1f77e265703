package dev.heed.core.recommend;

import java.util.function.IntPredicate;

/**
 * Picks the best-scored items: the {@code n} highest scores after skipping {@code offset}, among
 * items {@code allowed} accepts, ties broken by the lower item index (deterministic). Items scored
 * NaN or negative infinity are never picked.
 */
public final class TopN {
  private TopN() {}

  public static int[] select(float[] scores, int count, int n, int offset, IntPredicate allowed) {
    int k = n + offset;
    if (n <= 0 || k <= 0) {
      return new int[0];
    }
    // Min-heap of the k best so far; the root is the worst of them.
    int[] heap = new int[k];
    int size = 0;
    for (int i = 0; i < count; i++) {
      float s = scores[i];
      // The cheap comparison first: the filter only runs for items that would make the cut.
      if (!(s > Float.NEGATIVE_INFINITY) || (size == k && !better(i, heap[0], scores))) {
        continue;
      }
      if (!allowed.test(i)) {
        continue;
      }
      if (size < k) {
        heap[size] = i;
        siftUp(heap, size++, scores);
      } else {
        heap[0] = i;
        siftDown(heap, size, scores);
      }
    }
    // Pop worst-first into the tail of the ranking.
    int[] ranked = new int[size];
    for (int r = size - 1; r >= 0; r--) {
      ranked[r] = heap[0];
      heap[0] = heap[--size];
      siftDown(heap, size, scores);
    }
    if (offset >= ranked.length) {
      return new int[0];
    }
    return java.util.Arrays.copyOfRange(ranked, offset, ranked.length);
  }

  /** The top {@code n} among all items. */
  public static int[] select(float[] scores, int count, int n) {
    return select(scores, count, n, 0, i -> true);
  }

  /** True when item a ranks before item b. */
  private static boolean better(int a, int b, float[] s) {
    return s[a] > s[b] || (s[a] == s[b] && a < b);
  }

  private static void siftUp(int[] h, int pos, float[] s) {
    while (pos > 0) {
      int parent = (pos - 1) >>> 1;
      if (!better(h[parent], h[pos], s)) {
        break;
      }
      swap(h, parent, pos);
      pos = parent;
    }
  }

  private static void siftDown(int[] h, int size, float[] s) {
    int pos = 0;
    while (true) {
      int l = 2 * pos + 1;
      if (l >= size) {
        return;
      }
      int worst = l;
      if (l + 1 < size && better(h[l], h[l + 1], s)) {
        worst = l + 1;
      }
      if (!better(h[pos], h[worst], s)) {
        return;
      }
      swap(h, pos, worst);
      pos = worst;
    }
  }

  private static void swap(int[] h, int a, int b) {
    int t = h[a];
    h[a] = h[b];
    h[b] = t;
  }
}
