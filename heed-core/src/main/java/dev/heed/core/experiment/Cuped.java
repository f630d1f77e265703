package dev.heed.core.experiment;

/**
 * CUPED variance reduction (Deng, Xu, Kohavi, Walker, "Improving the sensitivity of online
 * controlled experiments by utilizing pre-experiment data", WSDM 2013): each user's metric {@code
 * Y} becomes {@code Y - θ (X - mean(X))} where {@code X} is the same user's pre-period covariate
 * and {@code θ = cov(Y, X) / var(X)} over both arms together. Assignment is independent of {@code
 * X}, so the adjusted means estimate the same difference with variance reduced by about {@code
 * ρ²(X, Y)}.
 *
 * @param theta the regression coefficient; 0 when the covariate does not vary
 * @param control the control's adjusted metric
 * @param treatment the treatment's adjusted metric
 * @param varianceReduction {@code 1 - var(adjusted difference) / var(raw difference)}
 */
public record Cuped(
    double theta, SampleStats control, SampleStats treatment, double varianceReduction) {

  /** Adjusts per-user metrics; the arrays hold one entry per user, covariate and metric aligned. */
  public static Cuped adjust(
      double[] controlCovariate,
      double[] controlMetric,
      double[] treatmentCovariate,
      double[] treatmentMetric) {
    requireAligned(controlCovariate, controlMetric, "control");
    requireAligned(treatmentCovariate, treatmentMetric, "treatment");
    int n = controlMetric.length + treatmentMetric.length;
    double meanX = (sum(controlCovariate) + sum(treatmentCovariate)) / n;
    double meanY = (sum(controlMetric) + sum(treatmentMetric)) / n;
    // Centred two-pass sums: no cancellation when values are large and close together.
    double sxy =
        crossSum(controlCovariate, controlMetric, meanX, meanY)
            + crossSum(treatmentCovariate, treatmentMetric, meanX, meanY);
    double sxx =
        crossSum(controlCovariate, controlCovariate, meanX, meanX)
            + crossSum(treatmentCovariate, treatmentCovariate, meanX, meanX);
    double theta = sxx == 0 ? 0 : sxy / sxx;

    SampleStats c = SampleStats.of(adjusted(controlCovariate, controlMetric, theta, meanX));
    SampleStats t = SampleStats.of(adjusted(treatmentCovariate, treatmentMetric, theta, meanX));
    double raw =
        SampleStats.of(controlMetric).meanVariance()
            + SampleStats.of(treatmentMetric).meanVariance();
    double reduction = raw == 0 ? 0 : 1 - (c.meanVariance() + t.meanVariance()) / raw;
    return new Cuped(theta, c, t, reduction);
  }

  /** Welch's t-test on the adjusted metric, 95% interval. */
  public WelchTest test() {
    return WelchTest.of(control, treatment);
  }

  private static double[] adjusted(double[] x, double[] y, double theta, double meanX) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i] - theta * (x[i] - meanX);
    }
    return out;
  }

  private static double crossSum(double[] a, double[] b, double meanA, double meanB) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - meanA) * (b[i] - meanB);
    }
    return s;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  private static void requireAligned(double[] covariate, double[] metric, String role) {
    if (covariate.length != metric.length) {
      throw new IllegalArgumentException(
          "the "
              + role
              + " has "
              + metric.length
              + " metric values but "
              + covariate.length
              + " covariates");
    }
    if (metric.length < 2) {
      throw new IllegalArgumentException("the " + role + " needs at least 2 users");
    }
  }
}
