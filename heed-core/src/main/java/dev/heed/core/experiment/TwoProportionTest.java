package dev.heed.core.experiment;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Two-sided two-proportion z-test of treatment against control. The p-value uses the pooled
 * standard error (the null hypothesis says the rates are equal), so {@code z²} equals R's {@code
 * prop.test(c(x1, x2), c(n1, n2), correct = FALSE)} chi-square; the interval of the difference uses
 * the unpooled standard error, and the interval of the relative lift the delta method.
 *
 * @param difference treatment rate minus control rate
 * @param differenceCi confidence interval of {@code difference}
 * @param lift relative lift {@code treatment / control - 1}; null when the control rate is 0
 * @param liftCi delta-method interval of {@code lift}: {@code var ≈ var_T / p_C² + p_T² var_C /
 *     p_C⁴}; null when the control rate is 0
 */
public record TwoProportionTest(
    double difference,
    Interval differenceCi,
    Double lift,
    Interval liftCi,
    double z,
    double pValue) {

  static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  /** The test with 95% intervals. */
  public static TwoProportionTest of(Conversions control, Conversions treatment) {
    return of(control, treatment, 0.95);
  }

  public static TwoProportionTest of(
      Conversions control, Conversions treatment, double confidence) {
    requireUsers(control, "control");
    requireUsers(treatment, "treatment");
    double zCrit = criticalZ(confidence);
    double pc = control.rate();
    double pt = treatment.rate();
    double difference = pt - pc;

    double pooled =
        (double) (control.conversions() + treatment.conversions())
            / (control.users() + treatment.users());
    double se0 =
        Math.sqrt(pooled * (1 - pooled) * (1.0 / control.users() + 1.0 / treatment.users()));
    // Both rates 0 or both 1: the data cannot tell the arms apart.
    double z = se0 == 0 ? 0 : difference / se0;
    double pValue = 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z));

    double se = Math.sqrt(control.rateVariance() + treatment.rateVariance());
    Interval differenceCi = Interval.around(difference, zCrit * se);

    Double lift = null;
    Interval liftCi = null;
    if (pc > 0) {
      lift = pt / pc - 1;
      double liftVar =
          treatment.rateVariance() / (pc * pc)
              + pt * pt * control.rateVariance() / (pc * pc * pc * pc);
      liftCi = Interval.around(lift, zCrit * Math.sqrt(liftVar));
    }
    return new TwoProportionTest(difference, differenceCi, lift, liftCi, z, pValue);
  }

  /** The two-sided standard normal quantile for a confidence level, e.g. 1.96 for 0.95. */
  static double criticalZ(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
    }
    return STANDARD_NORMAL.inverseSurvivalProbability((1 - confidence) / 2);
  }

  static void requireUsers(Conversions c, String role) {
    if (c.users() == 0) {
      throw new IllegalArgumentException("the " + role + " has no users");
    }
  }
}
