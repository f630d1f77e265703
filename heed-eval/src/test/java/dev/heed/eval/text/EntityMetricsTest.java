package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heed.eval.text.NerDataset.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityMetricsTest {
  private static Span per(int s, int e) {
    return new Span(s, e, "PER");
  }

  private static Span loc(int s, int e) {
    return new Span(s, e, "LOC");
  }

  @Test
  void exactMatchesScoreOne() {
    EntityMetrics m = new EntityMetrics();
    m.add(List.of(per(0, 3), loc(4, 6)), List.of(loc(4, 6), per(0, 3)));
    Map<String, Double> r = m.metrics();
    assertThat(r.get("precision")).isEqualTo(1.0);
    assertThat(r.get("recall")).isEqualTo(1.0);
    assertThat(r.get("f1")).isEqualTo(1.0);
    assertThat(r.get("f1_PER")).isEqualTo(1.0);
    assertThat(r.get("f1_LOC")).isEqualTo(1.0);
    assertThat(r.get("f1_ORG")).isZero(); // no ORG anywhere: 0, not NaN
  }

  @Test
  void aTypeMismatchIsAFalsePositiveAndAFalseNegative() {
    EntityMetrics m = new EntityMetrics();
    m.add(List.of(per(0, 2)), List.of(loc(0, 2)));
    Map<String, Double> r = m.metrics();
    assertThat(r.get("f1")).isZero();
    assertThat(r.get("recall_PER")).isZero();
    assertThat(r.get("precision_LOC")).isZero();
    assertThat(m.gold()).isEqualTo(1);
    assertThat(m.predicted()).isEqualTo(1);
    assertThat(m.correct()).isZero();
  }

  @Test
  void aBoundaryMismatchEarnsNoPartialCredit() {
    EntityMetrics m = new EntityMetrics();
    m.add(List.of(loc(0, 3)), List.of(loc(0, 2), loc(1, 3), loc(0, 4)));
    assertThat(m.metrics().get("f1")).isZero();
    assertThat(m.predicted()).isEqualTo(3);
  }

  @Test
  void microAveragedOverSentencesAndPerType() {
    EntityMetrics m = new EntityMetrics();
    // sentence 1: PER right, LOC missed; sentence 2: LOC right, a spurious PER, a duplicate
    m.add(List.of(per(0, 2), loc(3, 5)), List.of(per(0, 2)));
    m.add(List.of(loc(0, 2)), List.of(loc(0, 2), loc(0, 2), per(4, 6)));
    Map<String, Double> r = m.metrics();
    // 2 correct of 3 predicted (the duplicate counts once) and 3 gold
    assertThat(r.get("precision")).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(r.get("recall")).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(r.get("f1")).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(r.get("precision_PER")).isEqualTo(0.5);
    assertThat(r.get("recall_PER")).isEqualTo(1.0);
    assertThat(r.get("f1_PER")).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(r.get("precision_LOC")).isEqualTo(1.0);
    assertThat(r.get("recall_LOC")).isEqualTo(0.5);
    assertThat(r.keySet())
        .containsExactly(
            "precision",
            "recall",
            "f1",
            "precision_PER",
            "recall_PER",
            "f1_PER",
            "precision_LOC",
            "recall_LOC",
            "f1_LOC",
            "precision_ORG",
            "recall_ORG",
            "f1_ORG");
  }
}
