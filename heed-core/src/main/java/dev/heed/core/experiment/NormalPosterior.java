package dev.heed.core.experiment;

/**
 * Bayesian comparison of two means with flat priors and normal likelihoods (large-sample): each
 * mean's posterior is {@code N(mean, var / n)}, so the difference {@code D = treatment - control}
 * is {@code N(d, s²)} with {@code s² = var_C / n_C + var_T / n_T}. Then {@code P(D > 0) = Φ(d / s)}
 * and {@code E[max(-D, 0)] = s φ(d / s) - d Φ(-d / s)}.
 */
public final class NormalPosterior {
  private NormalPosterior() {}

  public static BayesianComparison compare(SampleStats control, SampleStats treatment) {
    double d = treatment.mean() - control.mean();
    double s = Math.sqrt(control.meanVariance() + treatment.meanVariance());
    if (s == 0) {
      return new BayesianComparison(d > 0 ? 1 : d < 0 ? 0 : 0.5, Math.max(-d, 0));
    }
    var normal = TwoProportionTest.STANDARD_NORMAL;
    double z = d / s;
    double chance = normal.cumulativeProbability(z);
    double loss = s * normal.density(z) - d * normal.cumulativeProbability(-z);
    return new BayesianComparison(chance, Math.max(0, loss));
  }
}
