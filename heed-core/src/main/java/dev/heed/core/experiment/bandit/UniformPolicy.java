package dev.heed.core.experiment.bandit;

import org.apache.commons.rng.UniformRandomProvider;

/** Every arm equally often, whatever happened: the A/B-test split, and the baseline of regret. */
public record UniformPolicy() implements BanditPolicy {
  @Override
  public int choose(ArmStats arms, UniformRandomProvider random) {
    return random.nextInt(arms.size());
  }
}
