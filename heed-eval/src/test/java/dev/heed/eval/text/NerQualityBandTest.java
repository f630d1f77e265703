package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.heed.text.analyze.EntityRecognizer;
import dev.heed.text.analyze.EntityTagger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Entities on MSRA inside bands around the figures in docs/evaluation.md: the first 2,000 test
 * sentences of the seeded split (seed 1), so that the tests run in seconds; HanLP's recognizers,
 * and the entity tagger trained on the first 20,000 training sentences.
 */
class NerQualityBandTest {
  private static final Path MSRA = Path.of("../../shared/data/dh-msra/dh_msra.zip");

  @Test
  void msraFirstTwoThousandTestSentences() {
    assumeTrue(Files.exists(MSRA), MSRA.toAbsolutePath() + " is absent (../shared/data); skipped");
    NerEvaluation.Split split = NerEvaluation.split(NerDataset.load(MSRA.toString()), null, 1);
    assertThat(split.train().size() + split.test().size()).isEqualTo(55_289);
    assertThat(split.test()).hasSize(11_058);
    EntityMetrics m = NerEvaluation.score(split.test().subList(0, 2000), done -> {});
    assertThat(m.gold()).isEqualTo(2993);
    Map<String, Double> r = m.metrics();
    // measured: f1 0.589, PER 0.552, LOC 0.725, ORG 0.394
    assertThat(r.get("f1")).isBetween(0.55, 0.63);
    assertThat(r.get("f1_PER")).isBetween(0.50, 0.61);
    assertThat(r.get("f1_LOC")).isBetween(0.68, 0.77);
    assertThat(r.get("f1_ORG")).isBetween(0.34, 0.45);
  }

  @Test
  void taggerTrainedOnTwentyThousandSentences() {
    assumeTrue(Files.exists(MSRA), MSRA.toAbsolutePath() + " is absent (../shared/data); skipped");
    NerEvaluation.Split split = NerEvaluation.split(NerDataset.load(MSRA.toString()), null, 1);
    EntityTagger tagger = NerEvaluation.train(split.train().subList(0, 20_000), 10, 1, e -> {});
    EntityMetrics m =
        NerEvaluation.score(
            split.test().subList(0, 2000), new EntityRecognizer(tagger), done -> {});
    Map<String, Double> r = m.metrics();
    // measured: f1 0.861, PER 0.876, LOC 0.883, ORG 0.808
    assertThat(r.get("f1")).isBetween(0.83, 0.89);
    assertThat(r.get("f1_PER")).isBetween(0.84, 0.91);
    assertThat(r.get("f1_LOC")).isBetween(0.85, 0.91);
    assertThat(r.get("f1_ORG")).isBetween(0.76, 0.85);
  }
}
