package dev.heed.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spike detection on hand-made series. */
class SpikeDetectorTest {
  private static final long H0 = 480_000;

  private static List<Alert> scan(TopicSeries s, SpikeDetector d, long from, long to) {
    List<Alert> all = new ArrayList<>();
    for (long h = from; h < to; h++) {
      all.addAll(d.check(s, "t", h));
    }
    return all;
  }

  @Test
  void aFlatSeriesRaisesNothingEvenThoughItsMadIsZero() {
    TopicSeries s = new TopicSeries();
    for (long h = H0; h < H0 + 24 * 10; h++) {
      s.add("t", h, 40, 8);
    }
    assertThat(scan(s, SpikeDetector.defaults(), H0, H0 + 24 * 10)).isEmpty();
  }

  @Test
  void aJumpOfTheNegativeShareAlertsAtItsHourOnly() {
    TopicSeries s = new TopicSeries();
    for (long h = H0; h < H0 + 30; h++) {
      s.add("t", h, 40, h == H0 + 25 ? 30 : 8 + (h % 3)); // 20-25 %, then 75 %
    }
    List<Alert> alerts = scan(s, SpikeDetector.defaults(), H0, H0 + 30);
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.kind()).isEqualTo(Alert.Kind.NEGATIVE_SHARE);
    assertThat(a.hour()).isEqualTo(H0 + 25);
    assertThat(a.value()).isEqualTo(0.75);
    assertThat(a.baseline()).isEqualTo(0.225);
    assertThat(a.threshold()).isBetween(a.baseline(), a.value());
  }

  @Test
  void aJumpOfVolumeAlertsAsVolumeAndKeepsTheShareQuiet() {
    TopicSeries s = new TopicSeries();
    for (long h = H0; h < H0 + 30; h++) {
      long n = h == H0 + 20 ? 200 : 40;
      s.add("t", h, n, n / 5);
    }
    List<Alert> alerts = scan(s, SpikeDetector.defaults(), H0, H0 + 30);
    assertThat(alerts).extracting(Alert::kind).containsExactly(Alert.Kind.VOLUME);
    assertThat(alerts.get(0).hour()).isEqualTo(H0 + 20);
    assertThat(alerts.get(0).baseline()).isEqualTo(40);
    // MAD = 0: the Poisson floor sqrt(40) sets the threshold.
    assertThat(alerts.get(0).threshold()).isCloseTo(40 + 3.5 * Math.sqrt(40), within(1e-9));
  }

  @Test
  void seasonalBaselineAcceptsTheDailyPeakThatAFlatWindowWouldFlag() {
    TopicSeries s = new TopicSeries();
    for (long h = H0; h < H0 + 24 * 9; h++) {
      long n = h % 24 == 12 ? 120 : 30; // a daily peak at noon
      s.add("t", h, n, n / 5);
    }
    long from = H0 + 24 * 8;
    assertThat(scan(s, SpikeDetector.defaults(), from, from + 24)).isEmpty();
    var flat = new SpikeDetector(3.5, false, 7, 168, 6, 10);
    assertThat(scan(s, flat, from, from + 24)).extracting(Alert::kind).contains(Alert.Kind.VOLUME);
  }

  @Test
  void tooLittleHistoryOrTooFewDocumentsRaiseNothing() {
    TopicSeries s = new TopicSeries();
    for (long h = H0; h < H0 + 4; h++) {
      s.add("t", h, 40, 4);
    }
    s.add("t", H0 + 4, 400, 400);
    assertThat(scan(s, SpikeDetector.defaults(), H0, H0 + 5)).isEmpty();
    for (long h = H0 + 5; h < H0 + 20; h++) {
      s.add("t", h, 40, 4);
    }
    s.add("t", H0 + 20, 9, 9); // all negative, but below minDocuments
    assertThat(SpikeDetector.defaults().check(s, "t", H0 + 20)).isEmpty();
  }

  @Test
  void seriesKeepOnlyTheirRetention() {
    TopicSeries s = new TopicSeries(24, 2);
    s.add("t", H0, 5, 1);
    s.add("t", H0 + 30, 5, 1);
    assertThat(s.range("t", 0, Long.MAX_VALUE)).extracting(Bucket::hour).containsExactly(H0 + 30);
    assertThat(s.add("t", H0, 1, 0)).as("older than the retention").isFalse();
    assertThat(s.add("u", H0, 1, 0)).isTrue();
    assertThat(s.add("v", H0, 1, 0)).as("beyond maxTopics").isFalse();
    assertThat(s.topics()).containsExactly("t", "u");
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
