package dev.heed.eval.simulate;

import dev.heed.core.experiment.bandit.ArmStats;
import dev.heed.core.experiment.bandit.BanditPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A closed-loop simulation: in each round of an {@link AttentionWorld}'s traffic the policy chooses
 * an arm from the clicks it has seen so far, the world decides the click from the true probability
 * (position bias and fatigue included), and the policy learns from it. The simulator knows the true
 * probabilities, so it measures regret exactly instead of estimating it from clicks.
 *
 * <p>The policies do not see who the user is, so an arm's expected reward in a round is its click
 * probability averaged over the users who may come (each with their own fatigue so far), at the
 * round's rank; regret adds up, per round, the best arm's expected reward minus the chosen arm's.
 * Oracle regret compares with the best arm for the user who actually came instead: what a policy
 * that knows each user could still win.
 */
public final class BanditSimulator {
  /** Mixed into the seed for the policies' own random source, apart from the world's. */
  private static final long POLICY_STREAM = 0x9E3779B97F4A7C15L;

  private BanditSimulator() {}

  /**
   * Runs each policy on one world drawn from {@code config}; every policy gets the same traffic and
   * a random source seeded alike. The results keep the map's order.
   */
  public static Map<String, PolicyResult> compare(
      SimulationConfig config, Map<String, BanditPolicy> policies) {
    AttentionWorld world = AttentionWorld.generate(config);
    Map<String, PolicyResult> results = new LinkedHashMap<>();
    policies.forEach((name, policy) -> results.put(name, run(world, name, policy)));
    return results;
  }

  /** Runs one policy over the world's traffic. */
  public static PolicyResult run(AttentionWorld world, String name, BanditPolicy policy) {
    SimulationConfig c = world.config();
    int arms = c.arms();
    int users = c.users();
    UniformRandomProvider random =
        RandomSource.XO_RO_SHI_RO_128_PP.create(c.seed() ^ POLICY_STREAM);
    ArmStats stats = new ArmStats(arms);
    int[] showings = new int[users * arms]; // per user and arm, for fatigue
    // Per arm, the sum over users of the attraction with their fatigue so far, kept up to date.
    double[] attraction = new double[arms];
    for (int u = 0; u < users; u++) {
      for (int a = 0; a < arms; a++) {
        attraction[a] += world.attraction(u, a, 0);
      }
    }
    long[] shows = new long[arms];
    double regret = 0;
    double oracleRegret = 0;
    double expected = 0;
    long clicks = 0;
    for (int t = 0; t < c.rounds(); t++) {
      int user = world.user(t);
      double examination = AttentionWorld.examination(world.rank(t));
      int arm = policy.choose(stats, random);
      double bestMean = 0;
      double bestForUser = 0;
      for (int a = 0; a < arms; a++) {
        bestMean = Math.max(bestMean, attraction[a]);
        bestForUser = Math.max(bestForUser, world.attraction(user, a, showings[user * arms + a]));
      }
      int n = showings[user * arms + arm];
      double p = examination * world.attraction(user, arm, n);
      regret += examination * (bestMean - attraction[arm]) / users;
      oracleRegret += examination * bestForUser - p;
      expected += p;
      boolean clicked = world.coin(t) < p;
      if (clicked) {
        clicks++;
      }
      policy.update(stats, arm, clicked);
      attraction[arm] += world.attraction(user, arm, n + 1) - world.attraction(user, arm, n);
      showings[user * arms + arm] = n + 1;
      shows[arm]++;
    }
    return new PolicyResult(
        name,
        regret,
        oracleRegret,
        clicks,
        expected,
        (double) shows[world.bestArm()] / c.rounds(),
        shows);
  }
}
