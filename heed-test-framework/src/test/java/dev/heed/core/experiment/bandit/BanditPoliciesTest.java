package dev.heed.core.experiment.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.heed.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Thompson sampling, epsilon-greedy and uniform on stationary Bernoulli arms. */
class BanditPoliciesTest {
  private final long seed = Seeds.seed("BanditPoliciesTest");

  /** Plays a policy on Bernoulli arms; the clicks come from their own seeded source. */
  private static List<Integer> play(
      BanditPolicy policy, ArmStats stats, double[] rates, int rounds, long seed) {
    UniformRandomProvider policyRandom = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    UniformRandomProvider world = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 1);
    List<Integer> choices = new ArrayList<>();
    for (int t = 0; t < rounds; t++) {
      int arm = policy.choose(stats, policyRandom);
      policy.update(stats, arm, world.nextDouble() < rates[arm]);
      choices.add(arm);
    }
    return choices;
  }

  @Test
  void thompsonConcentratesOnTheBetterOfTwoArms() {
    ArmStats stats = new ArmStats(2);
    List<Integer> choices =
        play(new ThompsonSampling(), stats, new double[] {0.15, 0.30}, 5000, seed);
    long best = choices.stream().filter(a -> a == 1).count();
    long bestLate = choices.subList(2500, 5000).stream().filter(a -> a == 1).count();
    assertThat(best).as("best-arm choices of 5000").isGreaterThan(4250);
    assertThat(bestLate).as("best-arm choices of the last 2500").isGreaterThan(2375);
    ArmStats.Counts good = stats.counts(1);
    assertThat(good.impressions()).isEqualTo(best);
    assertThat(good.rate()).isCloseTo(0.30, within(0.04));
    // The posterior is sure which arm is better: its draws for arm 1 almost always win.
    UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 2);
    ThompsonSampling ts = new ThompsonSampling();
    int wins = 0;
    for (int i = 0; i < 1000; i++) {
      if (ts.sample(stats.counts(1), random) > ts.sample(stats.counts(0), random)) {
        wins++;
      }
    }
    // The worse arm has few impressions, so its posterior stays wide: about 97% wins is seen.
    assertThat(wins).isGreaterThan(950);
  }

  @Test
  void posteriorDrawsFollowThePriorAndTheCounts() {
    UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ThompsonSampling optimistic = new ThompsonSampling(8, 2);
    ThompsonSampling uniform = new ThompsonSampling();
    double prior = 0;
    double posterior = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      prior += optimistic.sample(new ArmStats.Counts(0, 0), random);
      posterior += uniform.sample(new ArmStats.Counts(40, 10), random);
    }
    // Beta(8, 2) has mean 0.8 (sd 0.12); Beta(1 + 10, 1 + 30) has mean 11/42 (sd 0.067).
    assertThat(prior / n).isCloseTo(0.8, within(0.005));
    assertThat(posterior / n).isCloseTo(11.0 / 42, within(0.003));
    assertThatThrownBy(() -> new ThompsonSampling(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alpha > 0");
    assertThatThrownBy(() -> new ThompsonSampling(1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSameSeedGivesTheSameChoices() {
    double[] even = {0.5, 0.5, 0.5};
    for (BanditPolicy policy :
        new BanditPolicy[] {new ThompsonSampling(), new EpsilonGreedy(0.3), new UniformPolicy()}) {
      List<Integer> a = play(policy, new ArmStats(3), even, 2000, seed);
      List<Integer> b = play(policy, new ArmStats(3), even, 2000, seed);
      List<Integer> c = play(policy, new ArmStats(3), even, 2000, seed + 7);
      assertThat(b).as(policy.toString()).isEqualTo(a);
      assertThat(c).as(policy.toString()).isNotEqualTo(a);
    }
  }

  @Test
  void epsilonGreedyExploitsTheBestRateAndExploresAtRateEpsilon() {
    ArmStats stats = new ArmStats(3);
    for (int i = 0; i < 100; i++) {
      stats.record(0, i < 10);
      stats.record(1, i < 30);
      stats.record(2, i < 20);
    }
    UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    int[] greedy = new int[3];
    int[] explore = new int[3];
    int n = 30_000;
    for (int i = 0; i < n; i++) {
      greedy[new EpsilonGreedy(0).choose(stats, random)]++;
      explore[new EpsilonGreedy(1).choose(stats, random)]++;
    }
    assertThat(greedy).containsExactly(0, n, 0);
    for (int count : explore) {
      assertThat(count).isCloseTo(n / 3, within(420)); // 5 standard deviations
    }
    // A fresh arm is tried before the best known one; tied arms share the traffic.
    ArmStats withNew = new ArmStats(2);
    withNew.record(0, true);
    assertThat(new EpsilonGreedy(0).choose(withNew, random)).isEqualTo(1);
    ArmStats tied = new ArmStats(2);
    int first = 0;
    for (int i = 0; i < 2000; i++) {
      first += new EpsilonGreedy(0).choose(tied, random) == 0 ? 1 : 0;
    }
    assertThat(first).isBetween(850, 1150);
  }

  @Test
  void uniformIgnoresTheClicks() {
    ArmStats stats = new ArmStats(4);
    List<Integer> choices = play(new UniformPolicy(), stats, new double[] {0, 0, 0, 1}, 8000, seed);
    for (int a = 0; a < 4; a++) {
      final int arm = a;
      assertThat(choices.stream().filter(c -> c == arm).count()).isCloseTo(2000L, within(200L));
    }
  }

  @Test
  void badParametersAreRejected() {
    for (double e : new double[] {-0.1, 1.1, Double.NaN}) {
      assertThatThrownBy(() -> new EpsilonGreedy(e))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("epsilon must be in [0, 1]");
    }
    assertThatThrownBy(() -> new ArmStats(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ArmStats(2).record(2, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("arm 2 is outside [0, 2)");
  }
}
