package dev.heed.eval.simulate;

/**
 * What one policy achieved over a simulation (definitions in {@link BanditSimulator}): {@code
 * regret} against the best arm of each round, {@code oracleRegret} against the best arm for each
 * round's user; {@code clicks} the clicks drawn; {@code expectedClicks} the sum of the chosen arms'
 * click probabilities; {@code bestArmShare} the share of rounds that showed the arm best on average
 * before any fatigue; {@code shows} how often each arm was shown.
 */
public record PolicyResult(
    String policy,
    double regret,
    double oracleRegret,
    long clicks,
    double expectedClicks,
    double bestArmShare,
    long[] shows) {}
