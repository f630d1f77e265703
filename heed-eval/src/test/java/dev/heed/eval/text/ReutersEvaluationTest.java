package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.text.classify.LabeledText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReutersEvaluationTest {
  @Test
  void theThresholdWithTheBestF1WinsAndTiesGoNearestOneHalf() {
    // Positives at 0.9, 0.32, 0.31; negatives at 0.05 and 0.6: any t in (0.05, 0.31] misses
    // nothing and admits one false positive (F1 6/7); 0.3 is the one of those nearest 0.5.
    double[] p = {0.9, 0.32, 0.31, 0.05, 0.6};
    boolean[] truth = {true, true, true, false, false};
    assertThat(ReutersEvaluation.chooseThreshold(p, truth)).isEqualTo(0.3);
    // Perfectly separated at 0.5 and at 0.45 alike: 0.5 stays.
    assertThat(
            ReutersEvaluation.chooseThreshold(new double[] {0.8, 0.1}, new boolean[] {true, false}))
        .isEqualTo(0.5);
    // Only a high threshold keeps the false positives out.
    assertThat(
            ReutersEvaluation.chooseThreshold(
                new double[] {0.95, 0.65, 0.62, 0.61}, new boolean[] {true, false, false, false}))
        .isEqualTo(0.7);
  }

  @Test
  void aHeldOutSliceWithoutPositivesKeepsOneHalf() {
    List<LabeledText> fit = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      fit.add(new LabeledText("wheat harvest report " + i, "yes"));
      fit.add(new LabeledText("bank rate decision " + i, "no"));
    }
    List<LabeledText> held = List.of(new LabeledText("bank rate again", "no"));
    assertThat(ReutersEvaluation.bestThreshold(fit, held, 1)).isEqualTo(0.5);
  }
}
