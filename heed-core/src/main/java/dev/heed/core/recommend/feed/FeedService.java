package dev.heed.core.recommend.feed;

import dev.heed.api.Item;
import dev.heed.core.experiment.bandit.ArmStats;
import dev.heed.core.experiment.bandit.FreshExploration;
import dev.heed.core.experiment.bandit.ThompsonSampling;
import dev.heed.core.recommend.TopN;
import dev.heed.core.recommend.UserProfile;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Serves feeds from the current {@link FeedSnapshot} plus the {@link LiveUpdates} since it was
 * built. Personalized results come from the snapshot's model scoring the user's profile (training
 * interactions and live events, folded in per request); whatever personalization cannot fill comes
 * from trending, then popular, then latest items. Items the user consumed (when {@code
 * excludeSeen}) or disliked, hidden, expired, deleted and excluded items are never returned.
 */
public final class FeedService {
  private final LiveUpdates live;
  private final Clock clock;
  private final boolean excludeSeen;
  private volatile ContentCandidates content;
  private volatile double contentShare;
  private volatile Exploration exploration;

  /** How often an item was shown and clicked (fresh-item exploration reads it). */
  @FunctionalInterface
  public interface ShownCounts {
    ArmStats.Counts of(String itemId);
  }

  private record Exploration(
      ShownCounts counts,
      double share,
      long freshImpressions,
      ThompsonSampling sampler,
      Supplier<UniformRandomProvider> random) {}

  /** The newest items considered for exploration, at most. */
  static final int FRESH_CANDIDATES = 100;

  private volatile State state;

  /** The snapshot and the live-update mark it was built from, swapped together. */
  private record State(FeedSnapshot snapshot, long mark) {}

  /** Serves {@code snapshot}, with every live update counting as newer than it. */
  public FeedService(FeedSnapshot snapshot, LiveUpdates live, Clock clock, boolean excludeSeen) {
    this.state = new State(snapshot, Long.MIN_VALUE);
    this.live = live;
    this.clock = clock;
    this.excludeSeen = excludeSeen;
  }

  public FeedSnapshot snapshot() {
    return state.snapshot();
  }

  public LiveUpdates live() {
    return live;
  }

  /**
   * Puts a snapshot live that holds every live update older than {@code mark} (use {@link
   * Long#MIN_VALUE} when that is unknown, e.g. a snapshot another process wrote). Requests that
   * still read the previous snapshot keep seeing the updates it lacked; those are dropped only now,
   * one swap late.
   */
  public void swap(FeedSnapshot next, long mark) {
    State previous = state;
    state = new State(next, mark);
    if (mark != Long.MIN_VALUE) {
      live.dropBefore(Math.min(mark, previous.mark()));
    }
  }

  /**
   * Drops the live entries the current snapshot holds. {@link #swap} leaves them for requests that
   * still read the previous snapshot; call this once those are done (a few seconds later).
   */
  public void dropSuperseded() {
    long mark = state.mark();
    if (mark != Long.MIN_VALUE) {
      live.dropBefore(mark);
    }
  }

  /**
   * Brings the live catalog changes in line with the catalog as it is now (after a restart the
   * changes since the snapshot are otherwise unknown): items that are new, deleted, or differ in
   * visibility or categories from the snapshot's copy are recorded as live changes.
   */
  public void reconcile(Iterable<Item> catalog) {
    FeedSnapshot s = state.snapshot();
    java.util.BitSet present = new java.util.BitSet(s.catalogSize);
    for (Item item : catalog) {
      int i = s.item(item.id());
      if (i < 0 || i >= s.catalogSize) {
        live.observe(item);
        continue;
      }
      present.set(i);
      long expires = item.expiresAt() == null ? Long.MAX_VALUE : item.expiresAt().toEpochMilli();
      if (item.hidden() != s.hidden[i]
          || expires != s.expiresAt[i]
          || !java.util.Arrays.equals(item.categories().toArray(String[]::new), s.categories[i])) {
        live.observe(item);
      }
    }
    for (int i = present.nextClearBit(0); i < s.catalogSize; i = present.nextClearBit(i + 1)) {
      live.observeDeleted(s.itemIds[i]);
    }
  }

