package dev.heed.core.experiment;

/** Users in one variant and how many of them converted (clicked, bought, ...) at least once. */
public record Conversions(long users, long conversions) {
  public Conversions {
    if (users < 0 || conversions < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative (users=" + users + ", conversions=" + conversions + ")");
    }
    if (conversions > users) {
      throw new IllegalArgumentException(
          "conversions (" + conversions + ") exceed users (" + users + ")");
    }
  }

  /** The conversion rate; 0 for a variant without users. */
  public double rate() {
    return users == 0 ? 0 : (double) conversions / users;
  }

  /** Sampling variance of {@link #rate()}: p(1-p)/n. */
  double rateVariance() {
    double p = rate();
    return p * (1 - p) / users;
  }
}
