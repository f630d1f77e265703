package dev.heed.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.api.Event;
import dev.heed.api.Experiment;
import dev.heed.api.Item;
import dev.heed.api.User;
import dev.heed.api.store.ApiKey;
import dev.heed.api.store.AttentionCounts;
import dev.heed.api.store.Erasure;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.EventStore.AppendStatus;
import dev.heed.api.store.MonitorAlert;
import dev.heed.api.store.RollupKey;
import dev.heed.api.store.RollupKey.Dimension;
import dev.heed.api.store.RollupKey.Granularity;
import dev.heed.api.store.RollupRow;
import dev.heed.api.store.Store;
import dev.heed.api.store.StoreCounts;
import dev.heed.api.store.StoredEvent;
import dev.heed.api.store.TopicHour;
import dev.heed.api.store.UserData;
import dev.heed.core.attention.AttentionRollups;
import dev.heed.core.attention.RollupDeltas;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Store} keeps. An implementation's test extends this class and says how
 * to open an empty store. Instants are compared at millisecond precision, which every store keeps.
 */
public abstract class StoreConformanceSuite {
  protected Store store;
  protected Generators gen;

  /** A new, empty store. */
  protected abstract Store openEmptyStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openEmptyStore();
    gen = new Generators(Seeds.seed(getClass().getSimpleName()));
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void itemsRoundTripWithEveryField() {
    Item a = gen.item("a");
    Item b =
        new Item(
            "b:2", "只有标题", null, null, List.of(), List.of(), null, null, null, null, false,
            Map.of());
    store.items().upsert(List.of(a, b));
    assertThat(store.items().get("a")).contains(a);
    assertThat(store.items().get("b:2")).contains(b);
    assertThat(store.items().get("missing")).isEmpty();
    assertThat(store.items().count()).isEqualTo(2);
  }

  @Test
  void upsertReplacesAnItem() {
    store.items().upsert(List.of(gen.item("a")));
    Item changed = gen.item("a");
    store.items().upsert(List.of(changed));
    assertThat(store.items().get("a")).contains(changed);
    assertThat(store.items().count()).isEqualTo(1);
  }

  @Test
  void deleteRemovesOnlyThatItem() {
    store.items().upsert(List.of(gen.item("a"), gen.item("b")));
    assertThat(store.items().delete("a")).isTrue();
    assertThat(store.items().delete("a")).isFalse();
    assertThat(store.items().get("a")).isEmpty();
    assertThat(store.items().get("b")).isPresent();
  }

