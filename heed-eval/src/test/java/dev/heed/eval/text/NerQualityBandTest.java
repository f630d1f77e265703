package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HanLP's entities on MSRA inside bands around the figures in docs/ner.md: the first 2,000 test
 * sentences of the seeded split (seed 1), so that the test runs in seconds.
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
}
