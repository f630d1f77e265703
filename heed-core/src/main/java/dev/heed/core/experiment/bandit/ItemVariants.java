package dev.heed.core.experiment.bandit;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * One bandit per item over its variants (headlines, thumbnails): which variant of item X to show,
 * and the impressions and clicks each variant earned. Safe for many request threads; each thread
 * passes its own random source ({@link UniformRandomProvider}s are not thread-safe).
 */
public final class ItemVariants {
  private final BanditPolicy policy;
  private final ConcurrentHashMap<String, ArmStats> items = new ConcurrentHashMap<>();

  public ItemVariants(BanditPolicy policy) {
    this.policy = policy;
  }

  /**
   * The variant of {@code itemId} to show, in {@code [0, variants)}. Records nothing: the
   * impression is recorded when the variant is actually shown. When the item's number of variants
   * changed, its statistics start over, since the old counts describe other headlines.
   */
  public int choose(String itemId, int variants, UniformRandomProvider random) {
    if (variants < 1) {
      throw new IllegalArgumentException("item " + itemId + " needs at least one variant");
    }
    ArmStats stats = items.get(itemId);
    if (stats == null || stats.size() != variants) {
      stats =
          items.compute(
              itemId,
              (id, old) -> old != null && old.size() == variants ? old : new ArmStats(variants));
    }
    return policy.choose(stats, random);
  }

  /**
   * Records that a variant was shown; false (nothing recorded) when the item has no such variant.
   */
  public boolean impression(String itemId, int variant) {
    ArmStats stats = items.get(itemId);
    if (stats == null || variant < 0 || variant >= stats.size()) {
      return false;
    }
    stats.impression(variant);
    return true;
  }

  /** Records a click on a variant; false (nothing recorded) when the item has no such variant. */
  public boolean click(String itemId, int variant) {
    ArmStats stats = items.get(itemId);
    if (stats == null || variant < 0 || variant >= stats.size()) {
      return false;
    }
    stats.click(variant);
    return true;
  }

  /** The item's statistics, or null when none of its variants was chosen yet. */
  public ArmStats stats(String itemId) {
    return items.get(itemId);
  }

  /** Forgets an item (deleted, or its test is over). */
  public void remove(String itemId) {
    items.remove(itemId);
  }
}
