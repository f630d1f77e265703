package dev.heed.server.monitor;

import dev.heed.api.Event;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.MonitorAlert;
import dev.heed.api.store.MonitorStore;
import dev.heed.api.store.Store;
import dev.heed.api.store.StoredEvent;
import dev.heed.api.store.TopicHour;
import dev.heed.core.monitor.Alert;
import dev.heed.core.monitor.Bucket;
import dev.heed.core.monitor.SpikeDetector;
import dev.heed.core.monitor.TopicSeries;
import dev.heed.core.store.LogFollower;
import dev.heed.server.text.TextEngine;
import dev.heed.text.analyze.TextAnalysis;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opinion monitoring: documents are classified (sentiment; topic unless hinted) by the text engine,
 * counted per topic and hour, and each hour they touched is checked by a {@link SpikeDetector}; an
 * alert is raised at most once per topic, kind and hour and posted to the webhook when one is set.
 *
 * <p>Documents come from two places: {@link #record} (POST /v1/monitor/documents) and review events
 * in the event log, which a background thread follows behind a durable cursor ({@link
 * MonitorStore#apply} moves it in the transaction that adds the reviews' counts), so ingest never
 * waits for classification and a review is counted once across crashes and restarts.
 *
 * <p>The counts and alerts live in the store ({@link MonitorStore}); the detector reads a {@link
 * TopicSeries} in memory that is loaded from the store at start and updated after every write. The
 * webhook comes from the environment: {@code HEED_MONITOR_WEBHOOK_URL} and {@code
 * HEED_MONITOR_WEBHOOK_SECRET} (required with the URL, at least 16 characters).
 */
public final class MonitorEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MonitorEngine.class);
  public static final int MAX_ALERTS = 1_000;

  /** Events read (and their reviews classified) per transaction of the review follower. */
  static final int PAGE = 500;

  private static final int MAX_TOPIC_CHARS = 100;

  /** A document to classify and count; {@code topic} null means: the pipeline's top topic. */
  public record Document(String text, String topic, Instant timestamp) {}

  /**
   * What was found in one document; {@code counted} is false when its hour is older than the
   * topic's 30 days or the topic is new and 10,000 topics are already kept.
   */
  public record Recorded(
      String topic, String sentiment, boolean negative, Instant bucket, boolean counted) {}

  private final TextEngine text;
  private final Store store;
  private final SpikeDetector detector;
  private volatile AlertWebhook webhook;
  private final Clock clock;
  private final TopicSeries series = new TopicSeries();
  private final Object followLock = new Object();
  private final LogFollower follower = new LogFollower("heed-monitor-reviews", this::catchUp);

  public MonitorEngine(
      TextEngine text, Store store, SpikeDetector detector, AlertWebhook webhook, Clock clock) {
    this.text = text;
    this.store = store;
    this.detector = detector;
    this.webhook = webhook;
    this.clock = clock;
    for (TopicHour h : store.monitor().hours(Long.MIN_VALUE)) {
      series.add(h.topic(), h.hour(), h.documents(), h.negative());
    }
  }

  /**
   * The default detector with sensitivity {@code k}, and the webhook of {@code
   * HEED_MONITOR_WEBHOOK_URL}/{@code _SECRET}.
   */
  public static MonitorEngine fromEnvironment(
      TextEngine text, Store store, double k, Map<String, String> env) {
    String url = env.get("HEED_MONITOR_WEBHOOK_URL");
    AlertWebhook webhook =
        url == null || url.isBlank()
            ? null
            : new AlertWebhook(
                URI.create(url.trim()),
                env.get("HEED_MONITOR_WEBHOOK_SECRET"),
                Duration.ofSeconds(2));
    return new MonitorEngine(text, store, SpikeDetector.withK(k), webhook, Clock.systemUTC());
  }

  /** One classified document before it is counted. */
  private record Classified(String topic, String sentiment, long hour) {
    boolean negative() {
      return sentiment.equals("negative");
    }

    TopicHour delta() {
      return new TopicHour(topic, hour, 1, negative() ? 1 : 0);
    }
  }

  private Classified classify(Document doc) {
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
    Instant at = doc.timestamp() == null ? clock.instant() : doc.timestamp();
    return new Classified(topic, sentiment, Bucket.hourOf(at));
  }

  /** Classifies and counts documents (one store write), then checks the hours they touched. */
  public List<Recorded> record(List<Document> docs) {
    List<Classified> classified = docs.stream().map(this::classify).toList();
    store.monitor().add(classified.stream().map(Classified::delta).toList());
    List<Recorded> out = new ArrayList<>();
    Set<TopicHour> touched = new LinkedHashSet<>();
    for (Classified c : classified) {
      boolean counted = count(c, touched);
      out.add(
          new Recorded(
              c.topic(),
              c.sentiment(),
              c.negative(),
              Instant.ofEpochSecond(c.hour() * 3600),
              counted));
    }
    check(touched);
    return out;
  }

  /** Classifies and counts one document. */
  public Recorded record(Document doc) {
    return record(List.of(doc)).getFirst();
  }

  private boolean count(Classified c, Set<TopicHour> touched) {
    boolean counted = series.add(c.topic(), c.hour(), 1, c.negative() ? 1 : 0);
    if (counted) {
      touched.add(new TopicHour(c.topic(), c.hour(), 0, 0));
    }
    return counted;
  }

  private void check(Set<TopicHour> touched) {
    for (TopicHour t : touched) {
      for (Alert alert : detector.check(series, t.topic(), t.hour())) {
        raise(alert);
      }
    }
  }

  private void raise(Alert alert) {
    AlertWebhook hook = webhook;
    MonitorAlert stored =
        new MonitorAlert(
            alert.topic(),
            alert.kind().wireName(),
            alert.hour(),
            alert.value(),
            alert.baseline(),
            alert.threshold(),
            clock.instant(),
            hook == null ? "none" : "pending");
    if (!store.monitor().raise(stored)) {
      return; // raised before (by this process before a restart, or by another replica)
    }
    if (hook != null) {
      hook.send(
          payload(stored),
          ok -> {
            try {
              store
                  .monitor()
                  .delivery(
                      stored.topic(), stored.kind(), stored.hour(), ok ? "delivered" : "failed");
            } catch (RuntimeException e) {
              log.warn("could not record the delivery of an alert: {}", e.toString());
            }
          });
    }
  }

  // ---- review events from the log

  /**
   * Starts the thread that counts review events from the log (the server does; CLI commands that
   * open Heed do not, so an import never loads the text models).
   */
  public void start() {
    follower.start();
  }

  /** Asks the follower for a round soon (new events were committed). */
  public void nudge() {
    follower.nudge();
  }

  /** The last failure of the review follower (null when its last round succeeded). */
  public String lastError() {
    return follower.lastError();
  }

  /** Counts every review after the cursor; returns how many events were read. */
  public long catchUp() {
    synchronized (followLock) {
      long done = 0;
      while (!follower.closed()) {
        int n = round();
        if (n < 0) {
          continue; // another follower moved the cursor: read again from where it is now
        }
        done += n;
        if (n < PAGE) {
          return done;
        }
      }
      return done;
    }
  }

  /** Whether every event in the log is past the review cursor. */
  public boolean caughtUp() {
    return store.events().scan(EventQuery.all(1).after(store.monitor().cursor())).isEmpty();
  }

  /**
   * One page of the log after the cursor: its reviews classified, counted and the cursor moved in
   * one transaction. Returns the events read, or -1 when the cursor moved meanwhile.
   */
  private int round() {
    long cursor = store.monitor().cursor();
    List<StoredEvent> page = store.events().scan(EventQuery.all(PAGE).after(cursor));
    if (page.isEmpty()) {
      return 0;
    }
    List<Classified> classified = new ArrayList<>();
    for (StoredEvent se : page) {
      Document doc = review(se.event());
      if (doc != null) {
        classified.add(classify(doc));
      }
    }
    Map<TopicHour, long[]> sums = new LinkedHashMap<>();
    for (Classified c : classified) {
      long[] s = sums.computeIfAbsent(new TopicHour(c.topic(), c.hour(), 0, 0), k -> new long[2]);
      s[0]++;
      s[1] += c.negative() ? 1 : 0;
    }
    List<TopicHour> deltas = new ArrayList<>();
    sums.forEach((k, s) -> deltas.add(new TopicHour(k.topic(), k.hour(), s[0], s[1])));
    if (!store.monitor().apply(deltas, cursor, page.getLast().seq())) {
      return -1;
    }
    Set<TopicHour> touched = new LinkedHashSet<>();
    for (Classified c : classified) {
      count(c, touched);
    }
    check(touched);
    return page.size();
  }

  /**
   * The document of a review event with text: its context's {@code topic} (at most 100 characters)
   * is the topic hint; null for every other event.
   */
  static Document review(Event e) {
    return switch (e) {
      case Event.Review r when r.text() != null && !r.text().isBlank() -> {
        String topic = r.context().get("topic");
        boolean hint = topic != null && !topic.isBlank() && topic.length() <= MAX_TOPIC_CHARS;
        yield new Document(r.text(), hint ? topic.trim() : null, r.timestamp());
      }
      case Event.Review r -> null;
      case Event.Impression i -> null;
      case Event.Click c -> null;
      case Event.Dwell d -> null;
      case Event.Complete c -> null;
      case Event.Like l -> null;
      case Event.Dislike d -> null;
      case Event.Share s -> null;
      case Event.Rating r -> null;
      case Event.Purchase p -> null;
      case Event.Search s -> null;
    };
  }

  // ---- reading

  /** The webhook's JSON for an alert. */
  static Map<String, Object> payload(MonitorAlert a) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "heed.monitor.alert");
    p.put("alert", json(a));
    return p;
  }

  /** An alert as the API and the webhook show it. */
  public static Map<String, Object> json(MonitorAlert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("topic", a.topic());
    m.put("kind", a.kind());
    m.put("bucket", Instant.ofEpochSecond(a.hour() * 3600).toString());
    m.put("value", a.value());
    m.put("baseline", a.baseline());
    m.put("threshold", a.threshold());
    m.put("raised_at", a.raisedAt().toString());
    return m;
  }

  /** The most recent alerts first, at most {@code limit}, from the store. */
  public List<MonitorAlert> alerts(int limit) {
    return store.monitor().alerts(limit);
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
    follower.close();
    webhook(null);
  }
}
