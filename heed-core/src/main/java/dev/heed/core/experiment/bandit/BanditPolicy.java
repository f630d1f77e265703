package dev.heed.core.experiment.bandit;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Chooses which arm (an item, a headline variant) to show from the arms' click statistics. The
 * policies here keep no state of their own: everything they learn is in {@link ArmStats}, so one
 * policy serves many bandits and many threads, each thread bringing its own random source.
 */
public interface BanditPolicy {
  /**
   * The arm to show next, in {@code [0, arms.size())}; all randomness comes from {@code random}.
   */
  int choose(ArmStats arms, UniformRandomProvider random);

  /** Learns from one showing of {@code arm} and whether it was clicked. */
  default void update(ArmStats arms, int arm, boolean clicked) {
    arms.record(arm, clicked);
  }
}