  /** What a user did with one item, combined: summed weight and latest time. */
  private record Engagement(float weight, long time) {
    Engagement plus(Engagement o) {
      return new Engagement(weight + o.weight, Math.max(time, o.time));
    }
  }

  /**
   * What the user did, combined: item index → summed weight and latest time (snapshot, then live
   * events). Items the user disliked (in the snapshot or live) go into {@code disliked}, whatever
   * the sum.
   */
  private Map<Integer, Engagement> history(
      State st, String userId, Set<String> seenUnknown, BitSet disliked) {
    FeedSnapshot s = st.snapshot();
    Map<Integer, Engagement> h = new LinkedHashMap<>();
    int u = live.erasedSince(userId, st.mark()) ? -1 : s.user(userId);
    if (u >= 0) {
      for (int p = s.interactions.userStart(u); p < s.interactions.userEnd(u); p++) {
        h.merge(
            s.interactions.userItem(p),
            new Engagement(s.interactions.userValue(p), s.interactions.userTime(p)),
            Engagement::plus);
      }
      for (int p = s.dislikes.userStart(u); p < s.dislikes.userEnd(u); p++) {
        disliked.set(s.dislikes.userItem(p));
      }
    }
    for (LiveUpdates.LiveEvent e : live.events(userId)) {
      if (e.mark() < st.mark()) {
        continue; // already in the snapshot
      }
      int i = s.item(e.itemId());
      if (i >= 0) {
        h.merge(i, new Engagement(e.weight(), e.time()), Engagement::plus);
        if (e.weight() < 0) {
          disliked.set(i);
        }
      } else if (excludeSeen || e.weight() < 0) {
        seenUnknown.add(e.itemId()); // an item written since the snapshot: leave it out too
      }
    }
    return h;
  }

