package dev.heed.core.recommend.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.core.experiment.bandit.ArmStats;
import dev.heed.core.experiment.bandit.ThompsonSampling;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.store.memory.MemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds end to end on an in-memory store: 40 items in two categories (sports i0-i19, tech i20-i39),
 * 60 users in two matching communities who click and like inside their own half.
 */
class FeedServiceTest {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  MemoryStore store;
  LiveUpdates live;
  FeedService feeds;
  long mark;

  static Item item(int i, boolean hidden, Instant expires) {
    String category = i < 20 ? "sports" : "tech";
    return new Item(
        "i" + i,
        "Title " + i,
        "body",
        "en",
        List.of(category),
        List.of(),
        "author",
        NOW.minus(Duration.ofDays(40 - i)),
        NOW.minus(Duration.ofDays(40 - i)),
        expires,
        hidden,
        Map.of());
  }

  @BeforeEach
  void build() {
    store = new MemoryStore();
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      items.add(item(i, i == 3, i == 5 ? NOW.minusSeconds(60) : null));
    }
    store.items().upsert(items);
    Random random = new Random(17);
    List<Event> events = new ArrayList<>();
    for (int u = 0; u < 60; u++) {
      int base = u % 2 == 0 ? 0 : 20;
      for (int k = 0; k < 8; k++) {
        int i = base + (int) Math.min(19, Math.abs(random.nextGaussian()) * 7);
        Instant t = NOW.minus(Duration.ofHours(1 + random.nextInt(200)));
        events.add(new Event.Click("c" + u + "-" + k, "u" + u, "i" + i, t, Map.of()));
        if (k % 3 == 0) {
          events.add(new Event.Like("l" + u + "-" + k, "u" + u, "i" + i, t, Map.of()));
        }
      }
    }
    store.events().append(events);
    live = new LiveUpdates();
    mark = live.mark();
    FeedSnapshot snapshot = builder().build(store, TrainingListener.NONE);
    feeds = new FeedService(snapshot, live, clock, true);
  }

  SnapshotBuilder builder() {
    return new SnapshotBuilder(
        "blend",
        Map.of("ials.factors", "8"),
        InteractionWeights.DEFAULTS,
        Duration.ofDays(1),
        clock);
  }

  void observe(Event e) {
    live.observe(e, InteractionWeights.DEFAULTS.weight(e));
  }

  static boolean sports(FeedItem f) {
    return Integer.parseInt(f.id().substring(1)) < 20;
  }

  @Test
  void personalizedFeedFollowsTheUsersCommunityAndSkipsWhatTheySaw() {
    List<FeedItem> feed = feeds.recommend("u0", FeedRequest.of(10));
    assertThat(feed).hasSize(10);
    assertThat(feed.stream().map(FeedItem::id).distinct().count()).isEqualTo(10);
    long own =
        feed.stream()
            .filter(f -> f.source().equals("personalized"))
            .filter(FeedServiceTest::sports)
            .count();
    assertThat(own).isGreaterThanOrEqualTo(7);
    Set<String> seen = new java.util.HashSet<>();
    store
        .events()
        .forEach(
            dev.heed.api.store.EventQuery.byUser("u0", 1000), e -> seen.add(e.event().itemId()));
    assertThat(feed).noneMatch(f -> seen.contains(f.id()));
    // hidden i3 and expired i5 never appear, for anyone
    for (int u = 0; u < 60; u++) {
      assertThat(feeds.recommend("u" + u, FeedRequest.of(30)))
          .noneMatch(f -> f.id().equals("i3") || f.id().equals("i5"));
    }
  }

  @Test
  void filtersExclusionsPagingAndTheCategoryCap() {
    var all = feeds.recommend("u1", FeedRequest.of(12));
    var excluded = Set.of(all.get(0).id(), all.get(1).id());
    var without = feeds.recommend("u1", new FeedRequest(10, 0, null, excluded, 0, false));
    assertThat(without).noneMatch(f -> excluded.contains(f.id()));
    assertThat(without.get(0).id()).isEqualTo(all.get(2).id());
    var page2 = feeds.recommend("u1", new FeedRequest(5, 5, null, Set.of(), 0, false));
    assertThat(page2)
        .extracting(FeedItem::id)
        .containsExactlyElementsOf(all.subList(5, 10).stream().map(FeedItem::id).toList());
    var sports = feeds.recommend("u1", new FeedRequest(10, 0, "sports", Set.of(), 0, false));
    assertThat(sports).isNotEmpty().allMatch(FeedServiceTest::sports);
    var capped = feeds.recommend("u1", new FeedRequest(10, 0, null, Set.of(), 3, false));
    assertThat(capped.stream().filter(FeedServiceTest::sports).count()).isLessThanOrEqualTo(3);
    assertThat(capped.stream().filter(f -> !sports(f)).count()).isLessThanOrEqualTo(3);
  }

  @Test
  void aNewUserStartsFromFallbacksAndIsPersonalizedFromTheirFirstEvents() {
    var cold = feeds.recommend("newcomer", new FeedRequest(10, 0, null, Set.of(), 0, true));
    assertThat(cold).hasSize(10);
    assertThat(cold).allMatch(f -> !f.source().equals("personalized"));
    assertThat(cold.get(0).explanation()).startsWith("trending now");
    // Three tech clicks and a like, live (no retraining).
    for (int i : new int[] {21, 22, 23}) {
      observe(new Event.Click("n" + i, "newcomer", "i" + i, NOW, Map.of()));
    }
    observe(new Event.Like("nl", "newcomer", "i22", NOW, Map.of()));
    var warm = feeds.recommend("newcomer", new FeedRequest(10, 0, null, Set.of(), 0, true));
    assertThat(warm).noneMatch(f -> Set.of("i21", "i22", "i23").contains(f.id()));
    var personal = warm.stream().filter(f -> f.source().equals("personalized")).toList();
    assertThat(personal).hasSizeGreaterThanOrEqualTo(5);
    assertThat(personal.stream().filter(f -> !sports(f)).count())
        .isGreaterThanOrEqualTo(personal.size() - 1);
    assertThat(personal)
        .anySatisfy(f -> assertThat(f.explanation()).startsWith("because you read Title 2"));
    assertThat(personal).allSatisfy(f -> assertThat(f.explanation()).isNotBlank());
  }

  @Test
  void dislikesHidingAndDeletionTakeEffectAtOnce() {
    String top = feeds.recommend("u2", FeedRequest.of(1)).get(0).id();
    observe(new Event.Dislike("d", "u2", top, NOW, Map.of()));
    assertThat(feeds.recommend("u2", FeedRequest.of(30))).noneMatch(f -> f.id().equals(top));
    String other = feeds.recommend("u4", FeedRequest.of(1)).get(0).id();
    int idx = Integer.parseInt(other.substring(1));
    live.observe(item(idx, true, null));
    assertThat(feeds.recommend("u4", FeedRequest.of(30))).noneMatch(f -> f.id().equals(other));
    String third = feeds.recommend("u6", FeedRequest.of(1)).get(0).id();
    live.observeDeleted(third);
    assertThat(feeds.recommend("u6", FeedRequest.of(30))).noneMatch(f -> f.id().equals(third));
    assertThat(feeds.ranking("popular", FeedRequest.of(40))).noneMatch(f -> f.id().equals(third));
  }

  @Test
  void aDislikeBlocksTheItemEvenWhenOtherEventsOutweighIt() throws Exception {
    // u8 liked i2 (+4) and then disliked it (-4): the sum is 0, the cell leaves the matrix, but
    // the item must stay out of u8's feed, in the snapshot and live, with excludeSeen off too.
    store
        .events()
        .append(
            List.of(
                new Event.Like("x-like", "u8", "i2", NOW, Map.of()),
                new Event.Dislike("x-dis", "u8", "i2", NOW, Map.of()),
                new Event.Click("y-click", "u10", "i4", NOW, Map.of()),
                new Event.Complete("y-complete", "u10", "i4", NOW, Map.of()),
                new Event.Dislike("y-dis", "u10", "i4", NOW, Map.of())));
    FeedService keepSeen =
        new FeedService(builder().build(store, TrainingListener.NONE), live, clock, false);
    assertThat(keepSeen.recommend("u8", FeedRequest.of(40))).noneMatch(f -> f.id().equals("i2"));
    assertThat(keepSeen.recommend("u10", FeedRequest.of(40))).noneMatch(f -> f.id().equals("i4"));
  }

  @Test
  void anItemUnhiddenSinceTheSnapshotComesBack() {
    assertThat(feeds.ranking("latest", FeedRequest.of(40))).noneMatch(f -> f.id().equals("i3"));
    live.observe(item(3, false, null));
    assertThat(feeds.ranking("latest", FeedRequest.of(40))).anyMatch(f -> f.id().equals("i3"));
    Item moved =
        new Item(
            "i3",
            "Moved",
            "b",
            "en",
            List.of("tech"),
            List.of(),
            "a",
            NOW,
            NOW,
            null,
            false,
            Map.of());
    live.observe(moved);
    assertThat(feeds.ranking("latest", new FeedRequest(40, 0, "tech", Set.of(), 0, false)))
        .anySatisfy(f -> assertThat(f.title()).isEqualTo("Moved"));
  }

  @Test
  void liveEventsAreBoundedPerUser() {
    LiveUpdates bounded = new LiveUpdates(3, 5);
    for (int k = 0; k < 5; k++) {
      bounded.observe(new Event.Click("b" + k, "u", "i" + k, NOW, Map.of()), 1f);
    }
    assertThat(bounded.events("u"))
        .extracting(LiveUpdates.LiveEvent::itemId)
        .containsExactly("i2", "i3", "i4");
    assertThat(bounded.held()).isEqualTo(3);
    for (int k = 0; k < 3; k++) {
      bounded.observe(new Event.Click("v" + k, "v", "i" + k, NOW, Map.of()), 1f);
    }
    // 3 + 2 = 5 held: full, the third event of v waits for the next build.
    assertThat(bounded.full()).isTrue();
    assertThat(bounded.events("v")).hasSize(2);
    // A dislike is kept even when full, and is never the one evicted.
    bounded.observe(new Event.Dislike("vd", "v", "i9", NOW, Map.of()), -4f);
    assertThat(bounded.events("v")).extracting(LiveUpdates.LiveEvent::itemId).contains("i9");
    bounded.observe(new Event.Dislike("ud", "u", "i8", NOW, Map.of()), -4f);
    bounded.observe(new Event.Dislike("ud2", "u", "i7", NOW, Map.of()), -4f);
    bounded.observe(new Event.Dislike("ud3", "u", "i6", NOW, Map.of()), -4f);
    assertThat(bounded.events("u"))
        .extracting(LiveUpdates.LiveEvent::itemId)
        .containsExactly("i8", "i7", "i6");
    bounded.observeErased("u");
    assertThat(bounded.held()).isEqualTo(3);
    assertThat(bounded.full()).isFalse();
    assertThat(bounded.eventsSinceBuild()).isEqualTo(12);
  }

  @Test
  void contentCandidatesTakeEveryFifthPlaceAndPagesStaySlicesOfOneList() {
    Item fresh =
        new Item(
            "fresh",
            "Fresh",
            "b",
            "en",
            List.of("sports"),
            List.of(),
            "a",
            NOW,
            NOW,
            null,
            false,
            Map.of());
    live.observe(fresh); // written after the snapshot
    List<String> asked = new ArrayList<>();
    // A content source that ranks the live item first, then every other catalog item by id.
    feeds.useContent(
        (engaged, n) -> {
          asked.addAll(engaged);
          List<ContentCandidates.Candidate> out = new ArrayList<>();
          out.add(new ContentCandidates.Candidate("fresh", 1));
          for (int i = 39; i >= 0 && out.size() < n; i -= 2) {
            out.add(new ContentCandidates.Candidate("i" + i, 0.5));
          }
          return out;
        },
        0.2);
    List<FeedItem> ten = feeds.recommend("u0", FeedRequest.of(10));
    assertThat(asked).isNotEmpty().allMatch(id -> id.startsWith("i"));
    assertThat(ten).hasSize(10);
    assertThat(ten.get(4).source()).isEqualTo("content");
    assertThat(ten.get(4).id()).isEqualTo("fresh");
    assertThat(ten.get(9).source()).isEqualTo("content");
    assertThat(ten.stream().filter(f -> f.source().equals("content")).count()).isEqualTo(2);
    List<FeedItem> first = feeds.recommend("u0", new FeedRequest(5, 0, null, Set.of(), 0, false));
    List<FeedItem> second = feeds.recommend("u0", new FeedRequest(5, 5, null, Set.of(), 0, false));
    List<String> paged = new ArrayList<>();
    first.forEach(f -> paged.add(f.id()));
    second.forEach(f -> paged.add(f.id()));
    assertThat(paged).containsExactlyElementsOf(ten.stream().map(FeedItem::id).toList());
    assertThat(ten.get(9).explanation()).isNull();
    assertThat(
            feeds
                .recommend("u0", new FeedRequest(10, 0, null, Set.of(), 0, true))
                .get(4)
                .explanation())
        .isEqualTo("similar in content to what you read");

    // A failing source costs the content places, not the feed.
    feeds.useContent(
        (engaged, n) -> {
          throw new IllegalStateException("index closed");
        },
        0.2);
    assertThat(feeds.recommend("u0", FeedRequest.of(10)))
        .hasSize(10)
        .noneMatch(f -> f.source().equals("content"));
  }

  @Test
  void popularTrendingLatestAndSimilar() {
    var popular = feeds.ranking("popular", FeedRequest.of(5));
    assertThat(popular).hasSize(5);
    for (int j = 1; j < popular.size(); j++) {
      assertThat(popular.get(j).score()).isLessThanOrEqualTo(popular.get(j - 1).score());
    }
    assertThat(feeds.ranking("trending", new FeedRequest(5, 0, "tech", Set.of(), 0, true)))
        .hasSize(5)
        .allMatch(f -> !sports(f))
        .allSatisfy(f -> assertThat(f.explanation()).isEqualTo("trending now in tech"));
    // latest: i39 is the newest catalog item; a new item written live comes before it
    assertThat(feeds.ranking("latest", FeedRequest.of(1)).get(0).id()).isEqualTo("i39");
    Item fresh =
        new Item(
            "fresh",
            "Fresh",
            "b",
            "en",
            List.of("tech"),
            List.of(),
            "a",
            NOW,
            NOW,
            null,
            false,
            Map.of());
    live.observe(fresh);
    assertThat(feeds.ranking("latest", FeedRequest.of(2)))
        .extracting(FeedItem::id)
        .containsExactly("fresh", "i39");
    var similar = feeds.similar("i22", FeedRequest.of(5));
    assertThat(similar).hasSize(5).allMatch(f -> !sports(f)).noneMatch(f -> f.id().equals("i22"));
    assertThat(feeds.similar("nope", FeedRequest.of(5))).isNull();
  }

  @Test
  void aNewSnapshotTakesOverWhatLiveUpdatesHeld(@TempDir Path dir) throws Exception {
    live.observe(new Event.Click("x1", "u0", "i30", NOW, Map.of()), 1f);
    assertThat(live.events("u0")).hasSize(1);
    long m = live.mark();
    long counted = live.eventsSinceBuild();
    store.events().append(List.of(new Event.Click("x1", "u0", "i30", NOW, Map.of())));
    FeedSnapshot next = builder().build(store, TrainingListener.NONE);
    feeds.swap(next, m);
    live.discount(counted);
    assertThat(live.eventsSinceBuild()).isZero();
    assertThat(feeds.recommend("u0", FeedRequest.of(30))).noneMatch(f -> f.id().equals("i30"));
    // The snapshot holds the click now; the live entry is dropped one swap later.
    feeds.swap(builder().build(store, TrainingListener.NONE), live.mark());
    assertThat(live.events("u0")).isEmpty();
    // Persisted and loaded back, the snapshot serves the same feed.
    SnapshotFiles.save(next, dir);
    FeedSnapshot loaded = SnapshotFiles.load(dir);
    FeedService again = new FeedService(loaded, new LiveUpdates(), clock, true);
    assertThat(again.recommend("u7", FeedRequest.of(10)))
        .isEqualTo(feeds.recommend("u7", FeedRequest.of(10)));
    assertThat(loaded.info().events()).isEqualTo(next.info().events());
  }

  @Test
  void freshExplorationTakesItsShareOfThePageWithinTheRequestsFilters() {
    List<String> plain =
        feeds.recommend("u0", FeedRequest.of(10)).stream().map(FeedItem::id).toList();
    // i39 has been shown enough to be no longer fresh; every other item has not been shown.
    Map<String, ArmStats.Counts> shown =
        Map.of("i39", new ArmStats.Counts(50, 1), "i38", new ArmStats.Counts(3, 3));
    FeedService.ShownCounts counts = id -> shown.getOrDefault(id, new ArmStats.Counts(0, 0));
    feeds.useExploration(
        counts, 0.5, 10, new ThompsonSampling(), () -> RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
    Set<String> seen = new java.util.HashSet<>();
    store
        .events()
        .forEach(
            dev.heed.api.store.EventQuery.byUser("u0", 1000), e -> seen.add(e.event().itemId()));

    List<FeedItem> page = feeds.recommend("u0", new FeedRequest(10, 0, null, Set.of(), 0, true));
    assertThat(page).hasSize(10);
    assertThat(page.stream().map(FeedItem::id).distinct().count()).isEqualTo(10);
    List<FeedItem> fresh = page.stream().filter(f -> f.source().equals("fresh")).toList();
    // share 0.5 of 10 places is exactly 5 (no fraction to round at random)
    assertThat(fresh).hasSize(5);
    assertThat(fresh).allMatch(f -> f.explanation().equals("new — exploring"));
    assertThat(fresh)
        .noneMatch(
            f ->
                f.id().equals("i39")
                    || f.id().equals("i3")
                    || f.id().equals("i5")
                    || seen.contains(f.id())
                    || plain.contains(f.id()));
    // The exploited items keep their order; the last ones make room.
    assertThat(page.stream().filter(f -> !f.source().equals("fresh")).map(FeedItem::id).toList())
        .isEqualTo(plain.subList(0, 5));
    // Seeded: the same random source gives the same page.
    assertThat(feeds.recommend("u0", new FeedRequest(10, 0, null, Set.of(), 0, true)))
        .isEqualTo(page);
    // i38's three clicks out of three make it the likeliest pick among the candidates.
    assertThat(fresh).extracting(FeedItem::id).contains("i38");

    // The request's filters hold for explored items too.
    List<FeedItem> tech =
        feeds.recommend("u0", new FeedRequest(10, 0, "tech", Set.of("i38"), 0, false));
    assertThat(tech).isNotEmpty().noneMatch(FeedServiceTest::sports);
    assertThat(tech).noneMatch(f -> f.id().equals("i38") || f.id().equals("i39"));
    assertThat(tech).anyMatch(f -> f.source().equals("fresh"));

    feeds.useExploration(counts, 0, 10, new ThompsonSampling(), () -> null);
    assertThat(feeds.recommend("u0", FeedRequest.of(10)).stream().map(FeedItem::id).toList())
        .isEqualTo(plain);
  }
}
