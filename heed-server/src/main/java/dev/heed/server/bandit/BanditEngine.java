package dev.heed.server.bandit;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.Store;
import dev.heed.api.store.StoredEvent;
import dev.heed.core.experiment.bandit.ArmStats;
import dev.heed.core.experiment.bandit.HeadlineVariants;
import dev.heed.core.experiment.bandit.HeadlineVariants.Variant;
import dev.heed.core.experiment.bandit.ThompsonSampling;
import dev.heed.core.store.LogFollower;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bandit statistics inside a running Heed: impressions and clicks per item (for fresh-item
 * exploration) and per headline variant of an item (for choosing the variant a feed shows by
 * Thompson sampling).
 *
 * <p>The statistics are derived from the event log, not stored: a background thread follows the log
 * behind an in-memory cursor, from the first event at start (so a restart rebuilds exactly what was
 * there, except events naming a variant that was defined only after they were counted) and then as
 * commits wake it. An impression or click counts toward a variant when its context's {@code
 * variant} names one of the item's current variants and it names no experiment. Counts are per
 * variant name: a renamed variant starts over, an edited one keeps its name's counts.
 */
public final class BanditEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BanditEngine.class);
  static final int PAGE = 5_000;

  /** A variant with its counts. */
  public record VariantStats(Variant variant, ArmStats.Counts counts) {}

  private final Store store;
  private final ThompsonSampling sampler;
  private final Map<String, List<Variant>> variants = new ConcurrentHashMap<>();
  private final Map<String, ArmStats> byVariant = new ConcurrentHashMap<>();
  private final Map<String, ArmStats> byItem = new ConcurrentHashMap<>();
  private final Object followLock = new Object();
  private volatile boolean loaded;
  private volatile long cursor;
  private final LogFollower follower = new LogFollower("heed-bandits", this::catchUp);

  public BanditEngine(Store store, ThompsonSampling sampler) {
    this.store = store;
    this.sampler = sampler;
  }

  public ThompsonSampling sampler() {
    return sampler;
  }

  /** Reads the variant definitions of the catalog once (on first use). */
  private void load() {
    if (loaded) {
      return;
    }
    synchronized (this) {
      if (!loaded) {
        for (Item item : store.items().all()) {
          observe(item);
        }
        loaded = true;
      }
    }
  }

  // ---- definitions, from the write paths

  /** An item was written: its variants (if any) are the ones shown from now on. */
  public void observe(Item item) {
    List<Variant> v = HeadlineVariants.of(item);
    if (v.isEmpty()) {
      variants.remove(item.id());
    } else {
      variants.put(item.id(), v);
    }
  }

  /** An item was deleted: its statistics go too. */
  public void observeDeleted(String itemId) {
    List<Variant> old = variants.remove(itemId);
    if (old != null) {
      old.forEach(v -> byVariant.remove(key(itemId, v.name())));
    }
    byItem.remove(itemId);
  }

  private static String key(String itemId, String variant) {
    return itemId + "\n" + variant;
  }

  // ---- serving

  /**
   * The variant of {@code itemId} to show now: the one whose posterior draw of its click rate is
   * highest; null when the item has no variants.
   */
  public Variant choose(String itemId, UniformRandomProvider random) {
    load();
    List<Variant> v = variants.get(itemId);
    if (v == null) {
      return null;
    }
    Variant best = null;
    double bestDraw = Double.NEGATIVE_INFINITY;
    for (Variant variant : v) {
      double draw = sampler.sample(counts(itemId, variant.name()), random);
      if (draw > bestDraw) {
        best = variant;
        bestDraw = draw;
      }
    }
    return best;
  }

  /** The item's variants with their counts, in definition order (empty without variants). */
  public List<VariantStats> variants(String itemId) {
    load();
    List<Variant> v = variants.getOrDefault(itemId, List.of());
    return v.stream().map(x -> new VariantStats(x, counts(itemId, x.name()))).toList();
  }

  private ArmStats.Counts counts(String itemId, String variant) {
    ArmStats s = byVariant.get(key(itemId, variant));
    return s == null ? new ArmStats.Counts(0, 0) : s.counts(0);
  }

  /** The item's impressions and clicks over all its showings. */
  public ArmStats.Counts item(String itemId) {
    ArmStats s = byItem.get(itemId);
    return s == null ? new ArmStats.Counts(0, 0) : s.counts(0);
  }

  // ---- the follower

  /** Counts one event of the log. */
  void count(Event e) {
    switch (e) {
      case Event.Impression i -> {
        byItem.computeIfAbsent(i.itemId(), k -> new ArmStats(1)).impression(0);
        // The impression's variant field belongs to A/B tests (it needs an experiment).
        String variant = i.context().get("variant");
        boolean experiment = i.experiment() != null || i.context().get("experiment") != null;
        if (variant != null && !experiment && defined(i.itemId(), variant)) {
          byVariant.computeIfAbsent(key(i.itemId(), variant), k -> new ArmStats(1)).impression(0);
        }
      }
      case Event.Click c -> {
        byItem.computeIfAbsent(c.itemId(), k -> new ArmStats(1)).click(0);
        String variant = c.context().get("variant");
        if (variant != null
            && c.context().get("experiment") == null
            && defined(c.itemId(), variant)) {
          byVariant.computeIfAbsent(key(c.itemId(), variant), k -> new ArmStats(1)).click(0);
        }
      }
      case Event.Dwell d -> {}
      case Event.Complete c -> {}
      case Event.Like l -> {}
      case Event.Dislike d -> {}
      case Event.Share s -> {}
      case Event.Rating r -> {}
      case Event.Purchase p -> {}
      case Event.Search s -> {}
      case Event.Review r -> {}
    }
  }

  private boolean defined(String itemId, String variant) {
    List<Variant> v = variants.get(itemId);
    return v != null && v.stream().anyMatch(x -> x.name().equals(variant));
  }

  /** Starts the thread that counts the log (from its first event). */
  public void start() {
    follower.start();
  }

  /** Asks the follower for a round soon (new events were committed). */
  public void nudge() {
    follower.nudge();
  }

  /** Counts every event after the cursor; returns how many were read. */
  public long catchUp() {
    load();
    synchronized (followLock) {
      long done = 0;
      while (!follower.closed()) {
        List<StoredEvent> page = store.events().scan(EventQuery.all(PAGE).after(cursor));
        for (StoredEvent se : page) {
          count(se.event());
        }
        done += page.size();
        if (!page.isEmpty()) {
          cursor = page.getLast().seq();
        }
        if (page.size() < PAGE) {
          return done;
        }
      }
      return done;
    }
  }

  /** The seq of the last event counted. */
  public long cursor() {
    return cursor;
  }

  @Override
  public void close() {
    follower.close();
  }
}