  /**
   * Lets {@code source} fill every (1/share)-th place of personalized pages with items similar in
   * content to the user's strongest engagements; null turns it off.
   */
  public void useContent(ContentCandidates source, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("the content share must be in [0, 1], was " + share);
    }
    this.contentShare = share;
    this.content = source;
  }

  /**
   * Gives about {@code share} of the places of personalized pages to fresh items: among the {@value
   * #FRESH_CANDIDATES} newest that the request allows, those with fewer than {@code
   * freshImpressions} impressions, picked by {@link FreshExploration} (Thompson sampling on their
   * clicks, at random places). {@code random} makes one random source per request; share 0 turns it
   * off.
   */
  public void useExploration(
      ShownCounts counts,
      double share,
      long freshImpressions,
      ThompsonSampling sampler,
      Supplier<UniformRandomProvider> random) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("the exploration share must be in [0, 1], was " + share);
    }
    this.exploration =
        share == 0 ? null : new Exploration(counts, share, freshImpressions, sampler, random);
  }

  /** A personalized page for {@code userId} (known or not). */
  public List<FeedItem> recommend(String userId, FeedRequest r) {
    State st = state;
    FeedSnapshot s = st.snapshot();
    Set<String> seenUnknown = new HashSet<>();
    BitSet blocked = new BitSet(s.items());
    Map<Integer, Engagement> history = history(st, userId, seenUnknown, blocked);
    int[] profileItems = new int[history.size()];
    float[] profileValues = new float[history.size()];
    long[] profileTimes = new long[history.size()];
    int k = 0;
    for (var e : history.entrySet()) {
      profileItems[k] = e.getKey();
      profileValues[k] = e.getValue().weight();
      profileTimes[k++] = e.getValue().time();
      if (excludeSeen) {
        blocked.set(e.getKey());
      }
    }
    Filter filter = new Filter(st, r, blocked, seenUnknown);
    int want = r.offset() + r.n();
    Picker picker = new Picker(s, r, want, filter);
    if (history.values().stream().anyMatch(v -> v.weight() > 0)) {
      float[] scores = new float[s.model.items()];
      s.model.score(new UserProfile(-1, profileItems, profileValues, profileTimes), scores);
      int depth = r.maxPerCategory() > 0 ? Math.max(want * 4, want + 200) : want;
      int[] ranked = TopN.select(scores, scores.length, depth, 0, filter);
      ContentCandidates source = content;
      List<ContentCandidates.Candidate> similar =
          source == null || contentShare <= 0
              ? List.of()
              : contentCandidates(s, source, profileItems, profileValues, want);
      interleave(st, picker, ranked, scores, similar, contentShare, want);
    }
    for (String source : new String[] {"trending", "popular", "latest"}) {
      if (!picker.full()) {
        addRanking(s, picker, source);
      }
    }
    Exploration ex = exploration;
    if (ex != null && !picker.items.isEmpty()) {
      explore(st, picker, ex);
    }
    List<FeedItem> page = picker.page(r.offset());
    if (!r.explain()) {
      return page;
    }
    List<FeedItem> explained = new ArrayList<>(page.size());
    for (FeedItem item : page) {
      explained.add(explain(s, item, profileItems, profileValues, r.category()));
    }
    return explained;
  }

  /**
   * Fills positions 0..want-1: position j goes to the content source when floor((j+1)·share) >
   * floor(j·share) (every 1/share-th place), else to the personalized ranking; either falls back to
   * the other when it runs dry. Positions are absolute, so every page is a slice of one list.
   */
  private void interleave(
      State st,
      Picker picker,
      int[] ranked,
      float[] scores,
      List<ContentCandidates.Candidate> similar,
      double share,
      int want) {
    int p = 0;
    int c = 0;
    while (picker.items.size() < want) {
      int j = picker.items.size();
      boolean contentTurn = Math.floor((j + 1) * share) > Math.floor(j * share);
      boolean personalLeft = p < ranked.length && scores[ranked[p]] > 0;
      boolean contentLeft = c < similar.size();
      if (!personalLeft && !contentLeft) {
        return; // nothing positive to say about the rest: leave them to the fallbacks
      }
      if ((contentTurn && contentLeft) || !personalLeft) {
        addContent(st, picker, similar.get(c++));
      } else {
        picker.add(ranked[p], scores[ranked[p]], "personalized");
        p++;
      }
    }
  }

  /** A content candidate, from the snapshot or written since it (a live catalog item). */
  private void addContent(State st, Picker picker, ContentCandidates.Candidate c) {
    int i = st.snapshot().item(c.itemId());
    if (i >= 0) {
      picker.add(i, c.score(), "content"); // the filter applies later changes to it
      return;
    }
    LiveUpdates.LiveItem li = live.items().get(c.itemId());
    if (li != null && li.item() != null) {
      picker.addLive(li.item(), c.score(), "content");
    }
  }

  /** Items similar in content to the user's strongest engagements (never fails a feed). */
  private static List<ContentCandidates.Candidate> contentCandidates(
      FeedSnapshot s,
      ContentCandidates source,
      int[] profileItems,
      float[] profileValues,
      int want) {
    Integer[] order = new Integer[profileItems.length];
    for (int q = 0; q < order.length; q++) {
      order[q] = q;
    }
    java.util.Arrays.sort(order, (a, b) -> Float.compare(profileValues[b], profileValues[a]));
    List<String> engaged = new ArrayList<>();
    for (int q : order) {
      if (profileValues[q] > 0 && engaged.size() < 10 && profileItems[q] < s.catalogSize) {
        engaged.add(s.itemIds[profileItems[q]]);
      }
    }
    if (engaged.isEmpty()) {
      return List.of();
    }
    try {
      return source.similarTo(engaged, 2 * want);
    } catch (RuntimeException e) {
      return List.of(); // the content source is an extra: a failing index must not fail the feed
    }
  }

  /** Items similar to {@code itemId} (co-engagement neighbours), or null for an unknown item. */
  public List<FeedItem> similar(String itemId, FeedRequest r) {
    State st = state;
    FeedSnapshot s = st.snapshot();
    int item = s.item(itemId);
    if (item < 0) {
      return null;
    }
    BitSet blocked = new BitSet();
    blocked.set(item);
    Filter filter = new Filter(st, r, blocked, Set.of());
    Picker picker = new Picker(s, r, r.offset() + r.n(), filter);
    int[] nbr = s.neighbours.neighbours(item);
    float[] sim = s.neighbours.similarities(item);
    for (int j = 0; j < nbr.length && !picker.full(); j++) {
      picker.add(nbr[j], sim[j], "similar");
    }
    List<FeedItem> page = picker.page(r.offset());
    if (!r.explain()) {
      return page;
    }
    String title = s.titles.length > item ? s.titles[item] : null;
    return page.stream()
        .map(
            f ->
                new FeedItem(
                    f.id(),
                    f.title(),
                    f.score(),
                    f.source(),
                    "people who engaged with "
                        + (title == null ? itemId : title)
                        + " also engaged with this",
                    itemId))
        .toList();
  }

  /** The most popular, trending or latest items (source "popular", "trending" or "latest"). */
  public List<FeedItem> ranking(String source, FeedRequest r) {
    State st = state;
    FeedSnapshot s = st.snapshot();
    Filter filter = new Filter(st, r, new BitSet(), Set.of());
    Picker picker = new Picker(s, r, r.offset() + r.n(), filter);
    addRanking(s, picker, source);
    List<FeedItem> page = picker.page(r.offset());
    return r.explain()
        ? page.stream().map(f -> explain(s, f, new int[0], new float[0], r.category())).toList()
        : page;
  }

  /**
   * The items written since a snapshot was built, as requests need them: those it does not hold,
   * newest first, and which of those it holds have changed. Worked out once per snapshot, mark and
   * version of the live items ({@link LiveUpdates#itemVersion}), not per request: scanning every
   * item written since the last build took a third of the serving CPU with a freshly written
   * 20,000-item catalog, and looking each candidate up in the live items another tenth.
   */
  private record LiveView(
      FeedSnapshot snapshot, long mark, long version, List<Item> fresh, BitSet changed) {}

  private volatile LiveView liveView;

  private LiveView liveView(FeedSnapshot s, long mark) {
    long version = live.itemVersion();
    LiveView known = liveView;
    if (known != null
        && known.snapshot() == s
        && known.mark() == mark
        && known.version() == version) {
      return known;
    }
    List<Item> fresh = new ArrayList<>();
    BitSet changed = new BitSet();
    for (LiveUpdates.LiveItem li : live.items().values()) {
      if (li.mark() < mark) {
        continue; // the snapshot has it
      }
      int i = s.item(li.id());
      if (i >= 0) {
        changed.set(i);
      }
      if (li.item() != null && (i < 0 || i >= s.catalogSize)) {
        fresh.add(li.item());
      }
    }
    fresh.sort((a, b) -> Long.compare(published(b), published(a)));
    LiveView view = new LiveView(s, mark, version, List.copyOf(fresh), changed);
    liveView = view;
    return view;
  }

  /** Items written since the snapshot that it does not hold, newest first. */
  private List<Item> newSinceSnapshot(FeedSnapshot s, long mark) {
    return liveView(s, mark).fresh();
  }

  /**
   * Mixes fresh items into the picked positions 0..want-1 ({@link FreshExploration#interleave}).
   * Candidates are the newest items the request's filter allows (new since the snapshot, then the
   * snapshot's latest), not picked already, with fewer than the fresh-impressions bound.
   */
  private void explore(State st, Picker picker, Exploration ex) {
    FeedSnapshot s = st.snapshot();
    Filter filter = picker.filter;
    Map<String, FeedItem> fresh = new LinkedHashMap<>();
    List<FreshExploration.Candidate> candidates = new ArrayList<>();
    List<Item> live = newSinceSnapshot(s, filter.mark);
    int looked = 0;
    for (int k = 0; k < live.size() + s.latest.length && looked < FRESH_CANDIDATES; k++) {
      String id;
      String title;
      if (k < live.size()) {
        Item item = live.get(k);
        int i = s.item(item.id());
        if (!filter.testLive(item) || (i >= 0 && filter.blocked.get(i))) {
          continue;
        }
        id = item.id();
        title = item.title();
      } else {
        int i = s.latest[k - live.size()];
        if (!filter.test(i)) {
          continue;
        }
        LiveUpdates.LiveItem li = filter.changed(i);
        id = s.itemIds[i];
        title = li != null ? li.item().title() : s.titles[i];
      }
      looked++;
      if (picker.taken.contains(id)) {
        continue;
      }
      ArmStats.Counts c = ex.counts().of(id);
      if (c.impressions() >= ex.freshImpressions()) {
        continue;
      }
      candidates.add(new FreshExploration.Candidate(id, c.impressions(), c.clicks()));
      double mean =
          (ex.sampler().alpha() + c.clicks())
              / (ex.sampler().alpha() + ex.sampler().beta() + c.impressions());
      fresh.put(id, new FeedItem(id, title, mean, "fresh", null, null));
    }
    if (candidates.isEmpty()) {
      return;
    }
    Map<String, FeedItem> picked = new HashMap<>();
    List<String> ids = new ArrayList<>(picker.items.size());
    for (FeedItem f : picker.items) {
      picked.put(f.id(), f);
      ids.add(f.id());
    }
    List<String> mixed =
        FreshExploration.interleave(ids, candidates, ex.share(), ex.sampler(), ex.random().get());
    picker.items.clear();
    for (String id : mixed) {
      FeedItem f = picked.get(id);
      picker.items.add(f != null ? f : fresh.get(id));
    }
  }

  private void addRanking(FeedSnapshot s, Picker picker, String source) {
    if (source.equals("latest")) {
      // New items written since the snapshot come first, newest first.
      List<Item> fresh = newSinceSnapshot(s, picker.filter.mark);
      for (Item item : fresh) {
        if (picker.full()) {
          return;
        }
        picker.addLive(item, published(item), "latest");
      }
      for (int i : s.latest) {
        if (picker.full()) {
          return;
        }
        picker.add(i, s.publishedAt[i], "latest");
      }
      return;
    }
    float[] scores = source.equals("trending") ? s.trending : s.popularity;
    int depth = picker.remaining() * 4 + 50;
    for (int i : TopN.select(scores, s.catalogSize, depth, 0, picker.filter)) {
      if (picker.full() || scores[i] <= 0) {
        return;
      }
      picker.add(i, scores[i], source);
    }
  }

  private static long published(Item item) {
    return item.publishedAt() != null
        ? item.publishedAt().toEpochMilli()
        : item.createdAt() != null ? item.createdAt().toEpochMilli() : 0;
  }

  /** Which snapshot items a request may return. */
  private final class Filter implements IntPredicate {
    final FeedSnapshot s;
    final long mark;
    final FeedRequest r;
    final BitSet blocked;
    final BitSet category;
    final Set<String> blockedIds;
    final long now = clock.millis();
    final java.time.Instant nowInstant = java.time.Instant.ofEpochMilli(now);
    final Map<String, LiveUpdates.LiveItem> changed = live.items();
    final BitSet changedItems;

    Filter(State st, FeedRequest r, BitSet blocked, Set<String> blockedIds) {
      this.s = st.snapshot();
      this.mark = st.mark();
      this.changedItems = liveView(s, mark).changed();
      this.r = r;
      this.blocked = blocked;
      this.blockedIds = blockedIds;
      this.category = r.category() == null ? null : s.category(r.category());
      for (String id : r.exclude()) {
        int i = s.item(id);
        if (i >= 0) {
          blocked.set(i);
        }
      }
    }

    /** The item as written since the snapshot, or null (a deletion has a null item inside). */
    LiveUpdates.LiveItem changed(int i) {
      if (!changedItems.get(i)) {
        return null;
      }
      LiveUpdates.LiveItem li = changed.get(s.itemIds[i]);
      return li != null && li.mark() >= mark ? li : null;
    }

    @Override
    public boolean test(int i) {
      if (blocked.get(i)) {
        return false;
      }
      LiveUpdates.LiveItem li = changed(i);
      if (li != null) { // written since the snapshot: its current state decides
        return li.item() != null && testLive(li.item());
      }
      if (i >= s.catalogSize || s.hidden[i] || s.expiresAt[i] <= now) {
        return false;
      }
      return category == null || category.get(i);
    }

    /** For items written since the snapshot. */
    boolean testLive(Item item) {
      return item.visibleAt(nowInstant)
          && !r.exclude().contains(item.id())
          && !blockedIds.contains(item.id())
          && (r.category() == null || item.categories().contains(r.category()));
    }
  }

  /** Collects a page in order, without repeats, honouring the per-category cap. */
  private static final class Picker {
    final FeedSnapshot s;
    final FeedRequest r;
    final int want;
    final Filter filter;
    final List<FeedItem> items = new ArrayList<>();
    final Set<String> taken = new HashSet<>();
    final Map<String, Integer> perCategory = new HashMap<>();

    Picker(FeedSnapshot s, FeedRequest r, int want, Filter filter) {
      this.s = s;
      this.r = r;
      this.want = want;
      this.filter = filter;
    }

    boolean full() {
      return items.size() >= want;
    }

    int remaining() {
      return Math.max(0, want - items.size());
    }

    /** Adds snapshot item {@code i} if allowed and new; true when added. */
    boolean add(int i, double score, String source) {
      if (full() || !filter.test(i)) {
        return false;
      }
      LiveUpdates.LiveItem li = filter.changed(i);
      if (li != null) {
        Item item = li.item();
        return take(
            item.id(), item.title(), item.categories().toArray(String[]::new), score, source);
      }
      return take(s.itemIds[i], s.titles[i], s.categories[i], score, source);
    }

    boolean addLive(Item item, double score, String source) {
      int i = s.item(item.id());
      if (full() || !filter.testLive(item) || (i >= 0 && filter.blocked.get(i))) {
        return false;
      }
      return take(item.id(), item.title(), item.categories().toArray(String[]::new), score, source);
    }

    private boolean take(String id, String title, String[] categories, double score, String src) {
      if (taken.contains(id)) {
        return false;
      }
      if (r.maxPerCategory() > 0) {
        for (String c : categories) {
          if (perCategory.getOrDefault(c, 0) >= r.maxPerCategory()) {
            return false;
          }
        }
        for (String c : categories) {
          perCategory.merge(c, 1, Integer::sum);
        }
      }
      taken.add(id);
      items.add(new FeedItem(id, title, score, src, null, null));
      return true;
    }

    List<FeedItem> page(int offset) {
      return offset >= items.size() ? List.of() : List.copyOf(items.subList(offset, items.size()));
    }
  }

  /** The reason an item is in a feed. */
  private FeedItem explain(
      FeedSnapshot s, FeedItem f, int[] profileItems, float[] profileValues, String category) {
    String why;
    String because = null;
    switch (f.source()) {
      case "personalized" -> {
        int j = s.item(f.id());
        int best = -1;
        float bestSim = 0;
        for (int p = 0; p < profileItems.length; p++) {
          if (profileValues[p] <= 0) {
            continue;
          }
          int h = profileItems[p];
          int[] nbr = s.neighbours.neighbours(h);
          float[] sim = s.neighbours.similarities(h);
          for (int q = 0; q < nbr.length; q++) {
            if (nbr[q] == j && sim[q] * profileValues[p] > bestSim) {
              bestSim = sim[q] * profileValues[p];
              best = h;
            }
          }
        }
        if (best >= 0) {
          because = s.itemIds[best];
          String title = best < s.catalogSize && s.titles[best] != null ? s.titles[best] : because;
          why = "because you read " + title;
        } else {
          why = "picked for you from what you engaged with";
        }
      }
      case "trending" -> why = "trending now" + in(s, f, category);
      case "popular" -> why = "popular" + in(s, f, category);
      case "latest" -> why = "new";
      case "fresh" -> why = "new — exploring";
      case "content" -> why = "similar in content to what you read";
      default -> why = f.source();
    }
    return new FeedItem(f.id(), f.title(), f.score(), f.source(), why, because);
  }

  private static String in(FeedSnapshot s, FeedItem f, String category) {
    if (category != null) {
      return " in " + category;
    }
    int i = s.item(f.id());
    return i >= 0 && i < s.catalogSize && s.categories[i].length > 0
        ? " in " + s.categories[i][0]
        : "";
  }
}
