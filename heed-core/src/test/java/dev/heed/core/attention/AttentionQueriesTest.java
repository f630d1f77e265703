package dev.heed.core.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.api.store.AttentionCounts;
import dev.heed.api.store.RollupKey.Dimension;
import dev.heed.api.store.RollupKey.Granularity;
import dev.heed.core.attention.AttentionQueries.Metric;
import dev.heed.core.store.memory.MemoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Series, top lists and trending over rollups kept from a memory store's log. */
class AttentionQueriesTest {
  private static final long HOUR = 3_600_000L;
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private final MemoryStore store = new MemoryStore();
  private final List<Event> events = new ArrayList<>();
  private int ids;

  private static Item item(String id, String author, String category, String topic) {
    return new Item(
        id,
        id,
        null,
        null,
        List.of(category),
        List.of(),
        author,
        T0,
        T0,
        null,
        false,
        Map.of("topic", topic));
  }

  private void clicks(String item, Instant at, int n) {
    for (int i = 0; i < n; i++) {
      events.add(new Event.Impression("e" + ids++, "u", item, at, null, null, null, null, null));
      events.add(new Event.Click("e" + ids++, "u", item, at, null));
    }
  }

  private AttentionQueries rolledUp() {
    store.events().append(events);
    new AttentionRollups(store).catchUp();
    return new AttentionQueries(store.attention());
  }

  @Test
  void seriesHasEveryBucketAndTopRanksWithinACategory() {
    store
        .items()
        .upsert(
            List.of(
                item("a", "ann", "news", "ai"),
                item("b", "bob", "news", "ai"),
                item("c", "ann", "sport", "ball")));
    clicks("a", T0.plusSeconds(3600 * 5), 3);
    clicks("a", T0.plusSeconds(86_400 + 60), 2);
    clicks("b", T0.plusSeconds(7200), 4);
    clicks("c", T0.plusSeconds(7200), 10);
    events.add(
        new Event.Impression("x", "u", "b", T0.plusSeconds(60), null, null, null, null, null));
    events.add(new Event.Dwell("d1", "u", "c", T0.plusSeconds(60), 30_000, null));
    AttentionQueries q = rolledUp();

    var series =
        q.series(
            Dimension.ITEM,
            "",
            "a",
            Granularity.DAY,
            T0.toEpochMilli(),
            T0.toEpochMilli() + 3 * 86_400_000L);
    assertThat(series.buckets()).extracting(b -> b.counts().clicks()).containsExactly(3L, 2L, 0L);
    assertThat(series.totals().impressions()).isEqualTo(5);
    // the prior is the population over the same buckets: 19 clicks of 20 impressions
    assertThat(series.prior().ctr()).isCloseTo(20 / 22.0, within(1e-12));

    long from = T0.toEpochMilli() + HOUR / 2; // rounded down to the hour
    long to = T0.toEpochMilli() + 2 * 86_400_000L;
    assertThat(q.top(Metric.CLICKS, Dimension.ITEM, null, from, to, 10).entries())
        .extracting(AttentionQueries.Ranked::key)
        .containsExactly("c", "a", "b");
    assertThat(q.top(Metric.CLICKS, Dimension.ITEM, "news", from, to, 10).entries())
        .extracting(r -> r.key() + "=" + (long) r.value())
        .containsExactly("a=5", "b=4");
    assertThat(q.top(Metric.CLICKS, Dimension.CREATOR, null, from, to, 1).entries())
        .extracting(AttentionQueries.Ranked::key)
        .containsExactly("ann");
    assertThat(q.top(Metric.IMPRESSIONS, Dimension.TOPIC, "news", from, to, 5).entries())
        .extracting(r -> r.key() + "=" + (long) r.value())
        .containsExactly("ai=10");
    assertThat(q.top(Metric.DWELL, Dimension.ITEM, null, from, to, 5).entries())
        .extracting(r -> r.key() + "=" + r.value())
        .containsExactly("c=30.0");
    // a range of hours only (no whole day) reads hour rows: a's clicks at 05:00 only
    assertThat(
            q.top(
                    Metric.CLICKS,
                    Dimension.ITEM,
                    null,
                    T0.toEpochMilli() + 4 * HOUR,
                    T0.toEpochMilli() + 6 * HOUR,
                    5)
                .entries())
        .extracting(r -> r.key() + "=" + (long) r.value())
        .containsExactly("a=3");
    // a ragged range: 02:00 on day 1 to 01:00 on day 3 = hours of day 1, the whole of day 2,
    // an hour of day 3
    long raggedFrom = T0.toEpochMilli() + 6 * HOUR;
    long raggedTo = T0.toEpochMilli() + 49 * HOUR;
    AttentionCounts a = q.totals(Dimension.ITEM, "", raggedFrom, raggedTo, List.of("a")).get("a");
    assertThat(a.clicks()).isEqualTo(2);
    // every key's scalar sums agree with the full sums, without the histogram
    AttentionCounts scalar = q.totals(Dimension.ITEM, "", raggedFrom, raggedTo, null).get("a");
    assertThat(scalar.clicks()).isEqualTo(a.clicks());
    assertThat(scalar.dwellMs()).isEqualTo(a.dwellMs());
    // a top list ranks on scalar sums but hands out the entries' full counts (dwell histogram)
    var byDwell = q.top(Metric.DWELL, Dimension.ITEM, null, from, to, 5).entries().getFirst();
    assertThat(byDwell.counts())
        .isEqualTo(q.totals(Dimension.ITEM, "", T0.toEpochMilli(), to, List.of("c")).get("c"));
    assertThat(byDwell.counts().dwellHistogram())
        .isNotEqualTo(new long[AttentionCounts.DWELL_BUCKETS]);
  }

  @Test
  void trendingComparesRecentDecayedEngagementWithTheItemsOwnBaseline() {
    store.items().upsert(List.of(item("steady", "s", "c", "t"), item("hot", "h", "c", "t")));
    Instant now = T0.plusSeconds(10 * 86_400); // 03-11T00:00
    // baseline days 03-04..03-09: steady 24 a day (1 an hour), hot 48 a day (2 an hour)
    for (int d = 3; d < 9; d++) {
      clicks("steady", T0.plusSeconds(d * 86_400L + 3600), 24);
      clicks("hot", T0.plusSeconds(d * 86_400L + 3600), 48);
    }
    // the last 24 hours: steady at 2 an hour, hot at 6 an hour
    for (int h = 0; h < 24; h++) {
      clicks("steady", now.minusSeconds(3600L * (h + 1)), 2);
      clicks("hot", now.minusSeconds(3600L * (h + 1)), 6);
    }
    AttentionQueries q = rolledUp();
    var top = q.top(Metric.TRENDING, Dimension.ITEM, null, 0, now.toEpochMilli(), 5).entries();
    assertThat(top).extracting(AttentionQueries.Ranked::key).containsExactly("hot", "steady");
    assertThat(top.get(0).value()).isCloseTo(6 / (2 + 1.0), within(1e-9));
    assertThat(top.get(1).value()).isCloseTo(2 / (1 + 1.0), within(1e-9));
  }
}
