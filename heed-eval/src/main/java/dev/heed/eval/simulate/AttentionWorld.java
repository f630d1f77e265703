package dev.heed.eval.simulate;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The ground truth of a simulation, drawn from the config's seed: users with latent interest
 * vectors, arms with latent topic vectors and a quality, and the traffic (which user comes in each
 * round, at which rank the slot is, and the uniform number that decides the click). Every policy is
 * run against the same world and traffic (common random numbers), so their figures differ only by
 * their choices.
 *
 * <p>Click probability: {@code P(click) = examination(rank) × σ(BASE + interest·topic + quality −
 * fatigue × earlier showings of the arm to the user)}, with {@code examination(r) = 1 / log2(r +
 * 1)} (position bias) and σ the logistic function.
 */
public final class AttentionWorld {
  /** The logit of an average arm for an average user: a click rate of about 12% when examined. */
  static final double BASE_LOGIT = -2.0;

  /** Spread of the arms' quality (logits). */
  static final double QUALITY_SD = 0.5;

  /** Spread of interest·topic (logits): how much users disagree about an arm. */
  static final double AFFINITY_SD = 0.5;

  private final SimulationConfig config;
  private final double[] logit; // users × arms, before fatigue
  private final int[] user;
  private final int[] rank;
  private final double[] coin;
  private final int bestArm;

  private AttentionWorld(SimulationConfig config) {
    this.config = config;
    int users = config.users();
    int arms = config.arms();
    int d = config.dimensions();
    UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(config.seed());
    ContinuousDistribution.Sampler normal = NormalDistribution.of(0, 1).createSampler(random);
    // Interests ~ N(0, s²/d) and topics ~ N(0, 1) per dimension, so interest·topic ~ (0, s²).
    double[][] interests = new double[users][d];
    for (double[] v : interests) {
      for (int k = 0; k < d; k++) {
        v[k] = normal.sample() * AFFINITY_SD / Math.sqrt(d);
      }
    }
    double[][] topics = new double[arms][d];
    double[] quality = new double[arms];
    for (int a = 0; a < arms; a++) {
      for (int k = 0; k < d; k++) {
        topics[a][k] = normal.sample();
      }
      quality[a] = normal.sample() * QUALITY_SD;
    }
    logit = new double[users * arms];
    double[] mean = new double[arms];
    for (int u = 0; u < users; u++) {
      for (int a = 0; a < arms; a++) {
        double dot = 0;
        for (int k = 0; k < d; k++) {
          dot += interests[u][k] * topics[a][k];
        }
        logit[u * arms + a] = BASE_LOGIT + dot + quality[a];
        mean[a] += sigmoid(logit[u * arms + a]);
      }
    }
    int best = 0;
    for (int a = 1; a < arms; a++) {
      if (mean[a] > mean[best]) {
        best = a;
      }
    }
    bestArm = best;
    int rounds = config.rounds();
    user = new int[rounds];
    rank = new int[rounds];
    coin = new double[rounds];
    for (int t = 0; t < rounds; t++) {
      user[t] = random.nextInt(users);
      rank[t] = 1 + random.nextInt(config.positions());
      coin[t] = random.nextDouble();
    }
  }

  public static AttentionWorld generate(SimulationConfig config) {
    return new AttentionWorld(config);
  }

  public SimulationConfig config() {
    return config;
  }

  /** The user who comes in round t. */
  public int user(int round) {
    return user[round];
  }

  /** The rank (from 1) at which the slot is shown in round t. */
  public int rank(int round) {
    return rank[round];
  }

  /** The uniform number of round t: the shown arm is clicked when it is below its probability. */
  public double coin(int round) {
    return coin[round];
  }

  /** The arm with the highest click probability averaged over the users, before any fatigue. */
  public int bestArm() {
    return bestArm;
  }

  /** The probability that a user looks at the slot at this rank: 1 / log2(rank + 1). */
  public static double examination(int rank) {
    return Math.log(2) / Math.log(rank + 1.0);
  }

  /** The true click probability of showing {@code arm} to {@code user} at {@code rank}. */
  public double clickProbability(int user, int arm, int rank, int earlierShowings) {
    return examination(rank) * attraction(user, arm, earlierShowings);
  }

  /** The probability that the user clicks the arm once they look at it. */
  public double attraction(int user, int arm, int earlierShowings) {
    return sigmoid(logit[user * config.arms() + arm] - config.fatigue() * earlierShowings);
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
