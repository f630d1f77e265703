package dev.heed.core.attention;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.api.store.AttentionCounts;
import dev.heed.api.store.RollupKey;
import dev.heed.api.store.RollupKey.Dimension;
import dev.heed.api.store.RollupKey.Granularity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns events into the rollup counts they add. An event on an item counts toward the item, its
 * creator ({@code item.author}), each of its categories and its topic (the item attribute {@code
 * "topic"}, a string or a list of strings), plus {@link Dimension#ALL}; and again toward the item,
 * creator and topic within each of the item's categories (scope = category), so rankings can be
 * filtered by category without reading the catalog. Each in an hour and a day bucket (UTC) of the
 * event's timestamp. An event on an item missing from the catalog counts toward the item and ALL
 * only.
 *
 * <p>Impressions, clicks, dwells (count, summed ms, histogram), completes, shares and likes are
 * counted; other kinds (dislike, rating, purchase, search, review) add nothing.
 */
public final class RollupDeltas {
  /** The item attribute read as the topic, until text analysis assigns topics. */
  public static final String TOPIC_ATTRIBUTE = "topic";

  private static final int IMPRESSIONS = 0;
  private static final int CLICKS = 1;
  private static final int DWELLS = 2;
  private static final int DWELL_MS = 3;
  private static final int COMPLETES = 4;
  private static final int SHARES = 5;
  private static final int LIKES = 6;
  private static final int HIST = 7;
  private static final int WIDTH = HIST + AttentionCounts.DWELL_BUCKETS;

  private final Map<RollupKey, long[]> sums = new HashMap<>();

  /** Whether an event of this kind adds to rollups (the item lookup can be skipped otherwise). */
  public static boolean counts(Event e) {
    return switch (e) {
      case Event.Impression x -> true;
      case Event.Click x -> true;
      case Event.Dwell x -> true;
      case Event.Complete x -> true;
      case Event.Share x -> true;
      case Event.Like x -> true;
      case Event.Dislike x -> false;
      case Event.Rating x -> false;
      case Event.Purchase x -> false;
      case Event.Search x -> false;
      case Event.Review x -> false;
    };
  }

  /**
   * Adds one event. {@code item} is the catalog's item for {@code e.itemId()}, or null when it is
   * not in the catalog.
   */
  public void add(Event e, Item item) {
    if (!counts(e) || e.itemId() == null) {
      return;
    }
    long ts = e.timestamp().toEpochMilli();
    List<String> categories = item == null ? List.of() : distinct(item.categories());
    List<String> topics = item == null ? List.of() : topics(item);
    String creator = item == null || blank(item.author()) ? null : item.author();
    for (Granularity g : Granularity.values()) {
      long start = g.floor(ts);
      add(new RollupKey(Dimension.ALL, "", "", g, start), e);
      for (String scope : scopes(categories)) {
        add(new RollupKey(Dimension.ITEM, scope, e.itemId(), g, start), e);
        if (creator != null) {
          add(new RollupKey(Dimension.CREATOR, scope, creator, g, start), e);
        }
        for (String t : topics) {
          add(new RollupKey(Dimension.TOPIC, scope, t, g, start), e);
        }
      }
      for (String c : categories) {
        add(new RollupKey(Dimension.CATEGORY, "", c, g, start), e);
      }
    }
  }

  private static List<String> scopes(List<String> categories) {
    List<String> scopes = new ArrayList<>(categories.size() + 1);
    scopes.add("");
    scopes.addAll(categories);
    return scopes;
  }

  private void add(RollupKey key, Event e) {
    long[] s = sums.computeIfAbsent(key, k -> new long[WIDTH]);
    switch (e) {
      case Event.Impression x -> s[IMPRESSIONS]++;
      case Event.Click x -> s[CLICKS]++;
      case Event.Dwell x -> {
        long ms = Math.max(0, x.dwellMs());
        s[DWELLS]++;
        s[DWELL_MS] += ms;
        s[HIST + DwellHistogram.bucket(ms)]++;
      }
      case Event.Complete x -> s[COMPLETES]++;
      case Event.Share x -> s[SHARES]++;
      case Event.Like x -> s[LIKES]++;
      case Event.Dislike x -> {}
      case Event.Rating x -> {}
      case Event.Purchase x -> {}
      case Event.Search x -> {}
      case Event.Review x -> {}
    }
  }

  /** The counts added so far, one entry per touched row. */
  public Map<RollupKey, AttentionCounts> result() {
    Map<RollupKey, AttentionCounts> out = new HashMap<>(sums.size() * 2);
    sums.forEach((k, s) -> out.put(k, counts(s)));
    return out;
  }

  public boolean isEmpty() {
    return sums.isEmpty();
  }

  private static AttentionCounts counts(long[] s) {
    long[] h = new long[AttentionCounts.DWELL_BUCKETS];
    System.arraycopy(s, HIST, h, 0, h.length);
    return new AttentionCounts(
        s[IMPRESSIONS], s[CLICKS], s[DWELLS], s[DWELL_MS], s[COMPLETES], s[SHARES], s[LIKES], h);
  }

  /** The topics of an item: its {@code topic} attribute, a string or a list of strings. */
  static List<String> topics(Item item) {
    Object t = item.attributes().get(TOPIC_ATTRIBUTE);
    if (t instanceof String s) {
      return blank(s) ? List.of() : List.of(s);
    }
    if (t instanceof Collection<?> list) {
      Set<String> out = new LinkedHashSet<>();
      for (Object o : list) {
        if (o instanceof String s && !blank(s)) {
          out.add(s);
        }
      }
      return List.copyOf(out);
    }
    return List.of();
  }

  private static List<String> distinct(List<String> values) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) {
      if (!blank(v)) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
