package dev.heed.core.experiment;

import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Bayesian comparison of two conversion rates, each with a Beta(1, 1) prior, so the posterior of a
 * variant with {@code x} conversions among {@code n} users is Beta(1 + x, 1 + n - x).
 *
 * <p>{@code P(X > Y)} for {@code X ~ Beta(a, b)}, {@code Y ~ Beta(c, d)} uses Evan Miller's closed
 * form ("Formulas for Bayesian A/B testing", 2015), a sum of {@code a} positive terms {@code B(c +
 * i, b + d) / ((b + i) B(1 + i, b) B(c, d))} for {@code i < a}, evaluated with log-Beta functions;
 * by the symmetry {@code P(X > Y) = P(1 - Y > 1 - X)} the same sum can run over {@code d} terms
 * instead, and the shorter of the two is taken. When both {@code a} and {@code d} exceed {@value
 * #EXACT_MAX_TERMS} (large counts, where both posteriors are close to normal and smooth), it
 * integrates {@code ∫ f(x) P(other < x) dx} over the narrower posterior numerically instead.
 *
 * <p>Expected loss follows Chris Stucchio ("Bayesian A/B Testing at VWO", 2015): {@code E[max(Y -
 * X, 0)] = c/(c+d) P(Y' > X) - a/(a+b) P(Y > X')} with {@code Y' ~ Beta(c + 1, d)} and {@code X' ~
 * Beta(a + 1, b)}, using {@code B(c+1, d) / B(c, d) = c / (c + d)}.
 */
public final class BetaBinomial {
  /** Longest closed-form sum; beyond it the numerical integral is used. */
  static final long EXACT_MAX_TERMS = 10_000;

  /** Simpson intervals across the narrower posterior (from its 1e-15 to its 1 - 1e-15 quantile). */
  private static final int INTERVALS = 4_000;

  private BetaBinomial() {}

  /** Chance to win and expected loss of choosing the treatment over the control. */
  public static BayesianComparison compare(Conversions control, Conversions treatment) {
    return new BayesianComparison(
        chanceToBeat(control, treatment), expectedLoss(control, treatment));
  }

  /** {@code P(p_treatment > p_control)} under the Beta(1, 1) prior. */
  public static double chanceToBeat(Conversions control, Conversions treatment) {
    return probGreater(alpha(treatment), beta(treatment), alpha(control), beta(control));
  }

  /** {@code E[max(p_control - p_treatment, 0)]}: the expected cost of choosing the treatment. */
  public static double expectedLoss(Conversions control, Conversions treatment) {
    long a = alpha(treatment);
    long b = beta(treatment);
    long c = alpha(control);
    long d = beta(control);
    double loss =
        (double) c / (c + d) * probGreater(c + 1, d, a, b)
            - (double) a / (a + b) * probGreater(c, d, a + 1, b);
    // The two terms nearly cancel when the treatment is clearly better; rounding must not go below
    // 0.
    return Math.max(0, loss);
  }

  /** {@code P(X > Y)} for {@code X ~ Beta(a, b)}, {@code Y ~ Beta(c, d)}, integer parameters. */
  static double probGreater(long a, long b, long c, long d) {
    if (Math.min(a, d) <= EXACT_MAX_TERMS) {
      return probGreaterExact(a, b, c, d);
    }
    return probGreaterIntegrated(a, b, c, d);
  }

  /** Evan Miller's sum, over whichever of {@code a} and {@code d} is smaller. */
  static double probGreaterExact(long a, long b, long c, long d) {
    if (a <= d) {
      return millerSum(a, b, c, d);
    }
    // 1 - Y ~ Beta(d, c) exceeds 1 - X ~ Beta(b, a) exactly when X > Y.
    return millerSum(d, c, b, a);
  }

  private static double millerSum(long a, long b, long c, long d) {
    double logBcd = LogBeta.value(c, d);
    double sum = 0;
    for (long i = 0; i < a; i++) {
      sum +=
          Math.exp(
              LogBeta.value(c + i, b + d) - Math.log(b + i) - LogBeta.value(1 + i, b) - logBcd);
    }
    return Math.min(1, sum);
  }

  /**
   * Composite Simpson integration over the narrower of the two posteriors; the other posterior's
   * CDF is smooth on that scale, so the integrand is well resolved.
   */
  static double probGreaterIntegrated(long a, long b, long c, long d) {
    BetaDistribution x = BetaDistribution.of(a, b);
    BetaDistribution y = BetaDistribution.of(c, d);
    boolean xNarrower = x.getVariance() <= y.getVariance();
    BetaDistribution narrow = xNarrower ? x : y;
    double lo = narrow.inverseCumulativeProbability(1e-15);
    double hi = narrow.inverseSurvivalProbability(1e-15);
    double h = (hi - lo) / INTERVALS;
    double sum = 0;
    for (int k = 0; k <= INTERVALS; k++) {
      double t = lo + k * h;
      // P(X > Y) = ∫ f_X(t) F_Y(t) dt = ∫ f_Y(t) S_X(t) dt.
      double f =
          xNarrower
              ? x.density(t) * y.cumulativeProbability(t)
              : y.density(t) * x.survivalProbability(t);
      int weight = k == 0 || k == INTERVALS ? 1 : (k % 2 == 1 ? 4 : 2);
      sum += weight * f;
    }
    return Math.min(1, Math.max(0, sum * h / 3));
  }

  private static long alpha(Conversions c) {
    return 1 + c.conversions();
  }

  private static long beta(Conversions c) {
    return 1 + c.users() - c.conversions();
  }
}
