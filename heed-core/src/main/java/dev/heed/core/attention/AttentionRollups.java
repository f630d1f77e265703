package dev.heed.core.attention;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.api.store.AttentionStore;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.Store;
import dev.heed.api.store.StoredEvent;
import dev.heed.core.store.LogFollower;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the attention rollups up to date from the event log. The rollups trail the log behind a
 * durable cursor (the seq of the last event rolled up): each round reads the events after it, adds
 * their counts and moves the cursor in one transaction ({@link AttentionStore#apply}). So an
 * acknowledged event is never lost to the rollups (after a crash the next round starts from the
 * committed cursor), none is counted twice (duplicates never enter the log; a round that lost a
 * race with another roller changes nothing), and appends do not wait for analytics.
 *
 * <p>A background thread runs a round when {@link #nudge()}d (the ingest queue does so after every
 * commit) and at least once a second (events written by another process, such as an import). {@link
 * #rebuild} starts over from an empty rollup and the first event, with the same code.
 */
public final class AttentionRollups implements AutoCloseable {
  /** Events read and applied in one transaction. */
  public static final int PAGE = 5_000;

  /** Told how far a catch-up or rebuild has got. */
  @FunctionalInterface
  public interface Listener {
    void rolledUp(long events, long cursor);
  }

  private final Store store;
  private final Object roundLock = new Object();
  private final LogFollower follower = new LogFollower("heed-attention-rollups", this::catchUp);

  public AttentionRollups(Store store) {
    this.store = store;
  }

  /** Starts the background thread that keeps the rollups caught up. */
  public AttentionRollups start() {
    follower.start();
    return this;
  }

  /** Asks the background thread for a round soon (new events were committed). */
  public void nudge() {
    follower.nudge();
  }

  /** The last background failure (null when the last round succeeded). */
  public String lastError() {
    return follower.lastError();
  }

  /** Whether every event in the log is in the rollups now. */
  public boolean caughtUp() {
    long cursor = store.attention().cursor();
    return store.events().scan(EventQuery.all(1).after(cursor)).isEmpty();
  }

  /** Rolls up every event after the cursor; returns how many events were read. */
  public long catchUp() {
    return catchUp((events, cursor) -> {});
  }

  public long catchUp(Listener listener) {
    synchronized (roundLock) {
      long done = 0;
      boolean background = follower.onFollowerThread();
      while (!(background && follower.closed())) { // the background thread stops early on close
        int n = round();
        if (n < 0) {
          continue; // another roller moved the cursor: read again from where it is now
        }
        done += n;
        listener.rolledUp(done, store.attention().cursor());
        if (n < PAGE) {
          return done;
        }
      }
      return done;
    }
  }

  /** Empties the rollups and rolls up the whole log again; returns how many events were read. */
  public long rebuild(Listener listener) {
    synchronized (roundLock) {
      store.attention().clear();
      return catchUp(listener);
    }
  }

  /**
   * One page: the events after the cursor, their counts, applied with the cursor moved to the last
   * one. Returns the events read, or -1 when the cursor moved meanwhile.
   */
  private int round() {
    AttentionStore rollups = store.attention();
    long cursor = rollups.cursor();
    List<StoredEvent> page = store.events().scan(EventQuery.all(PAGE).after(cursor));
    if (page.isEmpty()) {
      return 0;
    }
    Map<String, Item> items = new HashMap<>();
    RollupDeltas deltas = new RollupDeltas();
    for (StoredEvent se : page) {
      Event e = se.event();
      if (RollupDeltas.counts(e) && e.itemId() != null) {
        Item item = items.computeIfAbsent(e.itemId(), id -> store.items().get(id).orElse(null));
        deltas.add(e, item);
      }
    }
    return rollups.apply(deltas.result(), cursor, page.getLast().seq()) ? page.size() : -1;
  }

  /** Stops the background thread (a round in progress finishes first). */
  @Override
  public void close() {
    follower.close();
  }
}
