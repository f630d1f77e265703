package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
  @Test
  void accuracyAndMacroF1ByHand() {
    List<String> truth = List.of("a", "a", "a", "b", "b", "c");
    List<String> predicted = List.of("a", "a", "b", "b", "a", "a");
    Map<String, Double> m = ClassificationMetrics.of(truth, predicted);
    assertThat(m.get("accuracy")).isCloseTo(3.0 / 6, within(1e-12));
    // a: tp 2, fp 2 (b->a, c->a), fn 1 -> 4/7; b: tp 1, fp 1, fn 1 -> 1/2; c: tp 0, fn 1 -> 0
    assertThat(m.get("macro_f1")).isCloseTo((4.0 / 7 + 0.5 + 0) / 3, within(1e-12));
  }

  @Test
  void refusesMisalignedInput() {
    assertThatThrownBy(() -> ClassificationMetrics.of(List.of("a"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
