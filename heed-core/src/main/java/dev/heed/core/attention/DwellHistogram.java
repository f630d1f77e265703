package dev.heed.core.attention;

import dev.heed.api.store.AttentionCounts;

/**
 * The fixed, log-spaced buckets of dwell times that rollups count. Bucket 0 holds [0, 250 ms);
 * bucket k (1..46) holds [250·2^((k-1)/3), 250·2^(k/3)) ms, each a factor 2^(1/3) ≈ 1.26 wider than
 * its lower edge; bucket 47 holds everything from 250·2^(46/3) ms (about 2.9 hours) up. The edges
 * are whole milliseconds computed once, so every store and every rebuild puts a value in the same
 * bucket, and counts add up exactly.
 *
 * <p>The median is read off the histogram: the bucket holding the lower median's rank, reported as
 * the bucket's geometric midpoint (bucket 0: 125 ms; the open last bucket: its lower edge ·
 * 2^(1/6)). So it is approximate within the bucket: at most about 12% (2^(1/6) − 1) from the true
 * median for values from 250 ms to 2.9 hours.
 */
public final class DwellHistogram {
  /** EDGES[k] is the lower edge of bucket k + 1, in ms. */
  private static final long[] EDGES = new long[AttentionCounts.DWELL_BUCKETS - 1];

  static {
    for (int k = 0; k < EDGES.length; k++) {
      EDGES[k] = Math.round(250 * Math.pow(2, k / 3.0));
    }
  }

  private DwellHistogram() {}

  /** The bucket of a dwell of {@code ms} milliseconds (negative values count as 0). */
  public static int bucket(long ms) {
    int lo = 0;
    int hi = EDGES.length; // the answer: how many edges are <= ms
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (EDGES[mid] <= ms) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The inclusive lower edge of a bucket, in ms. */
  public static long lowerMs(int bucket) {
    return bucket == 0 ? 0 : EDGES[bucket - 1];
  }

  /** The exclusive upper edge of a bucket in ms; {@link Long#MAX_VALUE} for the last. */
  public static long upperMs(int bucket) {
    return bucket == EDGES.length ? Long.MAX_VALUE : EDGES[bucket];
  }

  /** The value that stands for a bucket: its geometric midpoint (see the class comment). */
  public static double midpointMs(int bucket) {
    if (bucket == 0) {
      return EDGES[0] / 2.0;
    }
    if (bucket == EDGES.length) {
      return EDGES[EDGES.length - 1] * Math.pow(2, 1 / 6.0);
    }
    return Math.sqrt((double) EDGES[bucket - 1] * EDGES[bucket]);
  }

  /**
   * The approximate median dwell in ms: the midpoint of the bucket holding rank ceil(n/2) (the
   * lower median); NaN when nothing was counted.
   */
  public static double medianMs(AttentionCounts counts) {
    long n = 0;
    for (int b = 0; b < AttentionCounts.DWELL_BUCKETS; b++) {
      n += counts.dwellBucket(b);
    }
    if (n == 0) {
      return Double.NaN;
    }
    long rank = (n + 1) / 2;
    long seen = 0;
    for (int b = 0; b < AttentionCounts.DWELL_BUCKETS; b++) {
      seen += counts.dwellBucket(b);
      if (seen >= rank) {
        return midpointMs(b);
      }
    }
    throw new IllegalStateException("unreachable");
  }
}
