package dev.heed.core.experiment;

/**
 * Sufficient statistics of a continuous metric in one variant: size, mean and the unbiased sample
 * variance (divisor n - 1).
 */
public record SampleStats(long n, double mean, double variance) {
  public SampleStats {
    if (n < 2) {
      throw new IllegalArgumentException("a sample needs at least 2 values, has " + n);
    }
    if (!Double.isFinite(mean) || !(variance >= 0) || Double.isInfinite(variance)) {
      throw new IllegalArgumentException(
          "mean and variance must be finite and variance >= 0 (mean="
              + mean
              + ", variance="
              + variance
              + ")");
    }
  }

  /** The statistics of the given values (Welford's update, stable for large means). */
  public static SampleStats of(double[] values) {
    double mean = 0;
    double m2 = 0;
    for (int i = 0; i < values.length; i++) {
      double delta = values[i] - mean;
      mean += delta / (i + 1);
      m2 += delta * (values[i] - mean);
    }
    return new SampleStats(values.length, mean, values.length < 2 ? 0 : m2 / (values.length - 1));
  }

  /** Squared standard error of the mean: variance / n. */
  public double meanVariance() {
    return variance / n;
  }
}
