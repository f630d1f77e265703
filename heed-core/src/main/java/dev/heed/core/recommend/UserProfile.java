package dev.heed.core.recommend;

import java.util.Arrays;

/**
 * What a model knows of one user when scoring: the items they interacted with, the weight of each
 * (negative for a dislike, which pushes similar items down) and, when known, the time of each
 * (epoch milliseconds; {@code times} is null otherwise). {@code user} is the user's row in the
 * training matrix, or -1 for a user the model has not seen (scored by fold-in from the history
 * alone).
 */
public record UserProfile(int user, int[] items, float[] values, long[] times) {
  public UserProfile {
    if (items.length != values.length || (times != null && times.length != items.length)) {
      throw new IllegalArgumentException("items, values and times differ in length");
    }
  }

  /** A profile without times. */
  public UserProfile(int user, int[] items, float[] values) {
    this(user, items, values, null);
  }

  /** A profile for a user unknown to the model, every item weighted 1. */
  public static UserProfile ofItems(int... items) {
    float[] ones = new float[items.length];
    Arrays.fill(ones, 1f);
    return new UserProfile(-1, items, ones);
  }

  public int size() {
    return items.length;
  }

  /**
   * The values with recent interactions weighted more: entry j's value times 0.5^(r / halfLife),
   * where r is the number of the profile's entries strictly newer than j (0 for the latest). The
   * values themselves when {@code halfLife} is 0 or the profile has no times.
   */
  public float[] recencyWeighted(double halfLife) {
    if (halfLife <= 0 || times == null) {
      return values;
    }
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    float[] w = new float[values.length];
    for (int j = 0; j < w.length; j++) {
      // Entries after the last one at time t are the newer ones.
      int at = Arrays.binarySearch(sorted, times[j]);
      while (at + 1 < sorted.length && sorted[at + 1] == times[j]) {
        at++;
      }
      int newer = sorted.length - 1 - at;
      w[j] = (float) (values[j] * Math.pow(0.5, newer / halfLife));
    }
    return w;
  }
}
