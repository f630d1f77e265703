package dev.heed.eval.simulate;

/**
 * The simulated traffic of a bandit simulation: {@code rounds} visits by {@code users} users to a
 * slot that shows one of {@code arms} arms (items or headline variants) at a rank in {@code [1,
 * positions]}; latent vectors of {@code dimensions}; each earlier showing of an arm to a user
 * lowers its logit by {@code fatigue}. Everything random derives from {@code seed}.
 */
public record SimulationConfig(
    long seed, int rounds, int arms, int users, int dimensions, int positions, double fatigue) {
  public static final int MAX_ROUNDS = 10_000_000;
  public static final int MAX_ARMS = 1_000;
  public static final long MAX_USER_ARMS = 10_000_000;

  public SimulationConfig {
    // Bounded so that a typo cannot ask for gigabytes: the traffic is drawn up front.
    check(
        rounds >= 1 && rounds <= MAX_ROUNDS,
        "rounds must be between 1 and " + MAX_ROUNDS + ", got " + rounds);
    check(
        arms >= 2 && arms <= MAX_ARMS, "arms must be between 2 and " + MAX_ARMS + ", got " + arms);
    check(users >= 1, "users must be at least 1, got " + users);
    check(dimensions >= 1, "dimensions must be at least 1, got " + dimensions);
    check(positions >= 1, "positions must be at least 1, got " + positions);
    check(fatigue >= 0 && fatigue <= 10, "fatigue must be in [0, 10], got " + fatigue);
    check(
        (long) users * arms <= MAX_USER_ARMS,
        "users × arms must be at most " + MAX_USER_ARMS + ", got " + (long) users * arms);
  }

  /** The defaults of {@code ./heed simulate bandit}: a few seconds for the three policies. */
  public static SimulationConfig defaults(long seed) {
    return new SimulationConfig(seed, 20_000, 10, 10_000, 8, 10, 0.25);
  }

  public SimulationConfig withRounds(int rounds) {
    return new SimulationConfig(seed, rounds, arms, users, dimensions, positions, fatigue);
  }

  public SimulationConfig withArms(int arms) {
    return new SimulationConfig(seed, rounds, arms, users, dimensions, positions, fatigue);
  }

  public SimulationConfig withUsers(int users) {
    return new SimulationConfig(seed, rounds, arms, users, dimensions, positions, fatigue);
  }

  public SimulationConfig withFatigue(double fatigue) {
    return new SimulationConfig(seed, rounds, arms, users, dimensions, positions, fatigue);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
