package dev.heed.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.core.experiment.bandit.BanditPolicy;
import dev.heed.core.experiment.bandit.EpsilonGreedy;
import dev.heed.core.experiment.bandit.ThompsonSampling;
import dev.heed.core.experiment.bandit.UniformPolicy;
import dev.heed.core.json.Json;
import dev.heed.eval.simulate.BanditSimulator;
import dev.heed.eval.simulate.PolicyResult;
import dev.heed.eval.simulate.SimulationConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Closed-loop simulations that print their figures (JSON with --json).",
    subcommands = {SimulateCommand.Bandit.class})
final class SimulateCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "bandit",
      mixinStandardHelpOptions = true,
      description =
          "Run Thompson sampling, epsilon-greedy and uniform over the same simulated traffic"
              + " (users with latent interests, arms with latent topics and quality, position bias,"
              + " fatigue) and report each policy's regret and clicks. The model is described in"
              + " docs/evaluation.md.")
  static final class Bandit implements Callable<Integer> {
    private static final SimulationConfig DEFAULTS = SimulationConfig.defaults(42);

    @Option(
        names = "--seed",
        paramLabel = "N",
        description = "Seed of the world, traffic and policies (default: ${DEFAULT-VALUE})")
    long seed = DEFAULTS.seed();

    @Option(
        names = "--rounds",
        paramLabel = "N",
        description = "Rounds, one user visit each (default: ${DEFAULT-VALUE})")
    int rounds = DEFAULTS.rounds();

    @Option(
        names = "--arms",
        paramLabel = "N",
        description = "Arms: items or headline variants (default: ${DEFAULT-VALUE})")
    int arms = DEFAULTS.arms();

    @Option(
        names = "--users",
        paramLabel = "N",
        description = "Simulated users (default: ${DEFAULT-VALUE})")
    int users = DEFAULTS.users();

    @Option(
        names = "--fatigue",
        paramLabel = "F",
        description =
            "Logit lost per earlier showing of an arm to the same user (default: ${DEFAULT-VALUE})")
    double fatigue = DEFAULTS.fatigue();

    @Option(
        names = "--epsilon",
        paramLabel = "E",
        description = "Exploration rate of epsilon-greedy, in [0, 1] (default: ${DEFAULT-VALUE})")
    double epsilon = 0.1;

    @Option(names = "--json", description = "Print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
      SimulationConfig config =
          new SimulationConfig(
              seed, rounds, arms, users, DEFAULTS.dimensions(), DEFAULTS.positions(), fatigue);
      Map<String, BanditPolicy> policies = new LinkedHashMap<>();
      policies.put("thompson", new ThompsonSampling());
      policies.put("epsilon_greedy", new EpsilonGreedy(epsilon));
      policies.put("uniform", new UniformPolicy());
      Map<String, PolicyResult> results = BanditSimulator.compare(config, policies);
      if (json) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("seed", seed);
        out.put("rounds", rounds);
        out.put("arms", arms);
        out.put("users", users);
        out.put("fatigue", fatigue);
        out.put("epsilon", epsilon);
        ObjectNode byPolicy = out.putObject("policies");
        results.forEach(
            (name, r) -> {
              ObjectNode p = byPolicy.putObject(name);
              p.put("regret", round(r.regret()));
              p.put("oracle_regret", round(r.oracleRegret()));
              p.put("clicks", r.clicks());
              p.put("expected_clicks", round(r.expectedClicks()));
              p.put("best_arm_share", round(r.bestArmShare()));
            });
        System.out.println(Json.mapper().writeValueAsString(out));
      } else {
        System.out.printf(
            Locale.ROOT,
            "bandit simulation: %,d rounds, %,d arms, %,d users, fatigue %s, epsilon %s, seed %d%n",
            rounds,
            arms,
            users,
            fatigue,
            epsilon,
            seed);
        System.out.printf(
            Locale.ROOT,
            "  %-15s %10s %14s %8s %16s %15s%n",
            "policy",
            "regret",
            "oracle regret",
            "clicks",
            "expected clicks",
            "best arm share");
        results.forEach(
            (name, r) ->
                System.out.printf(
                    Locale.ROOT,
                    "  %-15s %10.1f %14.1f %,8d %16.1f %15.3f%n",
                    name,
                    r.regret(),
                    r.oracleRegret(),
                    r.clicks(),
                    r.expectedClicks(),
                    r.bestArmShare()));
      }
      return 0;
    }
  }

  static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
