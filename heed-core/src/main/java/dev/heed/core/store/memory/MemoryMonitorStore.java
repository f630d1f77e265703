package dev.heed.core.store.memory;

import dev.heed.api.store.MonitorAlert;
import dev.heed.api.store.MonitorStore;
import dev.heed.api.store.TopicHour;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The monitor's state in the heap, under the memory store's one lock. */
final class MemoryMonitorStore implements MonitorStore {
  private record HourKey(long hour, String topic) implements Comparable<HourKey> {
    @Override
    public int compareTo(HourKey o) {
      int c = Long.compare(hour, o.hour);
      return c != 0 ? c : topic.compareTo(o.topic);
    }
  }

  private final Object lock;
  private final TreeMap<HourKey, long[]> hours = new TreeMap<>();
  private final Map<String, MonitorAlert> alerts = new LinkedHashMap<>();
  private long cursor;

  MemoryMonitorStore(Object lock) {
    this.lock = lock;
  }

  @Override
  public long cursor() {
    synchronized (lock) {
      return cursor;
    }
  }

  @Override
  public boolean apply(List<TopicHour> deltas, long expectedCursor, long newCursor) {
    synchronized (lock) {
      if (cursor != expectedCursor) {
        return false;
      }
      add(deltas);
      cursor = newCursor;
      return true;
    }
  }

  @Override
  public void add(List<TopicHour> deltas) {
    synchronized (lock) {
      for (TopicHour d : deltas) {
        long[] c = hours.computeIfAbsent(new HourKey(d.hour(), d.topic()), k -> new long[2]);
        c[0] += d.documents();
        c[1] += d.negative();
      }
    }
  }

  @Override
  public List<TopicHour> hours(long fromHour) {
    synchronized (lock) {
      List<TopicHour> out = new ArrayList<>();
      hours
          .tailMap(new HourKey(fromHour, ""), true)
          .forEach((k, c) -> out.add(new TopicHour(k.topic(), k.hour(), c[0], c[1])));
      return out;
    }
  }

  private static String key(String topic, String kind, long hour) {
    return topic + "\n" + kind + "\n" + hour;
  }

  @Override
  public boolean raise(MonitorAlert alert) {
    synchronized (lock) {
      return alerts.putIfAbsent(key(alert.topic(), alert.kind(), alert.hour()), alert) == null;
    }
  }

  @Override
  public void delivery(String topic, String kind, long hour, String delivery) {
    synchronized (lock) {
      alerts.computeIfPresent(
          key(topic, kind, hour),
          (k, a) ->
              new MonitorAlert(
                  a.topic(),
                  a.kind(),
                  a.hour(),
                  a.value(),
                  a.baseline(),
                  a.threshold(),
                  a.raisedAt(),
                  delivery));
    }
  }

  @Override
  public List<MonitorAlert> alerts(int limit) {
    synchronized (lock) {
      // Insertion order is raising order; the newest come first.
      return new ArrayList<>(alerts.values()).reversed().stream().limit(limit).toList();
    }
  }
}
