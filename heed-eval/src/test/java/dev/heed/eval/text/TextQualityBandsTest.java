package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The n-gram classifier's accuracy on the real data sets, inside bands around the figures in
 * docs/evaluation.md (n-gram model only, so that the test does not spend minutes embedding).
 */
class TextQualityBandsTest {
  private static final Path DATA = Path.of("../../shared/data");

  private static TextClassificationEvaluation.Result ngramOnly(String relative, String task) {
    Path p = DATA.resolve(relative);
    assumeTrue(Files.exists(p), p.toAbsolutePath() + " is absent (../shared/data); skipped");
    TextDataset d = TextDatasets.load(p.toString(), "auto", task);
    return TextClassificationEvaluation.runWithoutFolds(d, null, 1, null, null, s -> {});
  }

  @Test
  void chnSentiCorpHotelSentiment() {
    TextClassificationEvaluation.Result r =
        ngramOnly("chnsenticorp-htl-all/ChnSentiCorp_htl_all.csv", "sentiment");
    assertThat(r.nTrain() + r.nTest()).isEqualTo(7765);
    assertThat(r.metrics().get("accuracy")).isBetween(0.89, 0.93);
  }

  @Test
  void sst2DevSentiment() {
    TextClassificationEvaluation.Result r = ngramOnly("sst2", "sentiment");
    assertThat(r.split()).isEqualTo("official");
    assertThat(r.nTest()).isEqualTo(872);
    assertThat(r.metrics().get("accuracy")).isBetween(0.80, 0.86);
  }
}
