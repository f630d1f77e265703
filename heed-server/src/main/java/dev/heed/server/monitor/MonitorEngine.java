package dev.heed.server.monitor;

import dev.heed.core.monitor.Alert;
import dev.heed.core.monitor.Bucket;
import dev.heed.core.monitor.SpikeDetector;
import dev.heed.core.monitor.TopicSeries;
import dev.heed.server.text.TextEngine;
import dev.heed.text.analyze.TextAnalysis;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opinion monitoring: documents are classified (sentiment; topic unless hinted) by the text engine,
 * counted per topic and hour in a {@link TopicSeries}, and each document's hour is checked by a
 * {@link SpikeDetector}; an alert is raised at most once per topic, kind and hour, kept among the
 * last {@link #MAX_ALERTS} and posted to the webhook when one is set.
 *
 * <p>State is in memory: series and alerts are lost on restart, and the documents themselves are
 * never stored. The webhook comes from the environment: {@code HEED_MONITOR_WEBHOOK_URL} and {@code
 * HEED_MONITOR_WEBHOOK_SECRET} (required with the URL, at least 16 characters).
 */
public final class MonitorEngine implements AutoCloseable {
  public static final int MAX_ALERTS = 1_000;

  /** A raised alert, when it was raised, and its webhook delivery. */
  public static final class RaisedAlert {
    private final Alert alert;
    private final Instant raisedAt;
    private volatile String delivery;

    RaisedAlert(Alert alert, Instant raisedAt, String delivery) {
      this.alert = alert;
      this.raisedAt = raisedAt;
      this.delivery = delivery;
    }

    public Alert alert() {
      return alert;
    }

    public Instant raisedAt() {
      return raisedAt;
    }

    /** none (no webhook), pending, delivered or failed (after every attempt). */
    public String delivery() {
      return delivery;
    }
  }

  /** A document to classify and count; {@code topic} null means: the pipeline's top topic. */
  public record Document(String text, String topic, Instant timestamp) {}

  /**
   * What was found in one document; {@code counted} is false when its hour is older than the
   * topic's 30 days or the topic is new and 10,000 topics are already kept.
   */
  public record Recorded(
      String topic, String sentiment, boolean negative, Instant bucket, boolean counted) {}

  private final TextEngine text;
  private final SpikeDetector detector;
  private volatile AlertWebhook webhook;
  private final Clock clock;
  private final TopicSeries series = new TopicSeries();
  private final ArrayDeque<RaisedAlert> alerts = new ArrayDeque<>();
  private final Set<String> raised = new HashSet<>();

  public MonitorEngine(TextEngine text, SpikeDetector detector, AlertWebhook webhook, Clock clock) {
    this.text = text;
    this.detector = detector;
    this.webhook = webhook;
    this.clock = clock;
  }

  /** The default detector, and the webhook of {@code HEED_MONITOR_WEBHOOK_URL}/{@code _SECRET}. */
  public static MonitorEngine fromEnvironment(TextEngine text, Map<String, String> env) {
    String url = env.get("HEED_MONITOR_WEBHOOK_URL");
    AlertWebhook webhook =
        url == null || url.isBlank()
            ? null
            : new AlertWebhook(
                URI.create(url.trim()),
                env.get("HEED_MONITOR_WEBHOOK_SECRET"),
                Duration.ofSeconds(2));
    return new MonitorEngine(text, SpikeDetector.defaults(), webhook, Clock.systemUTC());
  }

  /** Classifies and counts one document, then checks its topic's hour. */
  public Recorded record(Document doc) {
    TextAnalysis a =
        text.analyze(
            doc.text(),
            null,
            doc.topic() == null ? Set.of("sentiment", "topics") : Set.of("sentiment"));
    String topic = doc.topic();
    if (topic == null) {
      topic = a.topics() == null || a.topics().isEmpty() ? "other" : a.topics().get(0).label();
    }
    String sentiment = a.sentiment() == null ? "neutral" : a.sentiment().label();
    boolean negative = sentiment.equals("negative");
    Instant at = doc.timestamp() == null ? clock.instant() : doc.timestamp();
    long hour = Bucket.hourOf(at);
    boolean counted = series.add(topic, hour, 1, negative ? 1 : 0);
    if (counted) {
      for (Alert alert : detector.check(series, topic, hour)) {
        raise(alert);
      }
    }
    return new Recorded(topic, sentiment, negative, Instant.ofEpochSecond(hour * 3600), counted);
  }

  private void raise(Alert alert) {
    AlertWebhook hook = webhook;
    RaisedAlert r;
    synchronized (alerts) {
      if (!raised.add(alert.topic() + "\n" + alert.kind() + "\n" + alert.hour())) {
        return;
      }
      r = new RaisedAlert(alert, clock.instant(), hook == null ? "none" : "pending");
      alerts.addLast(r);
      if (alerts.size() > MAX_ALERTS) {
        RaisedAlert old = alerts.removeFirst();
        raised.remove(old.alert().topic() + "\n" + old.alert().kind() + "\n" + old.alert().hour());
      }
    }
    if (hook != null) {
      hook.send(payload(r), ok -> r.delivery = ok ? "delivered" : "failed");
    }
  }

  /** The webhook's JSON for an alert. */
  static Map<String, Object> payload(RaisedAlert r) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "heed.monitor.alert");
    p.put("alert", json(r));
    return p;
  }

  /** An alert as the API and the webhook show it. */
  public static Map<String, Object> json(RaisedAlert r) {
    Alert a = r.alert();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("topic", a.topic());
    m.put("kind", a.kind().wireName());
    m.put("bucket", a.bucket().toString());
    m.put("value", a.value());
    m.put("baseline", a.baseline());
    m.put("threshold", a.threshold());
    m.put("raised_at", r.raisedAt().toString());
    return m;
  }

  /** The most recent alerts first, at most {@code limit}. */
  public List<RaisedAlert> alerts(int limit) {
    synchronized (alerts) {
      return alerts.reversed().stream().limit(limit).toList();
    }
  }

  /**
   * Replaces the webhook (null: none) for alerts raised from now on; the environment sets the first
   * one. Deliveries already queued on the old one are dropped.
   */
  public void webhook(AlertWebhook webhook) {
    AlertWebhook old = this.webhook;
    this.webhook = webhook;
    if (old != null) {
      old.close();
    }
  }

  public TopicSeries series() {
    return series;
  }

  public SpikeDetector detector() {
    return detector;
  }

  @Override
  public void close() {
    webhook(null);
  }
}
