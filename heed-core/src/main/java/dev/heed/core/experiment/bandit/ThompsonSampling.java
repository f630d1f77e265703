package dev.heed.core.experiment.bandit;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Beta-Bernoulli Thompson sampling: each arm's click rate has the posterior Beta(alpha + clicks,
 * beta + misses); the arm whose posterior draw is highest is shown, so an arm is chosen with the
 * probability that it is the best one.
 */
public record ThompsonSampling(double alpha, double beta) implements BanditPolicy {
  public ThompsonSampling {
    if (!(alpha > 0) || !(beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException(
          "the Beta prior needs finite alpha > 0 and beta > 0, got Beta("
              + alpha
              + ", "
              + beta
              + ")");
    }
  }

  /** The uniform prior Beta(1, 1). */
  public ThompsonSampling() {
    this(1, 1);
  }

  @Override
  public int choose(ArmStats arms, UniformRandomProvider random) {
    int best = 0;
    double bestDraw = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < arms.size(); a++) {
      double draw = sample(arms.counts(a), random);
      if (draw > bestDraw) {
        best = a;
        bestDraw = draw;
      }
    }
    return best;
  }

  /** One draw from the posterior of an arm with these counts. */
  public double sample(ArmStats.Counts counts, UniformRandomProvider random) {
    return BetaDistribution.of(alpha + counts.clicks(), beta + counts.misses())
        .createSampler(random)
        .sample();
  }
}
