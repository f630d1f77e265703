package dev.heed.eval.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.heed.core.experiment.bandit.BanditPolicy;
import dev.heed.core.experiment.bandit.EpsilonGreedy;
import dev.heed.core.experiment.bandit.ThompsonSampling;
import dev.heed.core.experiment.bandit.UniformPolicy;
import dev.heed.testing.Seeds;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The closed-loop simulator: regret bands for the policies, and the accounting itself. */
class BanditSimulatorTest {
  private final long seed = Seeds.seed("BanditSimulatorTest");

  private static Map<String, BanditPolicy> policies() {
    Map<String, BanditPolicy> p = new LinkedHashMap<>();
    p.put("thompson", new ThompsonSampling());
    p.put("epsilon_greedy", new EpsilonGreedy(0.1));
    p.put("uniform", new UniformPolicy());
    return p;
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  @Test
  void thompsonHasFarLessRegretThanUniformAndEpsilonGreedyLiesBetween() {
    // Measured over 300 worlds of the defaults: Thompson/uniform at most 0.62 for one seed, the
    // median of three at most 0.40; epsilon-greedy/uniform's median of three at most 0.74.
    double[] thompson = new double[3];
    double[] greedy = new double[3];
    long clickGain = 0;
    for (int i = 0; i < 3; i++) {
      Map<String, PolicyResult> r =
          BanditSimulator.compare(SimulationConfig.defaults(seed + i), policies());
      double uniform = r.get("uniform").regret();
      thompson[i] = r.get("thompson").regret() / uniform;
      greedy[i] = r.get("epsilon_greedy").regret() / uniform;
      assertThat(thompson[i]).as("seed %d: Thompson / uniform regret", seed + i).isLessThan(0.8);
      clickGain += r.get("thompson").clicks() - r.get("uniform").clicks();
    }
    assertThat(median(thompson)).as("median Thompson / uniform regret").isLessThan(0.5);
    assertThat(median(greedy)).as("median epsilon-greedy / uniform regret").isLessThan(1.0);
    assertThat(clickGain).as("clicks Thompson earns over uniform").isPositive();
  }

  @Test
  void theSameSeedGivesTheSameFigures() {
    SimulationConfig c = SimulationConfig.defaults(seed).withRounds(5000);
    Map<String, PolicyResult> a = BanditSimulator.compare(c, policies());
    Map<String, PolicyResult> b = BanditSimulator.compare(c, policies());
    Map<String, PolicyResult> other =
        BanditSimulator.compare(SimulationConfig.defaults(seed + 1).withRounds(5000), policies());
    for (String name : a.keySet()) {
      assertThat(b.get(name).regret()).isEqualTo(a.get(name).regret());
      assertThat(b.get(name).clicks()).isEqualTo(a.get(name).clicks());
      assertThat(b.get(name).shows()).isEqualTo(a.get(name).shows());
      assertThat(other.get(name).regret()).isNotEqualTo(a.get(name).regret());
    }
  }

  @Test
  void regretIsTheGapToTheBestArmAndClicksFollowTheTrueProbabilities() {
    SimulationConfig c = SimulationConfig.defaults(seed).withRounds(10_000).withFatigue(0);
    AttentionWorld world = AttentionWorld.generate(c);
    int users = c.users();
    double[] mean = new double[c.arms()];
    for (int a = 0; a < c.arms(); a++) {
      for (int u = 0; u < users; u++) {
        mean[a] += world.attraction(u, a, 0) / users;
      }
    }
    int best = world.bestArm();
    int worst = 0;
    for (int a = 0; a < c.arms(); a++) {
      assertThat(mean[a]).isLessThanOrEqualTo(mean[best]);
      worst = mean[a] < mean[worst] ? a : worst;
    }
    double examined = 0;
    for (int t = 0; t < c.rounds(); t++) {
      examined += AttentionWorld.examination(world.rank(t));
    }
    int worstArm = worst;
    PolicyResult always = BanditSimulator.run(world, "best", (arms, random) -> best);
    PolicyResult never = BanditSimulator.run(world, "worst", (arms, random) -> worstArm);
    assertThat(always.regret()).isCloseTo(0, within(1e-9));
    assertThat(always.bestArmShare()).isEqualTo(1.0);
    assertThat(never.regret())
        .isCloseTo(examined * (mean[best] - mean[worst]), within(1e-6 * never.regret()));
    // Knowing each user would do better still: the oracle's gap is never smaller.
    assertThat(always.oracleRegret()).isGreaterThan(always.regret());
    for (PolicyResult r : BanditSimulator.compare(c, policies()).values()) {
      assertThat(r.oracleRegret()).isGreaterThanOrEqualTo(r.regret());
      double sd = Math.sqrt(r.expectedClicks());
      assertThat((double) r.clicks()).as(r.policy()).isCloseTo(r.expectedClicks(), within(5 * sd));
      assertThat(Arrays.stream(r.shows()).sum()).isEqualTo(c.rounds());
    }
  }

  @Test
  void fatigueWearsOutAnArmShownToTheSameUsers() {
    SimulationConfig c = SimulationConfig.defaults(seed).withRounds(10_000).withUsers(500);
    AttentionWorld fresh = AttentionWorld.generate(c.withFatigue(0));
    AttentionWorld tired = AttentionWorld.generate(c.withFatigue(0.5));
    int best = fresh.bestArm();
    BanditPolicy always = (arms, random) -> best;
    PolicyResult a = BanditSimulator.run(fresh, "fresh", always);
    PolicyResult b = BanditSimulator.run(tired, "tired", always);
    // Twenty showings per user: the arm's clicks drop, and other arms become the better choice.
    assertThat(b.expectedClicks()).isLessThan(0.5 * a.expectedClicks());
    assertThat(b.regret()).isGreaterThan(0.1 * b.expectedClicks());
    assertThat(a.regret()).isCloseTo(0, within(1e-9));
  }

  @Test
  void badConfigurationsAreRejected() {
    assertThatThrownBy(() -> SimulationConfig.defaults(1).withRounds(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rounds must be between 1 and 10000000, got -5");
    assertThatThrownBy(() -> SimulationConfig.defaults(1).withArms(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("arms must be between 2 and 1000");
    assertThatThrownBy(() -> SimulationConfig.defaults(1).withFatigue(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fatigue must be in [0, 10]");
  }
}
