package dev.heed.core.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hourly (documents, negative documents) per topic, in memory. Each topic keeps only the hours
 * within {@code retentionHours} of its newest one, and at most {@code maxTopics} topics are kept,
 * so memory stays bounded whatever the stream sends. Thread-safe.
 */
public final class TopicSeries {
  /** Thirty days of hours. */
  public static final int DEFAULT_RETENTION_HOURS = 30 * 24;

  public static final int DEFAULT_MAX_TOPICS = 10_000;

  private final int retentionHours;
  private final int maxTopics;
  private final Map<String, TreeMap<Long, long[]>> topics = new ConcurrentHashMap<>();

  public TopicSeries() {
    this(DEFAULT_RETENTION_HOURS, DEFAULT_MAX_TOPICS);
  }

  public TopicSeries(int retentionHours, int maxTopics) {
    if (retentionHours < 1 || maxTopics < 1) {
      throw new IllegalArgumentException("retentionHours and maxTopics must be positive");
    }
    this.retentionHours = retentionHours;
    this.maxTopics = maxTopics;
  }

  /**
   * Adds {@code documents} documents, {@code negative} of them negative, to a topic's hour.
   *
   * @return false when the topic is new and {@code maxTopics} are already kept, or the hour is
   *     older than the topic's retention; nothing is recorded then
   */
  public boolean add(String topic, long hour, long documents, long negative) {
    if (documents < 0 || negative < 0 || negative > documents) {
      throw new IllegalArgumentException("need 0 <= negative <= documents");
    }
    TreeMap<Long, long[]> hours = topics.get(topic);
    if (hours == null) {
      synchronized (topics) {
        hours = topics.get(topic);
        if (hours == null) {
          if (topics.size() >= maxTopics) {
            return false;
          }
          hours = new TreeMap<>();
          topics.put(topic, hours);
        }
      }
    }
    synchronized (hours) {
      if (!hours.isEmpty() && hour <= hours.lastKey() - retentionHours) {
        return false;
      }
      long[] c = hours.computeIfAbsent(hour, h -> new long[2]);
      c[0] += documents;
      c[1] += negative;
      long oldest = hours.lastKey() - retentionHours;
      hours.headMap(oldest, true).clear();
    }
    return true;
  }

  /** The topics with at least one kept hour, sorted. */
  public List<String> topics() {
    return topics.keySet().stream().sorted().toList();
  }

  /** One hour of a topic; an empty bucket when nothing arrived. */
  public Bucket bucket(String topic, long hour) {
    TreeMap<Long, long[]> hours = topics.get(topic);
    if (hours == null) {
      return new Bucket(hour, 0, 0);
    }
    synchronized (hours) {
      long[] c = hours.get(hour);
      return c == null ? new Bucket(hour, 0, 0) : new Bucket(hour, c[0], c[1]);
    }
  }

  /** The hours in {@code [fromHour, toHour)} in which documents arrived, oldest first. */
  public List<Bucket> range(String topic, long fromHour, long toHour) {
    TreeMap<Long, long[]> hours = topics.get(topic);
    List<Bucket> out = new ArrayList<>();
    if (hours == null || fromHour >= toHour) {
      return out;
    }
    synchronized (hours) {
      for (var e : hours.subMap(fromHour, toHour).entrySet()) {
        out.add(new Bucket(e.getKey(), e.getValue()[0], e.getValue()[1]));
      }
    }
    return out;
  }

  /** The first hour of a topic still kept, or empty. */
  public java.util.OptionalLong firstHour(String topic) {
    TreeMap<Long, long[]> hours = topics.get(topic);
    if (hours == null) {
      return java.util.OptionalLong.empty();
    }
    synchronized (hours) {
      return hours.isEmpty()
          ? java.util.OptionalLong.empty()
          : java.util.OptionalLong.of(hours.firstKey());
    }
  }
}
