package dev.heed.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommenders;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.eval.data.Datasets;
import dev.heed.eval.split.Split;
import dev.heed.eval.split.TemporalHoldoutSplit;
import dev.heed.eval.split.Weighting;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NDCG@20 of every algorithm with default parameters, temporal protocol, must stay inside a band
 * around what it measured when the band was set (docs/evaluation.md): wide enough for numeric noise
 * and thread scheduling, tight enough to catch a broken algorithm (which falls to about the
 * popularity baseline or below).
 */
class QualityBandsTest {
  private static final Path ML100K = Path.of("../../shared/data/movielens-100k/u.data");

  private static double ndcg20(String data, String algorithm) {
    Split split =
        new TemporalHoldoutSplit(0.2, 5).split(Datasets.load(data, "auto", null), Weighting.BINARY);
    var model =
        Recommenders.create(algorithm, Params.none()).fit(split.train(), TrainingListener.NONE);
    return RecommendEvaluation.evaluate(split, model, 2, null).summary().get("ndcg@20");
  }

  /**
   * Measured 2026-12-01 (recency_half_life 5 by default): popular 0.182, itemknn 0.378, rp3beta
   * 0.328, ials 0.400, ease 0.437, blend 0.406.
   */
  @ParameterizedTest
  @CsvSource({
    "popular, 0.16, 0.20",
    "itemknn, 0.34, 0.42",
    "rp3beta, 0.29, 0.37",
    "ials,    0.35, 0.45",
    "ease,    0.39, 0.48",
    "blend,   0.36, 0.45"
  })
  void syntheticFixture(String algorithm, double low, double high) {
    assertThat(ndcg20("synthetic:2000,800,60000,7", algorithm)).isBetween(low, high);
  }

  /**
   * Measured 2026-12-01 (recency_half_life 5 by default): popular 0.121, itemknn 0.229, rp3beta
   * 0.251, ials 0.226, ease 0.250, blend 0.253.
   */
  @ParameterizedTest
  @CsvSource({
    "popular, 0.105, 0.135",
    "itemknn, 0.205, 0.250",
    "rp3beta, 0.225, 0.275",
    "ials,    0.205, 0.250",
    "ease,    0.225, 0.275",
    "blend,   0.230, 0.275"
  })
  void movieLens100k(String algorithm, double low, double high) {
    assumeTrue(
        Files.isRegularFile(ML100K),
        "MovieLens 100K is not at " + ML100K.toAbsolutePath() + " (../shared/data); skipped");
    assertThat(ndcg20(ML100K.toString(), algorithm)).isBetween(low, high);
  }
}
