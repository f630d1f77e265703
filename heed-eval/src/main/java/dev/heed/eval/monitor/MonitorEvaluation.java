package dev.heed.eval.monitor;

import dev.heed.core.monitor.Alert;
import dev.heed.core.monitor.SpikeDetector;
import dev.heed.core.monitor.TopicSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a {@link SyntheticStream} hour by hour into a {@link TopicSeries}, checks each topic's
 * hour with a {@link SpikeDetector} once the hour is complete, and scores the alerts raised after
 * the first week (the warm-up) against the injected spikes.
 *
 * <p>A spike is detected when an alert of its topic and kind fires within {@code maxDelayHours}
 * hours after its start (delay 0: in its first hour). An alert is correct when it falls on a spike
 * of its topic and kind, from its start to {@code maxDelayHours} after its start or to its end,
 * whichever is later. Precision = correct alerts / alerts; recall = detected spikes / spikes; the
 * mean delay is over detected spikes.
 */
public final class MonitorEvaluation {
  /** The default detection window: an alert up to 3 hours after the start still counts. */
  public static final int DEFAULT_MAX_DELAY_HOURS = 3;

  /** The figures of one run. */
  public record Result(
      double precision, double recall, double meanDelayHours, int alerts, int spikes) {}

  private MonitorEvaluation() {}

  /** The stream of {@code ./heed eval monitor}: 12 topics, 28 days, 3 spikes of each kind. */
  public static SyntheticStream defaultStream(long seed) {
    return new SyntheticStream(seed, 12, 28, 3);
  }

  public static Result run(SyntheticStream stream, SpikeDetector detector, int maxDelayHours) {
    TopicSeries series = new TopicSeries();
    List<Alert> alerts = new ArrayList<>();
    int warmup = 7 * 24;
    for (int h = 0; h < stream.hours(); h++) {
      for (SyntheticStream.TopicCounts c : stream.counts()) {
        series.add(c.topic(), h, c.documents()[h], c.negative()[h]);
        if (h >= warmup) {
          alerts.addAll(detector.check(series, c.topic(), h));
        }
      }
    }
    int correct = 0;
    for (Alert a : alerts) {
      boolean hit = false;
      for (SyntheticStream.Spike s : stream.spikes()) {
        long end = Math.max(s.start() + s.hours() - 1, s.start() + maxDelayHours);
        if (s.topic().equals(a.topic())
            && s.kind() == a.kind()
            && a.hour() >= s.start()
            && a.hour() <= end) {
          hit = true;
          break;
        }
      }
      if (hit) {
        correct++;
      }
    }
    int detected = 0;
    double delay = 0;
    for (SyntheticStream.Spike s : stream.spikes()) {
      long first = Long.MAX_VALUE;
      for (Alert a : alerts) {
        if (s.topic().equals(a.topic())
            && s.kind() == a.kind()
            && a.hour() >= s.start()
            && a.hour() <= s.start() + maxDelayHours) {
          first = Math.min(first, a.hour());
        }
      }
      if (first != Long.MAX_VALUE) {
        detected++;
        delay += first - s.start();
      }
    }
    return new Result(
        alerts.isEmpty() ? 0 : (double) correct / alerts.size(),
        stream.spikes().isEmpty() ? 0 : (double) detected / stream.spikes().size(),
        detected == 0 ? Double.NaN : delay / detected,
        alerts.size(),
        stream.spikes().size());
  }
}
