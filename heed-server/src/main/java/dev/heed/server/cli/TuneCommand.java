package dev.heed.server.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.core.json.Json;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommenders;
import dev.heed.eval.RecommendEvaluation;
import dev.heed.eval.Tuner;
import dev.heed.eval.split.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description = {
      "Search a recommender's hyper-parameters on a validation split carved from the training data",
      "(the same protocol applied again to the training part; temporal for --protocol given), then",
      "report the best parameters and their metrics on the test split, which the search never sees."
    })
final class TuneCommand implements Callable<Integer> {
  @Mixin EvalCommand.DataOptions data;

  @Option(
      names = "--algorithm",
      defaultValue = "ials",
      description = "ials, ease, itemknn, rp3beta or trending (default: ${DEFAULT-VALUE})")
  String algorithm;

  @Option(
      names = "--trials",
      defaultValue = "20",
      description = "Parameter sets to try, the defaults first (default: ${DEFAULT-VALUE})")
  int trials;

  @Option(
      names = "--space",
      paramLabel = "KEY=V1,V2,...",
      description = "Candidate values of a parameter, repeatable (replaces its default range)")
  List<String> space = new ArrayList<>();

  @Option(
      names = "--param",
      paramLabel = "KEY=VALUE",
      description = "A parameter fixed in every trial, repeatable")
  List<String> fixed = new ArrayList<>();

  @Option(names = "--threads", description = "Threads (default: all cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--json", description = "Print one JSON object instead of lines")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (trials < 1) {
      throw new IllegalArgumentException("--trials must be at least 1");
    }
    Map<String, List<String>> grid = new TreeMap<>(Tuner.SPACES.getOrDefault(algorithm, Map.of()));
    for (String s : space) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--space " + s + " is not KEY=V1,V2,...");
      }
      grid.put(s.substring(0, eq), Arrays.asList(s.substring(eq + 1).split(",")));
    }
    if (grid.isEmpty()) {
      throw new IllegalArgumentException(
          algorithm + " has no default search space; give one with --space KEY=V1,V2,...");
    }
    Map<String, String> fixedParams = Params.pairs(fixed);
    Recommenders.create(algorithm, new Params(fixedParams)); // unknown names fail before the search
    ObjectNode stats = Json.mapper().createObjectNode();
    Split split = data.load(stats);
    Split validation = Tuner.validation(split, data.protocol, data.seed);
    System.err.printf(
        Locale.ROOT,
        "tune: %s, %d trials, validation: %,d training pairs, %,d users%n",
        algorithm,
        trials,
        validation.train().nnz(),
        validation.test().size());
    int[] done = {0};
    List<Tuner.Trial> ranked =
        Tuner.search(
            algorithm,
            grid,
            fixedParams,
            validation,
            trials,
            data.seed,
            threads,
            t ->
                System.err.printf(
                    Locale.ROOT,
                    "tune: trial %d/%d ndcg@20 %.4f %s%n",
                    ++done[0],
                    trials,
                    t.validationNdcg20(),
                    new TreeMap<>(t.params())));
    Tuner.Trial best = ranked.get(0);
    RecommendEvaluation.Result test =
        RecommendEvaluation.run(
            split,
            Recommenders.create(algorithm, Tuner.withThreads(algorithm, best.params(), threads)),
            threads,
            (s, d, t) -> {},
            null);
    ObjectNode out = Json.mapper().createObjectNode();
    out.set("dataset", stats);
    out.put("protocol", split.protocol());
    out.put("algorithm", algorithm);
    ObjectNode b = out.putObject("best");
    b.set("params", Json.mapper().valueToTree(new TreeMap<>(best.params())));
    b.put("validation_ndcg@20", best.validationNdcg20());
    ObjectNode metrics = b.putObject("test_metrics");
    test.metrics().forEach((k, v) -> metrics.put(k, Math.round(v * 1e6) / 1e6));
    ArrayNode all = out.putArray("trials");
    for (Tuner.Trial t : ranked) {
      ObjectNode o = all.addObject();
      o.set("params", Json.mapper().valueToTree(new TreeMap<>(t.params())));
      o.put("validation_ndcg@20", t.validationNdcg20());
    }
    if (json) {
      System.out.println(Json.mapper().writeValueAsString(out));
    } else {
      System.out.printf(
          Locale.ROOT,
          "best %s on validation: ndcg@20 %.4f with %s%n",
          algorithm,
          best.validationNdcg20(),
          new TreeMap<>(best.params()));
      System.out.printf(
          Locale.ROOT,
          "on the test split: ndcg@20 %.4f, recall@20 %.4f%n",
          test.metrics().get("ndcg@20"),
          test.metrics().get("recall@20"));
    }
    return 0;
  }
}