  @Test
  void itemPagesVisitEveryItemOnceInIdOrder() {
    List<Item> items = IntStream.range(0, 57).mapToObj(i -> gen.item("item-" + i)).toList();
    store.items().upsert(items);
    List<String> seen = new ArrayList<>();
    String after = null;
    while (true) {
      List<Item> page = store.items().page(after, 10);
      page.forEach(i -> seen.add(i.id()));
      if (page.size() < 10) {
        break;
      }
      after = page.getLast().id();
    }
    List<String> expected = items.stream().map(Item::id).sorted().toList();
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void usersRoundTripAndPage() {
    List<User> users = IntStream.range(0, 25).mapToObj(i -> gen.user("user" + i)).toList();
    store.users().upsert(users);
    assertThat(store.users().get("user3")).contains(users.get(3));
    assertThat(store.users().count()).isEqualTo(25);
    User replaced =
        new User(
            "user3",
            Map.of("tier", "gold"),
            Map.of("analytics", false),
            Instant.parse("2026-02-01T00:00:00Z"));
    store.users().upsert(List.of(replaced));
    assertThat(store.users().get("user3")).contains(replaced);
    List<User> first = store.users().page(null, 20);
    List<User> rest = store.users().page(first.getLast().id(), 20);
    assertThat(first).hasSize(20);
    assertThat(rest).hasSize(5);
  }

  @Test
  void eventsOfEveryKindRoundTrip() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      events.add(gen.event("u" + (i % 7), "i" + (i % 13)));
    }
    assertThat(store.events().append(events)).containsOnly(AppendStatus.ACCEPTED).hasSize(200);
    List<Event> back =
        store.events().scan(EventQuery.all(1000)).stream().map(StoredEvent::event).toList();
    assertThat(back).isEqualTo(events);
    assertThat(store.events().count()).isEqualTo(200);
    Set<Class<?>> kinds = new HashSet<>();
    back.forEach(e -> kinds.add(e.getClass()));
    assertThat(kinds).hasSize(Event.class.getPermittedSubclasses().length);
  }

  @Test
  void appendIsIdempotentByEventId() {
    List<Event> batch = gen.events(50, 5, 10);
    store.events().append(batch);
    List<Event> again = new ArrayList<>(batch.subList(10, 20));
    Event fresh = gen.event("u1", "i1");
    again.add(fresh);
    again.add(fresh); // the same id twice in one batch: the second is a duplicate
    List<AppendStatus> statuses = store.events().append(again);
    assertThat(statuses.subList(0, 10)).containsOnly(AppendStatus.DUPLICATE);
    assertThat(statuses.get(10)).isEqualTo(AppendStatus.ACCEPTED);
    assertThat(statuses.get(11)).isEqualTo(AppendStatus.DUPLICATE);
    assertThat(store.events().count()).isEqualTo(51);
  }

  @Test
  void scansFilterByUserItemAndTimeAndPageInAppendOrder() {
    List<Event> events = gen.events(500, 10, 20);
    for (int i = 0; i < events.size(); i += 100) {
      store.events().append(events.subList(i, i + 100));
    }
    assertScan(EventQuery.byUser("u3", 7), events, e -> e.userId().equals("u3"));
    assertScan(EventQuery.byItem("i4", 7), events, e -> "i4".equals(e.itemId()));
    Instant from = Instant.parse("2026-02-01T00:00:00Z");
    Instant to = Instant.parse("2026-03-01T00:00:00Z");
    assertScan(
        EventQuery.between(from, to, 13),
        events,
        e -> !e.timestamp().isBefore(from) && e.timestamp().isBefore(to));
    assertScan(
        new EventQuery("u2", null, from, null, 0, 5),
        events,
        e -> e.userId().equals("u2") && !e.timestamp().isBefore(from));
  }

  private void assertScan(
      EventQuery query, List<Event> all, java.util.function.Predicate<Event> p) {
    List<Event> expected = all.stream().filter(p).toList();
    List<Event> got = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    store
        .events()
        .forEach(
            query,
            se -> {
              got.add(se.event());
              seqs.add(se.seq());
            });
    assertThat(got).as("scan %s", query).isEqualTo(expected);
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void countsCountEverything() {
    store.items().upsert(List.of(gen.item("a"), gen.item("b")));
    store.users().upsert(List.of(gen.user("u1")));
    store.events().append(gen.events(30, 3, 3));
    assertThat(store.counts()).isEqualTo(new StoreCounts(2, 1, 30));
  }

  @Test
  void exportHasTheUserAndOnlyTheirEvents() {
    store.users().upsert(List.of(gen.user("u1"), gen.user("u2")));
    List<Event> events = gen.events(100, 3, 5);
    store.events().append(events);
    UserData data = store.export("u1");
    assertThat(data.user()).isEqualTo(store.users().get("u1").orElseThrow());
    assertThat(data.events())
        .isEqualTo(events.stream().filter(e -> e.userId().equals("u1")).toList());
    assertThat(store.export("nobody")).isEqualTo(new UserData(null, List.of()));
  }

  @Test
  void eraseRemovesEveryRowOfTheUserAndNothingElse() {
    store.users().upsert(List.of(gen.user("u1"), gen.user("u2")));
    List<Event> events = gen.events(100, 3, 5);
    store.events().append(events);
    long mine = events.stream().filter(e -> e.userId().equals("u1")).count();
    Erasure erasure = store.erase("u1");
    assertThat(erasure).isEqualTo(new Erasure(true, mine));
    assertThat(store.users().get("u1")).isEmpty();
    assertThat(store.events().scan(EventQuery.byUser("u1", 10))).isEmpty();
    assertThat(store.export("u1")).isEqualTo(new UserData(null, List.of()));
    assertThat(store.events().count()).isEqualTo(100 - mine);
    assertThat(store.users().get("u2")).isPresent();
    assertThat(store.erase("u1")).isEqualTo(new Erasure(false, 0));
  }

  @Test
  void apiKeysArePutListedAndDeleted() {
    ApiKey k1 =
        new ApiKey(
            "k1",
            "ingest bot",
            "ab".repeat(32),
            Set.of(ApiKey.Scope.INGEST),
            Instant.parse("2026-01-01T00:00:00Z"));
    ApiKey k2 =
        new ApiKey(
            "k2",
            "admin",
            "cd".repeat(32),
            Set.of(ApiKey.Scope.ADMIN, ApiKey.Scope.READ),
            Instant.parse("2026-01-02T00:00:00Z"));
    store.apiKeys().put(k1);
    store.apiKeys().put(k2);
    assertThat(store.apiKeys().get("k2")).contains(k2);
    assertThat(store.apiKeys().list()).containsExactlyInAnyOrder(k1, k2);
    assertThat(store.apiKeys().delete("k1")).isTrue();
    assertThat(store.apiKeys().delete("k1")).isFalse();
    assertThat(store.apiKeys().list()).containsExactly(k2);
  }

  private static Experiment experiment(String id, String description, int weightB) {
    return new Experiment(
        id,
        null,
        description,
        List.of(new Experiment.Variant("A", 50), new Experiment.Variant("B", weightB)),
        null,
        "ctr",
        List.of(),
        null,
        Instant.parse("2026-03-01T10:00:00.123Z"));
  }

  @Test
  void experimentsArePutListedReplacedAndDeleted() {
    Experiment full =
        new Experiment(
            "exp:home-ranker",
            "salt-2026",
            "首页排序 vs baseline",
            List.of(
                new Experiment.Variant("control", 2),
                new Experiment.Variant("ials", 1),
                new Experiment.Variant("ease", 1)),
            "ials",
            "ctr",
            List.of("dislike_rate", "like_rate"),
            Experiment.Status.STOPPED,
            Instant.parse("2026-02-01T00:00:00.007Z"));
    Experiment minimal = experiment("a1", null, 50);
    store.experiments().put(full);
    store.experiments().put(minimal);
    assertThat(store.experiments().get("exp:home-ranker")).contains(full);
    assertThat(store.experiments().get("a1")).contains(minimal);
    assertThat(minimal.salt()).isEqualTo("a1");
    assertThat(minimal.control()).isEqualTo("A");
    assertThat(minimal.status()).isEqualTo(Experiment.Status.RUNNING);
    assertThat(store.experiments().get("missing")).isEmpty();
    assertThat(store.experiments().list()).containsExactly(minimal, full);

    Experiment changed = experiment("a1", "now 50/30", 30).withStatus(Experiment.Status.STOPPED);
    store.experiments().put(changed);
    assertThat(store.experiments().get("a1")).contains(changed);
    assertThat(store.experiments().list()).hasSize(2);

    assertThat(store.experiments().delete("a1")).isTrue();
    assertThat(store.experiments().delete("a1")).isFalse();
    assertThat(store.experiments().list()).containsExactly(full);
  }

  @Test
  void putIfAbsentKeepsTheFirstDefinitionEvenUnderConcurrency() throws Exception {
    Experiment first = experiment("e1", "first", 50);
    assertThat(store.experiments().putIfAbsent(first)).isEqualTo(first);
    assertThat(store.experiments().putIfAbsent(experiment("e1", "second", 10))).isEqualTo(first);
    assertThat(store.experiments().get("e1")).contains(first);

    int threads = 4;
    List<Future<Experiment>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        Experiment mine = experiment("race", "writer " + t, 10 + t);
        results.add(pool.submit(() -> store.experiments().putIfAbsent(mine)));
      }
    }
    Experiment winner = store.experiments().get("race").orElseThrow();
    for (Future<Experiment> f : results) {
      assertThat(f.get()).isEqualTo(winner);
    }
  }

  @Test
  void concurrentAppendsOfOverlappingBatchesStoreEachEventOnce() throws Exception {
    List<Event> events = gen.events(2_000, 50, 100);
    int threads = 4;
    Map<String, Integer> accepted = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<Event> mine = new ArrayList<>(events);
        Collections.shuffle(mine, new java.util.Random(t));
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < mine.size(); i += 250) {
                    List<Event> batch = mine.subList(i, Math.min(mine.size(), i + 250));
                    List<AppendStatus> st = store.events().append(batch);
                    for (int j = 0; j < batch.size(); j++) {
                      if (st.get(j) == AppendStatus.ACCEPTED) {
                        accepted.merge(batch.get(j).id(), 1, Integer::sum);
                      }
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertThat(store.events().count()).isEqualTo(events.size());
    Map<String, Integer> once = new HashMap<>();
    events.forEach(e -> once.put(e.id(), 1));
    assertThat(accepted).isEqualTo(once);
  }

  // ---- attention rollups

  private static AttentionCounts counts(long impressions, long clicks, long dwellMs, int bucket) {
    long[] h = new long[AttentionCounts.DWELL_BUCKETS];
    h[bucket] = dwellMs > 0 ? 1 : 0;
    return new AttentionCounts(impressions, clicks, dwellMs > 0 ? 1 : 0, dwellMs, 1, 2, 3, h);
  }

  private Map<RollupKey, AttentionCounts> rollupRows() {
    Map<RollupKey, AttentionCounts> rows = new HashMap<>();
    store.attention().forEach(r -> assertThat(rows.put(r.key(), r.counts())).isNull());
    return rows;
  }

  @Test
  void attentionDeltasAddUpAndMoveTheCursorOnlyFromWhereItIs() {
    long day = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    RollupKey a = new RollupKey(Dimension.ITEM, "", "a", Granularity.DAY, day);
    RollupKey b =
        new RollupKey(Dimension.CATEGORY, "", "新闻 news", Granularity.HOUR, day + 3_600_000);
    RollupKey aInScope = new RollupKey(Dimension.ITEM, "新闻 news", "a", Granularity.DAY, day);
    assertThat(store.attention().cursor()).isZero();
    assertThat(
            store.attention().apply(Map.of(a, counts(10, 2, 1500, 9), b, counts(1, 0, 0, 0)), 0, 7))
        .isTrue();
    assertThat(store.attention().cursor()).isEqualTo(7);
    // a stale roller changes nothing
    assertThat(store.attention().apply(Map.of(a, counts(99, 99, 99, 1)), 0, 9)).isFalse();
    assertThat(store.attention().cursor()).isEqualTo(7);
    assertThat(
            store
                .attention()
                .apply(Map.of(a, counts(5, 1, 700, 5), aInScope, counts(1, 1, 0, 0)), 7, 12))
        .isTrue();
    assertThat(rollupRows())
        .isEqualTo(
            Map.of(
                a, counts(10, 2, 1500, 9).plus(counts(5, 1, 700, 5)),
                b, counts(1, 0, 0, 0),
                aInScope, counts(1, 1, 0, 0)));
    assertThat(store.attention().cursor()).isEqualTo(12);
    store.attention().clear();
    assertThat(store.attention().cursor()).isZero();
    assertThat(rollupRows()).isEmpty();
  }

  @Test
  void attentionSeriesAndTotalsReadOneScopeAndTimeRange() {
    long h0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    long hour = Granularity.HOUR.millis();
    Map<RollupKey, AttentionCounts> deltas = new HashMap<>();
    for (int i = 0; i < 5; i++) {
      deltas.put(
          new RollupKey(Dimension.ITEM, "", "x", Granularity.HOUR, h0 + i * hour),
          counts(i + 1, i, 0, 0));
      deltas.put(
          new RollupKey(Dimension.ITEM, "", "y", Granularity.HOUR, h0 + i * hour),
          counts(10, 1, 2000, 12));
      deltas.put(
          new RollupKey(Dimension.ITEM, "c", "x", Granularity.HOUR, h0 + i * hour),
          counts(100, 0, 0, 0));
    }
    deltas.put(
        new RollupKey(Dimension.CREATOR, "", "x", Granularity.HOUR, h0), counts(1000, 0, 0, 0));
    deltas.put(new RollupKey(Dimension.ITEM, "", "x", Granularity.DAY, h0), counts(15, 10, 0, 0));
    assertThat(store.attention().apply(deltas, 0, 1)).isTrue();

    List<RollupRow> series =
        store
            .attention()
            .series(Dimension.ITEM, "", "x", Granularity.HOUR, h0 + hour, h0 + 4 * hour);
    assertThat(series)
        .extracting(r -> r.key().start())
        .containsExactly(h0 + hour, h0 + 2 * hour, h0 + 3 * hour);
    assertThat(series).extracting(r -> r.counts().impressions()).containsExactly(2L, 3L, 4L);
    assertThat(
            store
                .attention()
                .series(Dimension.ITEM, "", "nobody", Granularity.HOUR, h0, h0 + 9 * hour))
        .isEmpty();

    Map<String, AttentionCounts> totals =
        store.attention().totals(Dimension.ITEM, "", Granularity.HOUR, h0 + hour, h0 + 3 * hour);
    assertThat(totals).containsOnlyKeys("x", "y");
    assertThat(totals.get("x")).isEqualTo(counts(2, 1, 0, 0).plus(counts(3, 2, 0, 0)));
    assertThat(totals.get("y")).isEqualTo(counts(10, 1, 2000, 12).plus(counts(10, 1, 2000, 12)));
    assertThat(store.attention().totals(Dimension.ITEM, "c", Granularity.HOUR, h0, h0 + 9 * hour))
        .containsOnlyKeys("x");
    assertThat(store.attention().totals(Dimension.ITEM, "", Granularity.DAY, h0, h0 + 86_400_000L))
        .isEqualTo(Map.of("x", counts(15, 10, 0, 0)));

    // Bounds between bucket starts, and a long range (a store may read it differently).
    assertThat(
            store
                .attention()
                .series(Dimension.ITEM, "", "x", Granularity.HOUR, h0 + hour / 2, h0 + 2 * hour))
        .extracting(r -> r.key().start())
        .containsExactly(h0 + hour);
    assertThat(
            store
                .attention()
                .series(
                    Dimension.ITEM, "", "y", Granularity.HOUR, h0 - 2_000 * hour, h0 + 9 * hour))
        .extracting(r -> r.key().start())
        .containsExactly(h0, h0 + hour, h0 + 2 * hour, h0 + 3 * hour, h0 + 4 * hour);
    // Scalar sums: the full sums without the dwell histogram.
    Map<String, AttentionCounts> scalar =
        store
            .attention()
            .scalarTotals(Dimension.ITEM, "", Granularity.HOUR, h0 + hour, h0 + 3 * hour);
    assertThat(scalar).containsOnlyKeys("x", "y");
    totals.forEach(
        (key, full) -> {
          AttentionCounts c = scalar.get(key);
          assertThat(
                  new long[] {
                    c.impressions(),
                    c.clicks(),
                    c.dwells(),
                    c.dwellMs(),
                    c.completes(),
                    c.shares(),
                    c.likes()
                  })
              .containsExactly(
                  full.impressions(),
                  full.clicks(),
                  full.dwells(),
                  full.dwellMs(),
                  full.completes(),
                  full.shares(),
                  full.likes());
        });
    // Full sums of chosen keys: the same as every key's, restricted; unknown keys absent.
    assertThat(
            store
                .attention()
                .totals(
                    Dimension.ITEM,
                    "",
                    Granularity.HOUR,
                    h0 + hour,
                    h0 + 3 * hour,
                    List.of("y", "nobody")))
        .isEqualTo(Map.of("y", totals.get("y")));
  }

  @Test
  void rolledUpEventsMatchOneCountOverTheWholeLogAndARebuild() throws Exception {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Item g = gen.item("i" + i);
      items.add(
          new Item(
              g.id(),
              g.title(),
              g.body(),
              g.language(),
              List.of("c" + i % 3, "c" + i % 4),
              g.tags(),
              i % 5 == 0 ? null : g.author(),
              g.createdAt(),
              g.publishedAt(),
              g.expiresAt(),
              g.hidden(),
              Map.of("topic", "t" + i % 2)));
    }
    store.items().upsert(items);
    List<Event> events = gen.events(12_000, 40, 25); // i20..i24 are not in the catalog
    for (int i = 0; i < events.size(); i += 3_000) {
      store.events().append(events.subList(i, Math.min(events.size(), i + 3_000)));
      store.events().append(events.subList(i, Math.min(events.size(), i + 10))); // duplicates
    }
    RollupDeltas oracle = new RollupDeltas();
    Map<String, Item> byId = new HashMap<>();
    items.forEach(i -> byId.put(i.id(), i));
    events.forEach(e -> oracle.add(e, byId.get(e.itemId())));

    // two rollers at once: the cursor's compare-and-set keeps each event counted once
    AttentionRollups one = new AttentionRollups(store);
    AttentionRollups two = new AttentionRollups(store);
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<Long> f1 = pool.submit(() -> one.catchUp());
      Future<Long> f2 = pool.submit(() -> two.catchUp());
      f1.get();
      f2.get();
    }
    assertThat(one.caughtUp()).isTrue();
    Map<RollupKey, AttentionCounts> incremental = rollupRows();
    assertThat(incremental).isEqualTo(oracle.result());
    assertThat(one.rebuild((n, c) -> {})).isEqualTo(events.size());
    assertThat(rollupRows()).isEqualTo(incremental);
  }

  // ---- opinion monitor

  @Test
  void monitorCountsAddUpAndTheCursorMovesOnlyFromWhereItIs() {
    long h = 493_000;
    assertThat(store.monitor().cursor()).isZero();
    assertThat(store.monitor().hours(0)).isEmpty();
    assertThat(
            store
                .monitor()
                .apply(
                    List.of(new TopicHour("电池 battery", h, 3, 1), new TopicHour("price", h, 2, 0)),
                    0,
                    40))
        .isTrue();
    // a stale follower changes nothing
    assertThat(store.monitor().apply(List.of(new TopicHour("price", h, 9, 9)), 0, 50)).isFalse();
    assertThat(store.monitor().cursor()).isEqualTo(40);
    store
        .monitor()
        .add(List.of(new TopicHour("price", h, 5, 4), new TopicHour("price", h + 1, 1, 1)));
    assertThat(store.monitor().apply(List.of(new TopicHour("电池 battery", h, 1, 1)), 40, 41))
        .isTrue();
    assertThat(store.monitor().cursor()).isEqualTo(41);
    assertThat(store.monitor().hours(0))
        .containsExactly(
            new TopicHour("price", h, 7, 4),
            new TopicHour("电池 battery", h, 4, 2),
            new TopicHour("price", h + 1, 1, 1));
    assertThat(store.monitor().hours(h + 1)).containsExactly(new TopicHour("price", h + 1, 1, 1));
  }

  @Test
  void monitorAlertsAreRaisedOncePerTopicKindAndHourNewestFirst() {
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    MonitorAlert a = new MonitorAlert("price", "volume", 10, 40, 10, 21.5, t, "pending");
    MonitorAlert b = new MonitorAlert("price", "negative_share", 10, 0.8, 0.1, 0.3, t, "none");
    MonitorAlert c =
        new MonitorAlert("电池", "volume", 11, 12, 1, 4.5, t.plusSeconds(3600), "pending");
    assertThat(store.monitor().raise(a)).isTrue();
    assertThat(store.monitor().raise(b)).isTrue();
    assertThat(store.monitor().raise(c)).isTrue();
    assertThat(
            store
                .monitor()
                .raise(new MonitorAlert("price", "volume", 10, 99, 1, 2, t.plusSeconds(9), "none")))
        .isFalse();
    store.monitor().delivery("price", "volume", 10, "delivered");
    store.monitor().delivery("nothing", "volume", 10, "failed"); // no such alert: no effect
    MonitorAlert delivered = new MonitorAlert("price", "volume", 10, 40, 10, 21.5, t, "delivered");
    assertThat(store.monitor().alerts(10)).containsExactly(c, b, delivered);
    assertThat(store.monitor().alerts(2)).containsExactly(c, b);
  }
}
