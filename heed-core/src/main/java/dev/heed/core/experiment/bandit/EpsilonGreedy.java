package dev.heed.core.experiment.bandit;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * With probability {@code epsilon} a uniformly random arm, otherwise the arm with the best click
 * rate so far. Arms never shown come first; ties are broken at random, so equal arms share the
 * traffic instead of the lowest index taking it all.
 */
public record EpsilonGreedy(double epsilon) implements BanditPolicy {
  public EpsilonGreedy {
    if (!(epsilon >= 0 && epsilon <= 1)) {
      throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
    }
  }

  @Override
  public int choose(ArmStats arms, UniformRandomProvider random) {
    if (random.nextDouble() < epsilon) {
      return random.nextInt(arms.size());
    }
    int best = -1;
    double bestRate = Double.NEGATIVE_INFINITY;
    int ties = 0;
    for (int a = 0; a < arms.size(); a++) {
      ArmStats.Counts c = arms.counts(a);
      double rate = c.impressions() == 0 ? Double.POSITIVE_INFINITY : c.rate();
      if (rate > bestRate) {
        best = a;
        bestRate = rate;
        ties = 1;
      } else if (rate == bestRate && random.nextInt(++ties) == 0) {
        best = a; // reservoir sampling: each tied arm ends up chosen with probability 1/ties
      }
    }
    return best;
  }
}
