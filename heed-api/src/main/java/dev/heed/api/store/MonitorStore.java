package dev.heed.api.store;

import java.util.List;

/**
 * The opinion monitor's durable state: hourly document and negative counts per topic, the alerts
 * raised, and the cursor of the review events already counted (the seq of the last one), so the
 * monitor follows the event log exactly once across restarts.
 */
public interface MonitorStore {
  /** The seq of the last event whose review (if any) is counted (0: none). */
  long cursor();

  /**
   * Adds {@code deltas} to the topics' hours and moves the cursor from {@code expectedCursor} to
   * {@code newCursor}, atomically. Returns false and changes nothing when the cursor is elsewhere.
   */
  boolean apply(List<TopicHour> deltas, long expectedCursor, long newCursor);

  /** Adds counts that do not come from the event log (documents posted to the monitor). */
  void add(List<TopicHour> deltas);

  /** Every topic's hours with {@code hour >= fromHour}, by hour then topic. */
  List<TopicHour> hours(long fromHour);

  /**
   * Stores the alert unless one of its topic, kind and hour exists; true when it was stored (so an
   * alert is raised once, whatever restarts and replicas do).
   */
  boolean raise(MonitorAlert alert);

  /** Sets the webhook delivery state of a stored alert. */
  void delivery(String topic, String kind, long hour, String delivery);

  /** The most recently raised alerts first, at most {@code limit}. */
  List<MonitorAlert> alerts(int limit);
}
