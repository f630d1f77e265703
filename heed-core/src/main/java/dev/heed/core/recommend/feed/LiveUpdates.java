package dev.heed.core.recommend.feed;

import dev.heed.api.Event;
import dev.heed.api.Item;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened since the current snapshot was built: each user's new events (folded into their
 * profile at request time) and catalog changes (new, changed, hidden or deleted items, honoured at
 * once). Entries carry a mark from a counter; when a snapshot built after mark M goes live, entries
 * older than M are in it and are dropped.
 */
public final class LiveUpdates {
  /**
   * One event's contribution: the item, its weight (negative for a dislike) and the event's time
   * (epoch milliseconds).
   */
  public record LiveEvent(String itemId, float weight, long mark, long time) {}

  /** An item as last written, or {@code null} item for a deletion. */
  public record LiveItem(Item item, String id, long mark) {}

  private final AtomicLong clock = new AtomicLong();
  private final AtomicLong eventsSinceBuild = new AtomicLong();

  /** Per user, oldest first; every access goes through the map's per-key compute lock. */
  private final Map<String, ArrayDeque<LiveEvent>> events = new ConcurrentHashMap<>();

  private final AtomicLong held = new AtomicLong();
  private final int maxPerUser;
  private final long maxHeld;

  /**
   * Keeps at most {@code maxPerUser} live events per user (the oldest go first) and {@code maxHeld}
   * over all users (past it new events wait for the next build, which {@link #full()} asks for;
   * they are in the store either way).
   */
  public LiveUpdates(int maxPerUser, long maxHeld) {
    this.maxPerUser = maxPerUser;
    this.maxHeld = maxHeld;
  }

  public LiveUpdates() {
    this(DEFAULT_MAX_PER_USER, DEFAULT_MAX_HELD);
  }

  /** Live events kept per user by default: plenty for fold-in between builds. */
  public static final int DEFAULT_MAX_PER_USER = 100;

  /** Live events kept over all users by default (about 20 MB). */
  public static final long DEFAULT_MAX_HELD = 200_000;

  private final Map<String, LiveItem> items = new ConcurrentHashMap<>();
  private final AtomicLong itemVersion = new AtomicLong();
  private final Map<String, Long> erased = new ConcurrentHashMap<>();

  /** The current mark; take it before reading the store for a build. */
  public long mark() {
    return clock.incrementAndGet();
  }

  /** Records an event that was durably stored. */
  public void observe(Event event, float weight) {
    eventsSinceBuild.incrementAndGet();
    if (weight == 0 || event.itemId() == null) {
      return;
    }
    if (weight > 0 && held.get() >= maxHeld) {
      return; // full: the next build (full() asks for one) brings this event in from the store
    }
    LiveEvent e =
        new LiveEvent(event.itemId(), weight, clock.get(), event.timestamp().toEpochMilli());
    // Added inside compute, which is atomic per key with every other access: an event can never
    // land in a queue that was just taken out of the map.
    events.compute(
        event.userId(),
        (k, q) -> {
          ArrayDeque<LiveEvent> queue = q == null ? new ArrayDeque<>() : q;
          queue.addLast(e);
          held.incrementAndGet();
          if (queue.size() > maxPerUser) {
            // The oldest positive event goes; dislikes stay until a build holds them, since they
            // keep the item out of the user's feeds.
            for (var it = queue.iterator(); it.hasNext(); ) {
              if (it.next().weight() > 0) {
                it.remove();
                held.decrementAndGet();
                break;
              }
            }
          }
          return queue;
        });
  }

  /** Records an item write. */
  public void observe(Item item) {
    items.put(item.id(), new LiveItem(item, item.id(), clock.get()));
    itemVersion.incrementAndGet();
  }

  /** Records an item deletion. */
  public void observeDeleted(String itemId) {
    items.put(itemId, new LiveItem(null, itemId, clock.get()));
    itemVersion.incrementAndGet();
  }

  /**
   * Counts changes to {@link #items()}, each counted after it is made: a reader that saw version v
   * before reading the map and v again later knows that what it read is still current.
   */
  public long itemVersion() {
    return itemVersion.get();
  }

  /**
   * Records that a user was erased: their live events go, and the snapshot's data about them is
   * ignored until a snapshot built after the erasure replaces it.
   */
  public void observeErased(String userId) {
    erased.put(userId, clock.get());
    events.computeIfPresent(
        userId,
        (k, q) -> {
          held.addAndGet(-q.size());
          return null;
        });
  }

  /** Whether any user was erased at or after {@code mark}. */
  public boolean anyErasedSince(long mark) {
    return erased.values().stream().anyMatch(at -> at >= mark);
  }

  /** Whether the user was erased at or after {@code mark}. */
  public boolean erasedSince(String userId, long mark) {
    if (erased.isEmpty()) {
      return false;
    }
    Long at = erased.get(userId);
    return at != null && at >= mark;
  }

  /** The user's events since the snapshot (never null). */
  public List<LiveEvent> events(String userId) {
    List<List<LiveEvent>> copy = new ArrayList<>(1);
    events.computeIfPresent(
        userId,
        (k, q) -> {
          copy.add(List.copyOf(q));
          return q;
        });
    return copy.isEmpty() ? List.of() : copy.get(0);
  }

  /** Live events held over all users. */
  public long held() {
    return held.get();
  }

  /** Whether new events are being turned away until the next build. */
  public boolean full() {
    return held.get() >= maxHeld;
  }

  /** Items written or deleted since the snapshot. */
  public Map<String, LiveItem> items() {
    return items;
  }

  /** Events stored since the last build started. */
  public long eventsSinceBuild() {
    return eventsSinceBuild.get();
  }

  /** Takes the events a build has covered off the count since the last build. */
  public void discount(long eventsCountedByBuild) {
    eventsSinceBuild.addAndGet(-eventsCountedByBuild);
  }

  /**
   * Forgets entries older than {@code mark}. Called one build late: requests on the snapshot that
   * was live until now may still be reading them.
   */
  public void dropBefore(long mark) {
    for (String user : events.keySet()) {
      events.computeIfPresent(
          user,
          (k, q) -> {
            int before = q.size();
            q.removeIf(e -> e.mark() < mark);
            held.addAndGet(q.size() - before);
            return q.isEmpty() ? null : q;
          });
    }
    if (items.values().removeIf(i -> i.mark() < mark)) {
      itemVersion.incrementAndGet();
    }
    erased.values().removeIf(m -> m < mark);
  }
}
