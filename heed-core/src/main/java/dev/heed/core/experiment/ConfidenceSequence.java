package dev.heed.core.experiment;

/**
 * Always-valid inference for a difference (of rates or of means) that may be looked at after every
 * batch of users: with probability at least {@code 1 - alpha} the true difference lies inside the
 * interval at every look at once, so peeking and stopping early do not inflate false positives.
 *
 * <p>It is the two-sided normal mixture boundary of Howard, Ramdas, McAuliffe and Sekhon
 * ("Time-uniform, nonparametric, nonasymptotic confidence sequences", Annals of Statistics 49(2),
 * 2021): a sum {@code S} with intrinsic time {@code v} stays inside {@code |S| < sqrt((v + ρ)
 * log((v + ρ) / (ρ α²)))} at all times with probability {@code 1 - α}. Measuring intrinsic time in
 * effective users {@code v = n_C n_T / (n_C + n_T)} and {@code S = v (estimate - Δ) / σ}, with the
 * per-user standard deviation {@code σ = se √v} taken from the estimate's standard error {@code se}
 * (a large-sample plug-in, as in Waudby-Smith et al., "Time-uniform central limit theory and
 * asymptotic confidence sequences", 2024), the sequence is
 *
 * <pre>  estimate ± se · sqrt((1 + ρ / v) · log((v + ρ) / (ρ α²)))</pre>
 *
 * <p>The matching always-valid p-value is {@code min(1, 1 / M)} with the mixture martingale {@code
 * M = sqrt(ρ / (v + ρ)) · exp(v z² / (2 (v + ρ)))} and {@code z = estimate / se}; it is the mSPRT
 * of Johari, Pekelis and Walsh ("Always valid inference", 2017) with a normal mixture of variance
 * {@code σ² / ρ} on the effect. The p-value at the current look is already valid; a caller that
 * keeps every look may report their running minimum. {@code p ≤ α} exactly when the interval
 * excludes 0.
 *
 * @param alpha error probability over all looks
 * @param rho mixture precision in effective users; the interval is narrowest near {@code v ≈ ρ (2
 *     log(1/α) + log(1 + 2 log(1/α)))}, see {@link #tunedFor}
 */
public record ConfidenceSequence(double alpha, double rho) {
  public ConfidenceSequence {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
    }
    if (!(rho > 0) || Double.isInfinite(rho)) {
      throw new IllegalArgumentException("rho must be positive and finite, was " + rho);
    }
  }

  /**
   * The sequence narrowest at {@code effectiveUsers}, with Howard et al.'s choice {@code ρ = v / (2
   * log(1/α) + log(1 + 2 log(1/α)))}; it stays valid, only wider, at every other size.
   */
  public static ConfidenceSequence tunedFor(double alpha, double effectiveUsers) {
    if (!(effectiveUsers > 0)) {
      throw new IllegalArgumentException("effectiveUsers must be positive, was " + effectiveUsers);
    }
    double l = 2 * Math.log(1 / alpha);
    return new ConfidenceSequence(alpha, effectiveUsers / (l + Math.log(1 + l)));
  }

  /** {@code n_C n_T / (n_C + n_T)}: the size of one sample with the same information. */
  public static double effectiveUsers(long controlUsers, long treatmentUsers) {
    if (controlUsers <= 0 || treatmentUsers <= 0) {
      throw new IllegalArgumentException("both arms need users");
    }
    return (double) controlUsers * treatmentUsers / ((double) controlUsers + treatmentUsers);
  }

  /** The always-valid interval for the difference at this look. */
  public Interval interval(double estimate, double standardError, double effectiveUsers) {
    requirePositive(effectiveUsers);
    double v = effectiveUsers;
    double half =
        standardError * Math.sqrt((1 + rho / v) * Math.log((v + rho) / (rho * alpha * alpha)));
    return Interval.around(estimate, half);
  }

  /** The always-valid p-value for "the difference is 0" at this look. */
  public double pValue(double estimate, double standardError, double effectiveUsers) {
    requirePositive(effectiveUsers);
    if (standardError == 0) {
      return estimate == 0 ? 1 : 0;
    }
    double v = effectiveUsers;
    double z = estimate / standardError;
    double logM = 0.5 * Math.log(rho / (v + rho)) + v * z * z / (2 * (v + rho));
    return Math.min(1, Math.exp(-logM));
  }

  private static void requirePositive(double effectiveUsers) {
    if (!(effectiveUsers > 0)) {
      throw new IllegalArgumentException("effectiveUsers must be positive, was " + effectiveUsers);
    }
  }
}
