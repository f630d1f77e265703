package dev.heed.core.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds spikes of a topic's hourly negative share and volume against a robust baseline.
 *
 * <p>The comparison hours are the same hour of day on each of the previous {@code seasonalDays}
 * days when {@code seasonal} is on and at least {@code minHistory} of them exist; otherwise the
 * previous {@code windowHours} hours (from the topic's first kept hour). For a value x of the
 * current hour and the comparison values v:
 *
 * <pre>
 *   baseline  = median(v)
 *   scale     = max(1.4826 · MAD(v), floor)        MAD(v) = median(|v - median(v)|)
 *   threshold = baseline + k · scale
 *   alert when x &gt; threshold and the hour holds at least minDocuments documents
 * </pre>
 *
 * 1.4826 · MAD estimates the standard deviation of normal noise while ignoring earlier spikes. The
 * floor keeps a flat history (MAD = 0) from alerting on counting noise: for volume it is
 * sqrt(max(baseline, 1)) (Poisson noise), for the negative share sqrt(p(1 - p) / n) with p =
 * max(baseline, 0.02) and n the current hour's documents (binomial noise). Volume history counts
 * empty hours as 0; share history uses only hours with documents.
 */
public record SpikeDetector(
    double k,
    boolean seasonal,
    int seasonalDays,
    int windowHours,
    int minHistory,
    long minDocuments) {
  public static final double DEFAULT_K = 3.5;

  public SpikeDetector {
    if (!(k > 0) || seasonalDays < 1 || windowHours < 1 || minHistory < 1 || minDocuments < 1) {
      throw new IllegalArgumentException(
          "k must be positive and seasonalDays, windowHours, minHistory, minDocuments at least 1");
    }
  }

  /** Seasonal over 7 days, else the previous 168 hours; 6 comparison hours, 10 documents. */
  public static SpikeDetector defaults() {
    return withK(DEFAULT_K);
  }

  public static SpikeDetector withK(double k) {
    return new SpikeDetector(k, true, 7, 168, 6, 10);
  }

  /** The alerts of {@code topic}'s {@code hour} (none, one or both kinds). */
  public List<Alert> check(TopicSeries series, String topic, long hour) {
    Bucket current = series.bucket(topic, hour);
    List<Alert> alerts = new ArrayList<>();
    if (current.documents() < minDocuments) {
      return alerts;
    }
    OptionalLong first = series.firstHour(topic);
    if (first.isEmpty() || first.getAsLong() >= hour) {
      return alerts;
    }
    List<Bucket> history = new ArrayList<>();
    if (seasonal) {
      for (int d = 1; d <= seasonalDays; d++) {
        long h = hour - 24L * d;
        if (h >= first.getAsLong()) {
          history.add(series.bucket(topic, h));
        }
      }
    }
    if (history.size() < minHistory) {
      history.clear();
      for (long h = Math.max(first.getAsLong(), hour - windowHours); h < hour; h++) {
        history.add(series.bucket(topic, h));
      }
    }
    if (history.size() < minHistory) {
      return alerts;
    }
    double[] volume = history.stream().mapToDouble(Bucket::documents).toArray();
    double medVolume = median(volume);
    double volumeScale =
        Math.max(1.4826 * mad(volume, medVolume), Math.sqrt(Math.max(medVolume, 1)));
    double volumeThreshold = medVolume + k * volumeScale;
    if (current.documents() > volumeThreshold) {
      alerts.add(
          new Alert(
              topic, Alert.Kind.VOLUME, hour, current.documents(), medVolume, volumeThreshold));
    }
    double[] share =
        history.stream()
            .filter(b -> b.documents() > 0)
            .mapToDouble(Bucket::negativeShare)
            .toArray();
    if (share.length >= minHistory) {
      double medShare = median(share);
      double p = Math.max(medShare, 0.02);
      double floor = Math.sqrt(p * (1 - p) / current.documents());
      double shareThreshold = medShare + k * Math.max(1.4826 * mad(share, medShare), floor);
      if (current.negativeShare() > shareThreshold) {
        alerts.add(
            new Alert(
                topic,
                Alert.Kind.NEGATIVE_SHARE,
                hour,
                current.negativeShare(),
                medShare,
                shareThreshold));
      }
    }
    return alerts;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static double mad(double[] values, double median) {
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.abs(values[i] - median);
    }
    return median(d);
  }
}
