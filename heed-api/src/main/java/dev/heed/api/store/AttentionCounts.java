package dev.heed.api.store;

import java.util.Arrays;

/**
 * What one rollup row counts: impressions, clicks, dwell events with their summed milliseconds and
 * a fixed log-spaced histogram of dwell times ({@link #DWELL_BUCKETS} buckets, edges defined by
 * heed-core's {@code DwellHistogram}), completions, shares and likes. Every field is a sum, so rows
 * add up exactly whatever order events arrive in.
 */
public record AttentionCounts(
    long impressions,
    long clicks,
    long dwells,
    long dwellMs,
    long completes,
    long shares,
    long likes,
    long[] dwellHistogram) {

  /** The number of dwell-histogram buckets every store keeps. */
  public static final int DWELL_BUCKETS = 48;

  public static final AttentionCounts ZERO =
      new AttentionCounts(0, 0, 0, 0, 0, 0, 0, new long[DWELL_BUCKETS]);

  public AttentionCounts {
    if (dwellHistogram.length != DWELL_BUCKETS) {
      throw new IllegalArgumentException(
          "dwellHistogram needs " + DWELL_BUCKETS + " buckets, has " + dwellHistogram.length);
    }
    dwellHistogram = dwellHistogram.clone();
  }

  @Override
  public long[] dwellHistogram() {
    return dwellHistogram.clone();
  }

  /** The histogram's count in one bucket, without copying. */
  public long dwellBucket(int bucket) {
    return dwellHistogram[bucket];
  }

  public AttentionCounts plus(AttentionCounts o) {
    long[] h = new long[DWELL_BUCKETS];
    for (int i = 0; i < DWELL_BUCKETS; i++) {
      h[i] = dwellHistogram[i] + o.dwellHistogram[i];
    }
    return new AttentionCounts(
        impressions + o.impressions,
        clicks + o.clicks,
        dwells + o.dwells,
        dwellMs + o.dwellMs,
        completes + o.completes,
        shares + o.shares,
        likes + o.likes,
        h);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttentionCounts c
        && impressions == c.impressions
        && clicks == c.clicks
        && dwells == c.dwells
        && dwellMs == c.dwellMs
        && completes == c.completes
        && shares == c.shares
        && likes == c.likes
        && Arrays.equals(dwellHistogram, c.dwellHistogram);
  }

  @Override
  public int hashCode() {
    return 31
            * java.util.Objects.hash(impressions, clicks, dwells, dwellMs, completes, shares, likes)
        + Arrays.hashCode(dwellHistogram);
  }

  @Override
  public String toString() {
    return "AttentionCounts[impressions=%d, clicks=%d, dwells=%d, dwellMs=%d, completes=%d, shares=%d, likes=%d, dwellHistogram=%s]"
        .formatted(
            impressions,
            clicks,
            dwells,
            dwellMs,
            completes,
            shares,
            likes,
            Arrays.toString(dwellHistogram));
  }
}
