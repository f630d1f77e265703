package dev.heed.eval;

import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.Recommenders;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.eval.split.Split;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Random search over an algorithm's hyper-parameters, scored by NDCG@20 on a validation split
 * carved out of the training data with the same protocol ("given" becomes temporal, or random on
 * data without timestamps), so the test split is never looked at while choosing.
 */
public final class Tuner {
  /** Default search spaces: each parameter's candidate values. */
  public static final Map<String, Map<String, List<String>>> SPACES =
      Map.of(
          "ials",
          Map.of(
              "factors", List.of("16", "32", "64", "128"),
              "alpha", List.of("0.5", "1", "2", "5", "10", "20"),
              "reg", List.of("0.1", "1", "5", "20", "50"),
              "iterations", List.of("10", "15", "20"),
              "recency_half_life", List.of("0", "2", "5", "10")),
          "ease",
          Map.of(
              "reg", List.of("25", "50", "100", "200", "400", "800", "1600"),
              "recency_half_life", List.of("0", "2", "5", "10", "20")),
          "itemknn",
          Map.of(
              "neighbours", List.of("20", "50", "100", "200", "400"),
              "shrink", List.of("0", "5", "10", "25", "50", "100"),
              "recency_half_life", List.of("0", "2", "5", "10", "20")),
          "rp3beta",
          Map.of(
              "neighbours", List.of("50", "100", "200", "400", "800"),
              "alpha", List.of("0.2", "0.35", "0.5", "0.65", "0.8", "1"),
              "beta", List.of("0.2", "0.3", "0.4", "0.5", "0.6", "0.7"),
              "recency_half_life", List.of("0", "2", "3", "5", "10")),
          "trending",
          Map.of("half_life_hours", List.of("6", "24", "72", "168", "720", "2160", "8760")),
          // The blend's weights are learned by this search: each candidate is a weighting of the
          // sources, scored on validation like any other parameter.
          "blend",
          Map.of(
              "sources",
              List.of(
                  "rp3beta:1,ials:0.25",
                  "rp3beta:1,ials:0.5",
                  "rp3beta:1,ials:1",
                  "rp3beta:1,ials:0.5,itemknn:0.5",
                  "rp3beta:1,ials:1,popular:0.05",
                  "ials:1,itemknn:1,popular:0.05",
                  "ials:1,itemknn:1",
                  "ease:1,rp3beta:1",
                  "ease:1,ials:1",
                  "ease:1,rp3beta:1,ials:1")));

  /** One evaluated candidate. */
  public record Trial(Map<String, String> params, double validationNdcg20) {}

  private Tuner() {}

  /** The validation split: the training part of {@code split}, split again by {@code protocol}. */
  public static Split validation(Split split, String protocol, long seed) {
    String inner = protocol;
    if (protocol.equals("given")) {
      inner = split.train().maxTime() > 0 ? "temporal" : "random";
    }
    return RecommendEvaluation.resplit(split.train(), inner, seed);
  }

  /**
   * Tries {@code trials} parameter sets drawn from {@code space} (the first one is the defaults),
   * fixed parameters added to each; returns them best first.
   */
  public static List<Trial> search(
      String algorithm,
      Map<String, List<String>> space,
      Map<String, String> fixed,
      Split validation,
      int trials,
      long seed,
      int threads,
      Consumer<Trial> onTrial) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Map<String, String>> candidates = new ArrayList<>();
    candidates.add(new LinkedHashMap<>(fixed));
    int attempts = 0;
    while (candidates.size() < trials && attempts++ < trials * 50) {
      Map<String, String> p = new LinkedHashMap<>();
      space.forEach((k, values) -> p.put(k, values.get(random.nextInt(values.size()))));
      p.putAll(fixed);
      if (!candidates.contains(p)) {
        candidates.add(p);
      }
    }
    List<Trial> results = new ArrayList<>();
    for (Map<String, String> p : candidates) {
      Recommender r = Recommenders.create(algorithm, withThreads(algorithm, p, threads));
      var model = r.fit(validation.train(), TrainingListener.NONE);
      double ndcg =
          RecommendEvaluation.evaluate(validation, model, threads, null).summary().get("ndcg@20");
      Trial t = new Trial(Map.copyOf(p), ndcg);
      results.add(t);
      if (onTrial != null) {
        onTrial.accept(t);
      }
    }
    results.sort((a, b) -> Double.compare(b.validationNdcg20(), a.validationNdcg20()));
    return results;
  }

  /** Parameters for {@code algorithm}, with a thread count where the algorithm takes one. */
  public static Params withThreads(String algorithm, Map<String, String> p, int threads) {
    Map<String, String> all = new LinkedHashMap<>(p);
    if (List.of("ials", "itemknn", "rp3beta").contains(algorithm)) {
      all.putIfAbsent("threads", Integer.toString(threads));
    }
    return new Params(all);
  }
}
