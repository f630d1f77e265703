package dev.heed.core.experiment;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Sample ratio mismatch check: Pearson's chi-square goodness-of-fit of the users each variant got
 * against the split its weights promise. A tiny p-value means assignment or logging is broken and
 * the experiment's other numbers cannot be trusted.
 */
public record SampleRatio(double chiSquare, int degreesOfFreedom, double pValue) {

  /**
   * Tests observed user counts against expected weights (any positive scale, e.g. 50/50 or 1/1).
   */
  public static SampleRatio test(long[] observed, double[] weights) {
    if (observed.length != weights.length) {
      throw new IllegalArgumentException(
          observed.length + " observed counts but " + weights.length + " weights");
    }
    if (observed.length < 2) {
      throw new IllegalArgumentException("a sample ratio test needs at least two variants");
    }
    long total = 0;
    double weightSum = 0;
    for (int i = 0; i < observed.length; i++) {
      if (observed[i] < 0) {
        throw new IllegalArgumentException("observed count " + observed[i] + " is negative");
      }
      if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weight " + weights[i] + " must be positive and finite");
      }
      total += observed[i];
      weightSum += weights[i];
    }
    if (total == 0) {
      throw new IllegalArgumentException("no users observed");
    }
    double chiSquare = 0;
    for (int i = 0; i < observed.length; i++) {
      double expected = total * weights[i] / weightSum;
      double diff = observed[i] - expected;
      chiSquare += diff * diff / expected;
    }
    int df = observed.length - 1;
    double p = ChiSquaredDistribution.of(df).survivalProbability(chiSquare);
    return new SampleRatio(chiSquare, df, p);
  }
}
